// A loopback port nothing listens on (one the system just handed out, closed again): a server that is
// not there, whose connections are refused. Never one a client has talked to, whose kept-alive socket
// would fail differently (closed, not refused).
import { createServer, type AddressInfo } from 'node:net';

export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

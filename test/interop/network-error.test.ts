// A request that gets no answer says why, with its cause, in Node where the cause is known: a refused
// connection, a blocked port, a failed DNS lookup, TLS (a plain-http server, an untrusted certificate),
// a dropped connection, a timeout. A browser hides the cause; there a server that answers a no-cors
// request is one that refuses this page (CORS) — the browser's side is tested in test/e2e/server-errors.
// The certificate in test/fixtures/tls is self-signed for localhost, made once with
// `openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj /CN=localhost`.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../../src/interop/rest/http';
import { NetworkError, networkFailure } from '../../src/interop/rest/network-error';
import { closedPort } from './closed-port';

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy(); // a silent server's connection stays open
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

async function listening<S extends Server>(server: S): Promise<number> {
  servers.push(server);
  server.on('connection', (socket: Socket) => sockets.push(socket));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

/** The error of one call to `experiments/search` at `baseUrl`, with no retries. */
async function failure(baseUrl: string, timeoutMs = 5000): Promise<NetworkError> {
  const err = await api({ baseUrl, retries: 0, timeoutMs }, 'POST', 'experiments/search', { max_results: 1 }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(NetworkError);
  expect(err).toMatchObject({ code: 'NETWORK_ERROR' });
  return err as NetworkError;
}

describe('network failures, each with its cause', () => {
  it('a refused connection', async () => {
    const port = await closedPort();
    const err = await failure(`http://127.0.0.1:${port}`);
    expect(err.reason).toBe('refused');
    expect(err.message).toBe(
      `The connection to 127.0.0.1:${port} was refused: nothing is listening there. Check that the MLflow server ` +
        `is running (mlflow server --port ${port}) and that the URL is right.`,
    );
    expect(err.transient).toBe(true); // a server restarting: worth the retries
  });

  it('a port browsers and fetch never connect to', async () => {
    for (const port of [1, 6000, 6667]) {
      const err = await failure(`http://127.0.0.1:${port}`);
      expect(err.reason).toBe('bad-port');
      expect(err.message).toBe(
        `Port ${port} is blocked by browsers and fetch (it is on the Fetch standard's list of "bad ports", kept ` +
          `for other protocols), so http://127.0.0.1:${port} cannot be reached from here. Run the MLflow server on ` +
          `another port, e.g. mlflow server --port 5000.`,
      );
      expect(err.transient).toBe(false);
    }
  });

  it('a host name DNS does not know', async () => {
    const err = await failure('http://mlflow.invalid:5000');
    expect(err.reason).toBe('dns');
    expect(err.message).toMatch(
      new RegExp(
        String.raw`^The host name 'mlflow\.invalid' could not be found \(DNS, (ENOTFOUND|EAI_AGAIN)\)\. Check the ` +
          String.raw`URL, and the network or VPN it needs\.$`,
      ),
    );
  });

  it('https to a server that speaks plain http, and a certificate that is not trusted', async () => {
    const plain = await listening(createHttpServer((_, res) => res.end('{}')));
    const wrong = await failure(`https://127.0.0.1:${plain}`);
    expect(wrong.reason).toBe('tls');
    expect(wrong.message).toMatch(
      new RegExp(
        `^The secure connection to 127\\.0\\.0\\.1:${plain} failed \\(\\w+\\)\\. The server does not speak https ` +
          `there: try http:// instead\\.$`,
      ),
    );

    const fixtures = resolve(__dirname, '../fixtures/tls');
    const tls = await listening(
      createHttpsServer(
        { key: readFileSync(`${fixtures}/self-signed.key`), cert: readFileSync(`${fixtures}/self-signed.crt`) },
        (_, res) => res.end('{}'),
      ),
    );
    const untrusted = await failure(`https://localhost:${tls}`);
    expect(untrusted.reason).toBe('tls');
    expect(untrusted.message).toBe(
      `The secure connection to localhost:${tls} failed (DEPTH_ZERO_SELF_SIGNED_CERT). Its certificate is not ` +
        `trusted here: use one from a trusted authority, or trust its authority on this machine ` +
        `(NODE_EXTRA_CA_CERTS for Node).`,
    );
    expect(untrusted.transient).toBe(false);
  });

  it('a connection dropped before an answer, and a server that never answers', async () => {
    const dropping = await listening(createTcpServer((socket) => socket.destroy()));
    const dropped = await failure(`http://127.0.0.1:${dropping}`);
    expect(dropped.reason).toBe('reset');
    expect(dropped.message).toMatch(
      new RegExp(
        `^The connection to 127\\.0\\.0\\.1:${dropping} was closed before the server answered ` +
          `\\((ECONNRESET|UND_ERR_SOCKET)\\)\\.`,
      ),
    );

    const silent = await listening(createTcpServer(() => {}));
    const timedOut = await failure(`http://127.0.0.1:${silent}`, 200);
    expect(timedOut.reason).toBe('timeout');
    expect(timedOut.message).toBe(
      `The request to http://127.0.0.1:${silent}/api/2.0/mlflow/experiments/search timed out after 200 ms: the ` +
        `server at http://127.0.0.1:${silent} did not answer. Check that it is running and reachable.`,
    );
  });

  it("tells CORS from an unreachable server when the cause is hidden (a browser's 'Failed to fetch')", async () => {
    const hidden = new TypeError('Failed to fetch');
    const cors = await networkFailure(
      'http://127.0.0.1:5000/api/2.0/mlflow/runs/create',
      hidden,
      null,
      async () => true,
    );
    expect(cors.reason).toBe('cors');
    expect(cors.message).toMatch(
      new RegExp(
        String.raw`^The server at http:\/\/127\.0\.0\.1:5000 answered, but does not allow requests from this page: ` +
          String.raw`it sends no CORS headers\. MLflow 2\.x servers send none`,
      ),
    );
    // A server that let this page make such requests before is not refusing it now: a lost connection, worth a retry.
    const lost = await networkFailure(
      'http://127.0.0.1:5000/api/2.0/mlflow/runs/create',
      hidden,
      null,
      async () => true,
      true,
    );
    expect(lost).toMatchObject({ reason: 'reset', transient: true });
    expect(lost.message).toBe(
      'The connection to 127.0.0.1:5000 was lost before the server answered (the browser does not say why); the ' +
        'server answered this page before, so this may pass: try again.',
    );
    const unreachable = await networkFailure(
      'http://127.0.0.1:5000/api/2.0/mlflow/runs/create',
      hidden,
      null,
      async () => {
        throw hidden;
      },
    );
    expect(unreachable.reason).toBe('unreachable');
    expect(unreachable.message).toBe(
      'Could not connect to http://127.0.0.1:5000: the server is not running, its name does not resolve, or its ' +
        'certificate is not trusted — the browser does not say which. Open http://127.0.0.1:5000 in a new tab to ' +
        "see the browser's own error.",
    );
  });
});

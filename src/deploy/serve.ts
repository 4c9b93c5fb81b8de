// `kiroku models serve`: load the model, then listen — in this process, or in `workers` processes
// sharing the port (node:cluster, gunicorn's -w), each loading the model itself. A worker that dies is
// replaced. Prints gunicorn's "Listening at: http://host:port" once every worker listens.
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { createScoringServer, DEFAULT_MAX_BODY_BYTES } from './scoring-server';
import { openModel } from './open-model';
import type { TrackingServer } from './tracking-server-model';

export interface ServeOptions extends TrackingServer {
  model: string;
  port: number;
  host: string;
  workers: number;
  maxBodyBytes?: number;
  version: string;
  log?: (line: string) => void;
}

/** Start serving; resolves with the bound address once listening (in the primary, once all workers are). */
export async function serve(options: ServeOptions): Promise<{ host: string; port: number; close(): Promise<void> }> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (options.workers > 1 && cluster.isPrimary) return serveWithWorkers(options, log);
  const model = await openModel(options.model, options);
  const server = createScoringServer(model, {
    version: options.version,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  });
  // A deep accept queue: a burst of connections waits for the event loop instead of being dropped.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.host, backlog: 4096 }, () => resolve());
  });
  // Node ignores SIGTERM when it is a container's PID 1: without this `docker stop` would wait 10 s to kill
  // it. Exit at once, as Node does elsewhere (clients keep idle connections open for a minute, so waiting
  // for server.close() would wait for them).
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(0));
  const address = server.address() as AddressInfo;
  if (cluster.isPrimary) log(`Listening at: http://${hostForUrl(options.host)}:${address.port}`);
  return {
    host: options.host,
    port: address.port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function serveWithWorkers(options: ServeOptions, log: (line: string) => void) {
  let closing = false;
  const fork = () => cluster.fork();
  const workers = Array.from({ length: options.workers }, fork);
  const port = await new Promise<number>((resolve, reject) => {
    let listening = 0;
    cluster.on('listening', (_worker, address) => {
      if (++listening === options.workers) resolve(address.port);
    });
    cluster.on('exit', (worker, code) => {
      if (closing) return;
      if (listening < options.workers)
        reject(new Error(`A worker exited with code ${code} before listening; see its error above.`));
      else {
        log(`Worker ${worker.process.pid} exited with code ${code}; starting another.`);
        workers.push(fork());
      }
    });
  });
  log(`Listening at: http://${hostForUrl(options.host)}:${port} (${options.workers} workers)`);
  const close = async () => {
    closing = true;
    await Promise.all(
      Object.values(cluster.workers ?? {}).map(
        (w) =>
          new Promise<void>((resolve) => {
            if (!w || w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.kill();
          }),
      ),
    );
  };
  // Stopping the primary (docker stop, Ctrl-C) stops its workers first.
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => void close().then(() => process.exit(0)));
  return { host: options.host, port, close };
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

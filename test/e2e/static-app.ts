// The built app served by a plain node:http server with the app's isolation headers (COOP/COEP), from
// a folder a test may swap for another build (offline-update) or a server a test may stop (offline:
// the network really gone, for the page and its service worker alike — the browser's offline emulation
// reaches a service worker that restarts only a moment after it has started handling fetches).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.csv': 'text/csv',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export interface StaticApp {
  /** The app's base URL (ends with /). */
  url: string;
  /** Serve another folder from now on (a deploy). */
  setRoot(dir: string): void;
  /** Stop serving, and drop open connections (kept-alive ones would answer otherwise). */
  stop(): Promise<void>;
}

export async function serveStaticApp(root: string): Promise<StaticApp> {
  let current = root;
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(current, path === '/' ? 'index.html' : path));
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'credentialless',
    });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  let stopped: Promise<void> | null = null;
  return {
    url,
    setRoot: (dir) => {
      current = dir;
    },
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

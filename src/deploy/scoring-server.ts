// MLflow's scoring server over node:http: GET /ping and /health (200, "\n"), GET /version, POST
// /invocations (scoring.ts). A body over the limit is refused with 413 before it is read whole (at once
// when Content-Length says so, else as soon as the bytes pass the limit); nothing a request sends can
// stop the server — every failure becomes an answer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { PyFuncModel } from '../logged-model/pyfunc';
import { invocations, type ScoringAnswer } from './scoring';
import { ScoringError } from './scoring-error';

export const DEFAULT_MAX_BODY_BYTES = 100 * 1024 * 1024;

export interface ScoringServerOptions {
  /** What GET /version answers (MLflow answers its own version). */
  version: string;
  /** Largest request body accepted, in bytes (default 100 MB). */
  maxBodyBytes?: number;
}

export function createScoringServer(model: PyFuncModel, options: ScoringServerOptions): Server {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const server = createServer((req, res) => {
    handle(model, options.version, limit, req, res).catch((e) => {
      // Only a bug gets here; the client still gets MLflow's error JSON.
      if (!res.headersSent) send(res, errorAnswer(new ScoringError(`Internal error: ${(e as Error)?.message ?? e}`)));
      else res.destroy();
    });
  });
  // Node closes an idle keep-alive connection after 5 s; a client (undici, a proxy) that sends its next
  // request as that happens gets "other side closed" for a POST it cannot retry — seen here under load,
  // with a burst of 1,000 requests keeping some connections idle for seconds. Clients close theirs first
  // when the server keeps them longer than they do (undici 4 s, proxies 60 s).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  return server;
}

async function handle(
  model: PyFuncModel,
  version: string,
  limit: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/ping' || path === '/health' || path === '/version') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, methodNotAllowed('GET, HEAD'));
    req.resume();
    return send(res, { status: 200, contentType: 'application/json', body: path === '/version' ? version : '\n' });
  }
  if (path !== '/invocations') {
    req.resume();
    return send(res, {
      status: 404,
      contentType: 'text/plain',
      body: 'Not Found: the scoring server answers GET /ping, /health, /version and POST /invocations.',
    });
  }
  if (req.method !== 'POST') {
    req.resume();
    return send(res, methodNotAllowed('POST'));
  }
  const body = await readBody(req, limit);
  if (body === null) {
    // Answer at once, then read the rest and drop it (a client that is still sending then reads the answer
    // instead of a reset connection); one that sends more than another `limit` is cut off.
    discardRest(req, limit);
    return send(res, errorAnswer(tooLarge(limit)));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return send(
      res,
      errorAnswer(
        new ScoringError(
          "Invalid input. The request body is not valid UTF-8 ('utf-8' codec can't decode it).",
          'BAD_REQUEST',
        ),
      ),
    );
  }
  send(res, await invocations(model, text, req.headers['content-type']));
}

/** The body's bytes, or null as soon as it is known to exceed `limit` (the rest left unread). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('error', reject);
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

function discardRest(req: IncomingMessage, cap: number): void {
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > cap) req.socket.destroy();
  });
  req.on('error', () => {});
  req.resume();
}

function tooLarge(limit: number): ScoringError {
  return new ScoringError(
    `The request body is larger than the scoring server's limit of ${formatBytes(limit)} (${limit} bytes). ` +
      'Send fewer rows per request, or start the server with a larger --max-body-size.',
    'RESOURCE_EXHAUSTED',
    {},
    413,
  );
}

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MB` : n % 1024 === 0 ? `${n / 1024} KB` : `${n} bytes`;
}

function methodNotAllowed(allow: string): ScoringAnswer & { allow: string } {
  return { status: 405, contentType: 'text/plain', body: `Method Not Allowed: use ${allow}.`, allow };
}

function errorAnswer(error: ScoringError): ScoringAnswer {
  return { status: error.status, contentType: 'application/json', body: JSON.stringify(error.toJSON()) };
}

function send(res: ServerResponse, answer: ScoringAnswer & { allow?: string }, then?: () => void): void {
  // nosniff: an answer echoing the request (an error message) is never read as anything but its type.
  const headers: Record<string, string | number> = {
    'Content-Type': answer.contentType,
    'Content-Length': Buffer.byteLength(answer.body),
    'X-Content-Type-Options': 'nosniff',
  };
  if (answer.allow) headers.Allow = answer.allow;
  res.writeHead(answer.status, headers);
  res.end(answer.body, then);
}

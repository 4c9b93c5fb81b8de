// A local stand-in for an MLflow tracking server (`mlflow server`, with the artifact proxy and the
// model registry), following MLflow's REST API 2.0 reference where real MLflow 2.x servers (2.12, 2.17,
// sqlite backend) follow it, and those servers where they do not (mlflow-server.test.ts checks each such
// fact): the endpoints a REST tracking store and a REST registry store call, their request and response
// bodies, error_code/message errors with MLflow's statuses and words, and MLflow's limits. In memory, on
// a free loopback port. Like a real 2.x server it sends no CORS headers (an OPTIONS preflight gets a bare
// 200) unless started with `cors: true`, as a server behind a proxy that adds them answers. Failures can
// be injected (an HTTP status, or a hang for timeouts) on matching calls, credentials can be required
// as MLflow's basic-auth app does, and it can misbehave as broken servers do (pages that never end, an
// artifact folder that contains itself) for clients to survive.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from './errors';
import { artifactRoutes, handleProxy, PROXY_PREFIX, type RawResponse } from './artifacts';
import { queryInput, type ApiRequest, type Input } from './request';
import { registryRoutes } from './registry';
import { newState } from './state';
import { trackingRoutes, type Handler } from './tracking';

export interface Failure {
  /** Substring of "METHOD path" to match, e.g. "POST /api/2.0/mlflow/runs/log-batch". */
  match: string;
  status?: number;
  /** The error_code and message answered (default TEMPORARILY_UNAVAILABLE, "Injected failure"). */
  code?: string;
  message?: string;
  hang?: boolean;
  /** Send a 200 and the first bytes of the body, then nothing more (a download that stalls). */
  stall?: boolean;
  times: number;
  /** Only after this many matching calls succeeded. */
  after?: number;
}

export interface MlflowTestServerOptions {
  /** Start with experiment "0", "Default", as a real server does (default true); ids then go "1", "2", …. */
  defaultExperiment?: boolean;
  /** Answer 401 to requests without these credentials (`Authorization: Basic …` or `Bearer …`). */
  auth?: { username: string; password: string } | { token: string };
  /** Answer every request this much later, as a server across a network would (benchmarks). */
  latencyMs?: number;
  /**
   * Allow requests from any page (Access-Control-* headers), as a server behind a proxy that adds them
   * does. A real MLflow 2.x server sends none, so a browser page on another origin cannot call it.
   */
  cors?: boolean;
  /** Ways a broken server (or a proxy in front of one) answers, for clients to survive. */
  misbehave?: Misbehaviour;
}

export interface Misbehaviour {
  /**
   * Every answer of a paged call names a next page, and the page_token sent is ignored (the first page
   * comes again): 'same' sends the same token each time, 'fresh' a new one each time.
   */
  endlessPages?: 'same' | 'fresh';
  /**
   * A run's artifact folder of this name contains itself. 'nested' (a symlink to itself): listing
   * `<name>` shows `<name>/<name>`, and so on down. 'same': listing `<name>` shows `<name>` again.
   */
  folderContainingItself?: { name: string; kind: 'nested' | 'same' };
}

/** The calls that answer in pages (MLflow's next_page_token). */
const PAGED = new Set([
  'mlflow/experiments/search',
  'mlflow/runs/search',
  'mlflow/metrics/get-history',
  'mlflow/registered-models/search',
  'mlflow/model-versions/search',
  'mlflow/artifacts/list',
]);

/** The answer as the misbehaving server gives it. */
function misbehaved(m: Misbehaviour, path: string, input: Input, result: unknown, pageCount: () => number): unknown {
  let out = result as Record<string, unknown>;
  const loop = m.folderContainingItself;
  if (loop && path === 'mlflow/artifacts/list') {
    const dir = typeof input.path === 'string' ? input.path : '';
    const files = [...((out.files as unknown[] | undefined) ?? [])];
    if (!dir) files.push({ path: loop.name, is_dir: true });
    else if (dir === loop.name || dir.endsWith(`/${loop.name}`))
      files.push({ path: loop.kind === 'nested' ? `${dir}/${loop.name}` : dir, is_dir: true });
    out = { ...out, files };
  }
  if (m.endlessPages && PAGED.has(path))
    out = { ...out, next_page_token: m.endlessPages === 'same' ? 'again' : `page-${pageCount()}` };
  return out;
}

/** One request as it arrived, for tests that check what a client sent. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string without '?', '' when none. */
  query: string;
  contentType?: string;
  authorization?: string;
  /** The parsed JSON body; undefined for an empty or binary body. */
  body?: unknown;
}

/**
 * MLflow 2.x serves a GraphQL endpoint for its own UI, whose resolvers fail on some backends and
 * versions: a client must not depend on it, so here it always fails.
 */
const GRAPHQL_FAILURE = new ApiError(
  'INTERNAL_ERROR',
  'GraphQL is not served by this stand-in: MLflow clients use the REST API.',
  500,
);

const ROUTES: Record<string, Handler> = { ...trackingRoutes, ...artifactRoutes, ...registryRoutes };
const PATHS = new Set(Object.keys(ROUTES).map((k) => k.slice(k.indexOf(' ') + 1)));

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
};

function read(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

/** Flask's `get_json(force=True, silent=True)`: a body that is not JSON reads as empty. */
function jsonBody(raw: Buffer): Input | undefined {
  if (!raw.length) return undefined;
  try {
    let v: unknown = JSON.parse(raw.toString('utf8'));
    if (typeof v === 'string') v = JSON.parse(v); // older clients double-encode; MLflow decodes twice
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Input) : undefined;
  } catch {
    return undefined;
  }
}

function authorized(header: string | undefined, auth: MlflowTestServerOptions['auth']): boolean {
  if (!auth) return true;
  if ('token' in auth) return header === `Bearer ${auth.token}`;
  return header === `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
}

/** MLflow's handlers read JSON bodies only with Content-Type application/json (POST and PUT). */
function checkContentType(method: string, contentType: string | undefined) {
  if (method !== 'POST' && method !== 'PUT') return;
  if (!contentType) throw new ApiError('INVALID_PARAMETER_VALUE', 'Bad Request. Content-Type header is missing.');
  if (contentType.split(';')[0]!.trim() !== 'application/json') {
    throw new ApiError('INVALID_PARAMETER_VALUE', "Bad Request. Content-Type must be one of ['application/json'].");
  }
}

export async function startMlflowTestServer(options: MlflowTestServerOptions = {}) {
  const state = newState(options.defaultExperiment ?? true);
  const cors = options.cors ? CORS : {};
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...cors });
    res.end(JSON.stringify(body));
  };
  const sendError = (res: ServerResponse, e: ApiError) =>
    send(res, e.status, { error_code: e.code, message: e.message });
  const calls: string[] = [];
  const requests: RecordedRequest[] = [];
  const authorizations: string[] = [];
  const failures: Failure[] = [];
  const seen = new Map<Failure, number>();
  let pages = 0;

  /** Answers with an injected failure, or says there is none. */
  function injectedFailure(call: string, res: ServerResponse): boolean {
    for (const f of failures) {
      if (f.times <= 0 || !call.includes(f.match)) continue;
      const n = seen.get(f) ?? 0;
      seen.set(f, n + 1);
      if (n < (f.after ?? 0)) continue;
      f.times--;
      if (f.stall) {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', ...cors });
        res.write('partial');
        return true;
      }
      if (!f.hang)
        sendError(
          res,
          new ApiError(f.code ?? 'TEMPORARILY_UNAVAILABLE', f.message ?? 'Injected failure', f.status ?? 503),
        ); // a hang never answers: the client times out
      return true;
    }
    return false;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    const url = new URL(req.url!, 'http://x');
    const method = req.method ?? 'GET';
    const call = `${method} ${url.pathname}`;
    calls.push(call);
    const authorization = req.headers.authorization;
    authorizations.push(authorization ?? '');
    if (!authorized(authorization, options.auth)) {
      res.writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Basic realm="mlflow"', ...cors });
      return res.end(
        'You are not authenticated. Please see ' +
          'https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.',
      );
    }
    if (injectedFailure(call, res)) return;
    if (url.pathname === '/graphql') throw GRAPHQL_FAILURE;
    const raw = await read(req);
    const contentType = req.headers['content-type'];
    const path = /^\/(?:ajax-)?api\/2\.0\/(.*)$/.exec(url.pathname)?.[1];
    const isProxy = path !== undefined && (path === PROXY_PREFIX || path.startsWith(`${PROXY_PREFIX}/`));
    const body = isProxy && method === 'PUT' ? undefined : jsonBody(raw);
    requests.push({ method, path: url.pathname, query: url.search.slice(1), contentType, authorization, body });
    if (path === undefined || (!isProxy && !PATHS.has(path)))
      throw new ApiError('ENDPOINT_NOT_FOUND', `No endpoint ${call}`);
    // GET reads the query string; other methods the JSON body (DELETE falls back to the query string).
    const query = queryInput(url.searchParams);
    const input = method === 'GET' ? query : method === 'DELETE' ? { ...query, ...body } : (body ?? {});
    if (options.misbehave?.endlessPages && PAGED.has(path)) delete input.page_token; // the first page, always
    const request: ApiRequest = { method, path, input, raw, query: url.searchParams };
    let result: unknown;
    if (isProxy) {
      result = handleProxy(request, state);
    } else {
      const handler = ROUTES[`${method} ${path}`];
      if (!handler) throw new ApiError('BAD_REQUEST', 'The method is not allowed for the requested URL.', 405);
      checkContentType(method, contentType);
      result = handler(request, state);
      if (options.misbehave) result = misbehaved(options.misbehave, path, input, result, () => ++pages);
    }
    if ((result as RawResponse).raw === true) {
      const r = result as RawResponse;
      res.writeHead(r.status, { ...r.headers, ...cors });
      return res.end(r.body);
    }
    send(res, 200, result);
  }

  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      // Flask answers OPTIONS itself: 200 and the allowed methods, and no Access-Control-* headers
      // unless something adds them, so a browser's preflight fails against a bare MLflow 2.x server.
      if (options.cors) res.writeHead(204, CORS);
      else
        res.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          Allow: 'GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE',
        });
      return res.end();
    }
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return;
      sendError(
        res,
        err instanceof ApiError ? err : new ApiError('INTERNAL_ERROR', String((err as Error)?.stack ?? err)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    experiments: state.experiments,
    runs: state.runs,
    artifacts: state.artifacts,
    registeredModels: state.registeredModels,
    /** "METHOD /path" of every request, in order (failed and injected ones too). */
    calls,
    /** Every request that reached the routing, with its body. */
    requests,
    /** The Authorization header of every request, in order ('' when none). */
    authorizations,
    failures,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type MlflowTestServer = Awaited<ReturnType<typeof startMlflowTestServer>>;

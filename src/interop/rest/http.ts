// Calls to an MLflow tracking server's REST API 2.0: JSON in and out, a timeout per request, retries
// with exponential backoff for what may pass (a refused or dropped connection, timeouts, 429, 5xx), the
// server's own `error_code` and `message` passed to the user as they are, and a request that got no
// answer said with its cause (network-error.ts).
import { KirokuError } from '../../lib/errors';
import type { ServerOptions } from '../../lib/server-options';
import { blockedRequest, networkFailure } from './network-error';
import { beginWait, cancelledError } from '../../lib/waits';

/** A server and how to reach it: credentials, timeout, retries and backoff (see ServerOptions). */
export interface RestOptions extends ServerOptions {
  /** e.g. "https://mlflow.example.com" (no trailing /api). */
  baseUrl: string;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

export class MlflowServerError extends KirokuError {
  constructor(
    message: string,
    code: string,
    readonly status: number,
  ) {
    super(message, code);
    this.name = 'MlflowServerError';
  }
}

const sleep = (ms: number, signal: AbortSignal, cancelled: () => Error) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(cancelled());
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(cancelled());
      },
      { once: true },
    );
  });

function retryable(status: number): boolean {
  return status === 429 || status >= 500;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Ride out a server restart or a network blip of ~15 s (0.5 + 1 + 2 + 4 + 8) before giving up, as
 * MLflow's client retries (its own defaults wait up to minutes, too long for a notebook cell).
 */
const DEFAULT_RETRIES = 5;
const DEFAULT_BACKOFF_MS = 500;

function authorization(o: RestOptions): Record<string, string> {
  if (o.token) return { Authorization: `Bearer ${o.token}` };
  // MLflow's basic-auth app (MLFLOW_TRACKING_USERNAME / _PASSWORD).
  if (o.username !== undefined)
    return { Authorization: `Basic ${btoa(unescape(encodeURIComponent(`${o.username}:${o.password ?? ''}`)))}` };
  return {};
}

/** `mlflow/<path>` is the tracking API; `mlflow-artifacts/…` the artifact proxy (both under /api/2.0). */
export function endpointUrl(o: RestOptions, path: string, query?: Record<string, string>): string {
  const base = o.baseUrl.replace(/\/+$/, '');
  const api = path.startsWith('mlflow-artifacts/') ? path : `mlflow/${path}`;
  return `${base}/api/2.0/${api}${query ? `?${new URLSearchParams(query)}` : ''}`;
}

/**
 * Credentials go to the server's API only: `/api/2.0/mlflow/` and the artifact proxy
 * `/api/2.0/mlflow-artifacts/` under its URL. A URL that resolves elsewhere (dot segments in a path
 * that came from the server) is refused before anything is sent.
 */
function checkInsideApi(baseUrl: string, url: string): void {
  const base = new URL(`${baseUrl.replace(/\/+$/, '')}/`);
  const target = new URL(url);
  const api = `${base.pathname}api/2.0/`;
  if (
    target.origin !== base.origin ||
    !(target.pathname.startsWith(`${api}mlflow/`) || target.pathname.startsWith(`${api}mlflow-artifacts/`))
  ) {
    throw new KirokuError(
      `Refused to call ${target.origin}${target.pathname}: it is outside the server's API ` +
        `(${base.origin}${api}mlflow/ and …/mlflow-artifacts/), where its credentials may go.`,
      'INVALID_PARAMETER_VALUE',
    );
  }
}

/** `origin method` of the requests answered so far: once one was, CORS lets that kind through. */
const answered = new Set<string>();

/**
 * One request with the timeout and retries; resolves with the successful response. The whole of it —
 * each attempt and each backoff — is a wait the user can cancel (lib/waits.ts), as is `o.signal`.
 */
async function request<T>(
  o: RestOptions,
  method: Method,
  path: string,
  body: unknown,
  query: Record<string, string> | undefined,
  read: (res: Response) => Promise<T>,
): Promise<T> {
  const url = endpointUrl(o, path, query);
  checkInsideApi(o.baseUrl, url);
  const blocked = blockedRequest(url);
  if (blocked) throw blocked;
  const host = new URL(url).host;
  const wait = beginWait(host);
  try {
    const cancelled = () => (o.signal?.aborted ? new KirokuError('Cancelled.', 'CANCELLED') : cancelledError(host));
    const res = await attempts(o, method, url, body, wait.signal, cancelled);
    // The body is part of the wait: a server may send its headers and then stall.
    return await read(res).catch((err: unknown) => {
      throw wait.signal.aborted || o.signal?.aborted ? cancelled() : err;
    });
  } finally {
    wait.end();
  }
}

async function attempts(
  o: RestOptions,
  method: Method,
  url: string,
  body: unknown,
  userCancel: AbortSignal,
  cancelled: () => Error,
): Promise<Response> {
  const doFetch = o.fetch ?? fetch;
  const retries = o.retries ?? DEFAULT_RETRIES;
  let delay = o.backoffMs ?? DEFAULT_BACKOFF_MS;
  const isBytes = body instanceof Uint8Array || body instanceof ArrayBuffer || body instanceof Blob;
  const headers = {
    ...(isBytes
      ? { 'Content-Type': 'application/octet-stream' }
      : body !== undefined
        ? { 'Content-Type': 'application/json' }
        : {}),
    ...authorization(o),
  };
  const payload = body === undefined ? undefined : isBytes ? (body as BodyInit) : JSON.stringify(body);
  const timeoutMs = o.timeoutMs ?? 15_000;
  const cancel = o.signal ? AbortSignal.any([o.signal, userCancel]) : userCancel;
  // Does the server answer at all? A no-cors GET needs no CORS headers (its answer is opaque).
  const probe = () =>
    doFetch(url, { mode: 'no-cors', signal: AbortSignal.any([cancel, AbortSignal.timeout(timeoutMs)]) }).then(
      () => true,
    );
  const kind = `${new URL(url).origin} ${method}`;
  for (let attempt = 0; ; attempt++) {
    if (cancel.aborted) throw cancelled();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([cancel, timeout]);
    let res: Response;
    try {
      res = await doFetch(url, { method, signal, headers, ...(payload !== undefined ? { body: payload } : {}) });
    } catch (err) {
      if (cancel.aborted) throw cancelled();
      const failure = await networkFailure(url, err, timeout.aborted ? timeoutMs : null, probe, answered.has(kind));
      if (failure.transient && attempt < retries) {
        await sleep(delay, cancel, cancelled);
        delay *= 2;
        continue;
      }
      throw failure;
    }
    answered.add(kind);
    if (res.ok) return res;
    if (retryable(res.status) && attempt < retries) {
      await res.body?.cancel().catch(() => {});
      await sleep(delay, cancel, cancelled);
      delay *= 2;
      continue;
    }
    let code = `HTTP_${res.status}`;
    let message = `${res.status} ${res.statusText}`;
    try {
      const err = (await res.json()) as { error_code?: string; message?: string };
      if (err.error_code) code = err.error_code;
      if (err.message) message = err.message;
    } catch {
      // not JSON: keep the HTTP status
    }
    throw new MlflowServerError(message, code, res.status);
  }
}

/** One API call: `api(o, 'POST', 'runs/create', body)` → parsed JSON. */
export async function api<T = Record<string, unknown>>(
  o: RestOptions,
  method: Method,
  path: string,
  body?: unknown,
  query?: Record<string, string>,
): Promise<T> {
  const text = await request(o, method, path, body, query, (res) => res.text());
  return (text ? JSON.parse(text) : {}) as T;
}

/** A call answered with raw bytes (an artifact download). */
export async function apiBytes(
  o: RestOptions,
  path: string,
): Promise<{ bytes: ArrayBuffer; contentType: string | null }> {
  return request(o, 'GET', path, undefined, undefined, async (res) => ({
    bytes: await res.arrayBuffer(),
    contentType: res.headers.get('Content-Type'),
  }));
}

/** The value, or undefined when the server says the thing does not exist (RESOURCE_DOES_NOT_EXIST / 404). */
export async function orUndefined<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof MlflowServerError && (err.code === 'RESOURCE_DOES_NOT_EXIST' || err.status === 404))
      return undefined;
    throw err;
  }
}

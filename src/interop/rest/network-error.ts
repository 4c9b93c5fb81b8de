// Why a request to a tracking server never got an answer, said with its cause and what to do. Node
// (undici) names the cause (`err.cause.code`: ECONNREFUSED, ENOTFOUND, a TLS error); a browser says only
// "Failed to fetch", so there a refused connection, a failed DNS lookup and an untrusted certificate read
// alike — but a server that answers a plain no-cors request and refused ours is one that sends no CORS
// headers, and a blocked port or mixed content is known before sending anything.
import { KirokuError } from '../../lib/errors';

export type NetworkFailure =
  | 'bad-port'
  | 'mixed-content'
  | 'refused'
  | 'dns'
  | 'tls'
  | 'reset'
  | 'timeout'
  | 'cors'
  | 'unreachable'
  | 'other';

export class NetworkError extends KirokuError {
  constructor(
    message: string,
    readonly reason: NetworkFailure,
    readonly url: string,
  ) {
    super(message, 'NETWORK_ERROR');
    this.name = 'NetworkError';
  }

  /** Whether trying again may help (a server restarting, a network blip), or the same will happen again. */
  get transient(): boolean {
    return (
      this.reason === 'refused' ||
      this.reason === 'reset' ||
      this.reason === 'timeout' ||
      this.reason === 'unreachable' ||
      this.reason === 'other'
    );
  }
}

/** Ports no browser (and no fetch) connects to: https://fetch.spec.whatwg.org/#block-bad-port */
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110,
  111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532,
  540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061,
  6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

const LOOPBACK = /^(localhost|127(?:\.\d+){3}|\[::1\])$/i;

function pageOrigin(): string | undefined {
  const loc = (globalThis as { location?: { protocol?: string; origin?: string } }).location;
  return loc?.protocol?.startsWith('http') ? loc.origin : undefined;
}

function badPort(url: string, target: URL, port: number): NetworkError {
  return new NetworkError(
    `Port ${port} is blocked by browsers and fetch (it is on the Fetch standard's list of "bad ports", kept for ` +
      `other protocols), ` +
      `so ${target.origin} cannot be reached from here. Run the MLflow server on another port, e.g. mlflow server ` +
      `--port 5000.`,
    'bad-port',
    url,
  );
}

const portOf = (target: URL) => Number(target.port || (target.protocol === 'https:' ? 443 : 80));

/** A request that cannot work whatever the server does, refused before it is sent; null when it may. */
export function blockedRequest(url: string): NetworkError | null {
  const target = new URL(url);
  if (BAD_PORTS.has(portOf(target))) return badPort(url, target, portOf(target));
  const page = (globalThis as { location?: { protocol?: string } }).location;
  if (page?.protocol === 'https:' && target.protocol === 'http:' && !LOOPBACK.test(target.hostname)) {
    return new NetworkError(
      `This page is served over https, and the browser blocks its requests to ${target.origin} (mixed content). ` +
        'Serve the tracking server over https (behind a TLS proxy), or open Kiroku over http.',
      'mixed-content',
      url,
    );
  }
  return null;
}

/** The innermost error with a Node error code (undici wraps the socket's error in `cause`). */
function causeOf(err: unknown): { code?: string; message: string } | undefined {
  let e = err as { cause?: unknown; code?: unknown; message?: unknown } | undefined;
  let found: { code?: string; message: string } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++, e = e.cause as typeof e) {
    if (typeof e.code === 'string' || (depth > 0 && typeof e.message === 'string'))
      found = { ...(typeof e.code === 'string' ? { code: e.code } : {}), message: String(e.message ?? '') };
  }
  return found;
}

const TLS_UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

function tlsHint(code: string, message: string): string | null {
  if (TLS_UNTRUSTED.has(code))
    return (
      'Its certificate is not trusted here: use one from a trusted authority, or trust its authority on this ' +
      'machine (NODE_EXTRA_CA_CERTS for Node).'
    );
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return 'Its certificate is out of date.';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return 'Its certificate is for another host name: use the name it was issued for.';
  if (
    /wrong version number|packet length too long|unknown protocol/i.test(message) ||
    code === 'ERR_SSL_WRONG_VERSION_NUMBER'
  ) {
    return 'The server does not speak https there: try http:// instead.';
  }
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code.startsWith('CERT_') || code === 'EPROTO')
    return "Check the server's TLS set-up.";
  return null;
}

/**
 * What a failed fetch (no HTTP answer) means. `probe` asks, where the cause is hidden (a browser),
 * whether the server answers a plain no-cors request: true means it is up and refused this page (CORS).
 */
export async function networkFailure(
  url: string,
  err: unknown,
  timeoutMs: number | null,
  probe: () => Promise<boolean>,
  answeredBefore = false,
): Promise<NetworkError> {
  const target = new URL(url);
  const hostPort = target.port ? `${target.hostname}:${target.port}` : target.hostname;
  if (timeoutMs !== null) {
    return new NetworkError(
      `The request to ${url} timed out after ${timeoutMs} ms: the server at ${target.origin} did not answer. Check ` +
        `that it is running and reachable.`,
      'timeout',
      url,
    );
  }
  const cause = causeOf(err);
  const code = cause?.code ?? '';
  if (code === 'ECONNREFUSED') {
    return new NetworkError(
      `The connection to ${hostPort} was refused: nothing is listening there. Check that the MLflow server is ` +
        `running (mlflow server --port ${portOf(target)}) and that the URL is right.`,
      'refused',
      url,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return new NetworkError(
      `The host name '${target.hostname}' could not be found (DNS, ${code}). Check the URL, and the network or VPN ` +
        `it needs.`,
      'dns',
      url,
    );
  }
  const tls = cause && tlsHint(code, cause.message);
  if (tls)
    return new NetworkError(
      `The secure connection to ${hostPort} failed (${code || cause!.message.split('\n')[0]}). ${tls}`,
      'tls',
      url,
    );
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') {
    return new NetworkError(
      `The connection to ${hostPort} was closed before the server answered (${code}). A proxy or the server ` +
        `dropped it: try again, and look at the server's log.`,
      'reset',
      url,
    );
  }
  if (cause?.message === 'bad port') return badPort(url, target, portOf(target)); // fetch's own list, newer than ours
  if (cause)
    return new NetworkError(
      `The request to ${url} failed (${code ? `${code}: ` : ''}${cause.message.split('\n')[0]}).`,
      'other',
      url,
    );
  // A browser hides the cause. A server that answers a request without CORS (an opaque answer) is up;
  // if it let this page make the same kind of request before, CORS is not it: the connection was lost.
  const page = pageOrigin();
  const up = await probe().catch(() => false);
  if (up && answeredBefore) {
    return new NetworkError(
      `The connection to ${hostPort} was lost before the server answered (the browser does not say why); the ` +
        `server answered this page before, so this may pass: try again.`,
      'reset',
      url,
    );
  }
  if (up) {
    return new NetworkError(
      `The server at ${target.origin} answered, but does not allow requests from ${
        page ? `this page (${page})` : 'this page'
      }: it sends no CORS headers. ` +
        `MLflow 2.x servers send none: put a proxy in front that adds ` +
        `Access-Control-Allow-Origin${page ? `: ${page}` : ''} (and answers OPTIONS preflights), ` +
        `or start MLflow 3.5 or later with --cors-allowed-origins ${page ?? "<this page's origin>"}.`,
      'cors',
      url,
    );
  }
  return new NetworkError(
    `Could not connect to ${target.origin}: the server is not running, its name does not resolve, or its ` +
      `certificate is not trusted — the browser does not say which. ` +
      `Open ${target.origin} in a new tab to see the browser's own error.`,
    'unreachable',
    url,
  );
}

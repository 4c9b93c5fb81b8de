// MLflow's artifact proxy (`mlflow server --serve-artifacts`, the default since 2.0) and the run
// artifact listing built on it. Bytes live in one Map keyed by their path under the proxy root; a run's
// artifacts are the ones under its artifact_uri `mlflow-artifacts:/<experiment>/<run>/artifacts`.
import { ApiError, invalid, notFound, runNotFound } from './errors';
import { compact, type Json } from './proto-json';
import { optionalString, requiredString, type ApiRequest } from './request';
import type { ServerState } from './state';
import type { Handler } from './tracking';

/** A response that is not JSON: a downloaded file. */
export interface RawResponse {
  raw: true;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export const PROXY_PREFIX = 'mlflow-artifacts/artifacts';

/** Python's `urllib.parse.unquote`: %XX runs decoded as UTF-8 (bad bytes become U+FFFD), anything else kept. */
function pyUnquote(s: string): string {
  return s.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = Uint8Array.from(run.slice(1).split('%'), (h) => parseInt(h, 16));
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  });
}

/**
 * `urlunparse(urlparse(path))` for a path with no scheme or host: what the round trip drops is an
 * empty query (a trailing '?'), empty params (a ';' ending the last segment) and an empty fragment.
 */
function urlRoundTrip(s: string): string {
  let rest = s;
  let fragment = '';
  let query = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) [rest, fragment] = [rest.slice(0, hash), rest.slice(hash + 1)];
  const q = rest.indexOf('?');
  if (q >= 0) [rest, query] = [rest.slice(0, q), rest.slice(q + 1)];
  const semi = rest.indexOf(';', rest.lastIndexOf('/') + 1);
  let params = '';
  if (semi >= 0) [rest, params] = [rest.slice(0, semi), rest.slice(semi + 1)];
  return rest + (params ? `;${params}` : '') + (query ? `?${query}` : '') + (fragment ? `#${fragment}` : '');
}

/** mlflow/utils/uri.py `_decode`: unquote until nothing changes (at most 10 times). */
function mlflowDecode(path: string): string {
  let url = path;
  for (let i = 0; i < 10; i++) {
    const parsed = urlRoundTrip(pyUnquote(url));
    if (parsed === url) return url;
    url = parsed;
  }
  throw new ApiError('INTERNAL_ERROR', 'Failed to decode url');
}

/** Python's `PureWindowsPath(p).is_absolute()`: a drive (`C:` or `//host/share`) followed by a root. */
const windowsAbsolute = (p: string) => /^[A-Za-z]:[\\/]/.test(p) || /^[\\/]{2}[^\\/]+[\\/][^\\/]+/.test(p);

/**
 * mlflow/utils/uri.py `validate_path_is_safe` on a Linux server (no separator but '/'): the path is
 * decoded first (so what is stored is the decoded name: `a%20b` becomes `a b`), then refused with
 * MLflow's bare "Invalid path" when it holds '#', a '..' part, or is absolute (POSIX or Windows).
 */
function safePath(path: string): string {
  let decoded = mlflowDecode(path);
  const refused = invalid('Invalid path');
  if (decoded.includes('#')) throw refused;
  if (decoded.startsWith('file:')) decoded = decodeURIComponent(decoded.replace(/^file:(?:\/\/[^/]*)?/, ''));
  if (decoded.split('/').includes('..') || decoded.startsWith('/') || windowsAbsolute(decoded)) throw refused;
  return decoded
    .split('/')
    .filter((x) => x && x !== '.')
    .join('/');
}

export interface FileInfo {
  path: string;
  is_dir: boolean;
  file_size?: number;
}

/** One level below `dir` ('' for the root): files with their size, folders with is_dir only. */
export function listDir(artifacts: Map<string, Buffer>, dir: string): FileInfo[] {
  const prefix = dir ? `${dir}/` : '';
  const entries = new Map<string, FileInfo>();
  for (const [path, bytes] of artifacts) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash < 0) entries.set(rest, { path: rest, is_dir: false, file_size: bytes.length });
    else entries.set(rest.slice(0, slash), { path: rest.slice(0, slash), is_dir: true });
  }
  return [...entries.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

// Like MLflow's `_guess_mime_type` (Python's mimetypes plus MLflow's own files).
const MIME: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  py: 'text/x-python',
  json: 'application/json',
  csv: 'text/csv',
  html: 'text/html',
  htm: 'text/html',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  MLmodel: 'text/plain',
  MLproject: 'text/plain',
};

export function mimeType(path: string): string {
  const name = path.split('/').pop() ?? '';
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
  return MIME[ext] ?? MIME[ext.toLowerCase()] ?? 'application/octet-stream';
}

/** `/api/2.0/mlflow-artifacts/artifacts[/<path>]`: upload, download, list and delete. */
export function handleProxy(req: ApiRequest, s: ServerState): Json | RawResponse {
  const rest = req.path.slice(PROXY_PREFIX.length);
  if (rest === '' || rest === '/') {
    if (req.method !== 'GET')
      throw new ApiError('BAD_REQUEST', 'The method is not allowed for the requested URL.', 405);
    const dir = safePath(optionalString(req.input, 'path') ?? '');
    // The proxy names entries relative to the listed folder (basenames), unlike runs' artifacts/list.
    return compact({ files: listDir(s.artifacts, dir) });
  }
  // Werkzeug decodes the URL path once before routing; the handler then decodes again (safePath).
  const path = safePath(pyUnquote(rest.slice(1)));
  switch (req.method) {
    case 'PUT':
      s.artifacts.set(path, req.raw);
      return {};
    case 'GET': {
      const bytes = s.artifacts.get(path);
      if (!bytes) throw notFound(`No such file or directory: '${path}'`);
      const name = path.split('/').pop()!;
      const printable = /^[\x20-\x7e]*$/.test(name);
      return {
        raw: true,
        status: 200,
        body: bytes,
        // A name Node cannot put in a header (beyond Latin-1) goes percent-encoded; clients read the body, not this.
        headers: {
          'Content-Type': mimeType(path),
          'Content-Disposition': `attachment; filename=${printable ? name : encodeURIComponent(name)}`,
          'X-Content-Type-Options': 'nosniff',
        },
      };
    }
    case 'DELETE':
      for (const key of [...s.artifacts.keys()])
        if (key === path || key.startsWith(`${path}/`)) s.artifacts.delete(key);
      return {};
    default:
      throw new ApiError('BAD_REQUEST', 'The method is not allowed for the requested URL.', 405);
  }
}

/** The proxy path of a run's artifact root, or null when the run stores artifacts elsewhere. */
function proxiedRoot(artifactUri: string): string | null {
  const m = /^mlflow-artifacts:(?:\/\/[^/]*)?\/*(.*)$/.exec(artifactUri);
  return m ? m[1]!.replace(/\/+$/, '') : null;
}

/** GET mlflow/artifacts/list: one level below `path`, paths relative to the run's artifact root. */
const listRunArtifacts: Handler = ({ input }, s) => {
  const runId = requiredString(
    input.run_id === undefined && input.run_uuid !== undefined ? { run_id: input.run_uuid } : input,
    'run_id',
  );
  const path = optionalString(input, 'path');
  const rel = path === undefined ? '' : safePath(path);
  const r = s.runs.get(runId);
  if (!r) throw runNotFound(runId);
  const root = proxiedRoot(r.info.artifact_uri);
  const files =
    root === null
      ? []
      : listDir(s.artifacts, [root, rel].filter(Boolean).join('/')).map((f) => ({
          ...f,
          path: rel ? `${rel}/${f.path}` : f.path,
        }));
  return compact({ root_uri: r.info.artifact_uri, files });
};

export const artifactRoutes: Record<string, Handler> = {
  'GET mlflow/artifacts/list': listRunArtifacts,
};

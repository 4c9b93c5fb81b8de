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

/** mlflow/utils/uri.py `validate_path_is_safe`: no way out of the artifact root. */
function safePath(path: string): string {
  const segments = path.split('/');
  if (path.startsWith('/') || segments.includes('..') || /^[a-z]:/i.test(path) || path.includes('\\')) throw invalid(`Invalid path: ${path}`);
  return segments.filter((x) => x && x !== '.').join('/');
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
  txt: 'text/plain', log: 'text/plain', md: 'text/markdown', py: 'text/x-python', json: 'application/json', csv: 'text/csv',
  html: 'text/html', htm: 'text/html', yaml: 'application/yaml', yml: 'application/yaml', png: 'image/png', jpg: 'image/jpeg',
  jpeg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml', pdf: 'application/pdf', MLmodel: 'text/plain', MLproject: 'text/plain',
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
    if (req.method !== 'GET') throw new ApiError('BAD_REQUEST', 'The method is not allowed for the requested URL.', 405);
    const dir = safePath(optionalString(req.input, 'path') ?? '');
    // The proxy names entries relative to the listed folder (basenames), unlike runs' artifacts/list.
    return compact({ files: listDir(s.artifacts, dir) });
  }
  const path = safePath(rest.slice(1).split('/').map(decodeURIComponent).join('/'));
  switch (req.method) {
    case 'PUT':
      s.artifacts.set(path, req.raw);
      return {};
    case 'GET': {
      const bytes = s.artifacts.get(path);
      if (!bytes) throw notFound(`No such file or directory: '${path}'`);
      const name = path.split('/').pop()!;
      return {
        raw: true, status: 200, body: bytes,
        headers: { 'Content-Type': mimeType(path), 'Content-Disposition': `attachment; filename=${name}`, 'X-Content-Type-Options': 'nosniff' },
      };
    }
    case 'DELETE':
      for (const key of [...s.artifacts.keys()]) if (key === path || key.startsWith(`${path}/`)) s.artifacts.delete(key);
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
  const runId = requiredString(input.run_id === undefined && input.run_uuid !== undefined ? { run_id: input.run_uuid } : input, 'run_id');
  const path = optionalString(input, 'path');
  const rel = path === undefined ? '' : safePath(path);
  const r = s.runs.get(runId);
  if (!r) throw runNotFound(runId);
  const root = proxiedRoot(r.info.artifact_uri);
  const files = root === null ? [] : listDir(s.artifacts, [root, rel].filter(Boolean).join('/')).map((f) => ({ ...f, path: rel ? `${rel}/${f.path}` : f.path }));
  return compact({ root_uri: r.info.artifact_uri, files });
};

export const artifactRoutes: Record<string, Handler> = {
  'GET mlflow/artifacts/list': listRunArtifacts,
};

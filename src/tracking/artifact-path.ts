// Artifact paths: how any path is cleaned (for reading as for writing), and MLflow's rules for a path
// newly logged. An MLflow tracking server checks each uploaded path with `validate_path_is_safe`
// (mlflow/utils/uri.py): it decodes the path until it stops changing (`_decode`: unquote, then
// urlparse/urlunparse), refuses it with a bare "Invalid path" if it then holds '#', a '..' part or is
// absolute, and stores the decoded name. A run logged here must sync to such a server as it is, so a
// new path is held to the same rules at log time, with MLflow's words first and what to do after — and
// a path the server would store under another name (`a%20b.txt` as `a b.txt`) is refused too, so the
// stored name is always the logged one. Paths already stored (imported, or logged before) stay readable.
import { TrackingError } from '../lib/errors';

/** Relative, '/'-separated, no empty, '.' or '..' parts: how every store keys a run's files. */
export function normalizeArtifactPath(path: string): string {
  const clean = path
    .replace(/\\/g, '/')
    .replace(/\/+/g, '/')
    .replace(/^\.?\//, '')
    .replace(/\/$/, '');
  if (!clean || clean.split('/').some((p) => p === '..' || p === '.')) {
    throw new TrackingError(`Invalid artifact path: '${path}'. Paths are relative, without '.' or '..' parts.`);
  }
  return clean;
}

/** Python's `urllib.parse.unquote`: %XX runs decoded as UTF-8 (bad bytes become U+FFFD), the rest kept. */
function pyUnquote(s: string): string {
  return s.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) =>
    new TextDecoder().decode(Uint8Array.from(run.slice(1).split('%'), (h) => parseInt(h, 16))),
  );
}

/**
 * `urlunparse(urlparse(p))` for a relative path: the round trip drops an empty query (a trailing '?'),
 * empty params (a ';' ending the last segment) and an empty fragment (a trailing '#').
 */
function urlRoundTrip(p: string): string {
  const hash = p.indexOf('#');
  const fragment = hash >= 0 ? p.slice(hash + 1) : '';
  let rest = hash >= 0 ? p.slice(0, hash) : p;
  const q = rest.indexOf('?');
  const query = q >= 0 ? rest.slice(q + 1) : '';
  if (q >= 0) rest = rest.slice(0, q);
  const semi = rest.indexOf(';', rest.lastIndexOf('/') + 1);
  const params = semi >= 0 ? rest.slice(semi + 1) : '';
  if (semi >= 0) rest = rest.slice(0, semi);
  return rest + (params ? `;${params}` : '') + (query ? `?${query}` : '') + (fragment ? `#${fragment}` : '');
}

/** The name an MLflow server stores for `path` (`_decode`), or null when it would fail to decode it. */
export function mlflowStoredName(path: string): string | null {
  let url = path;
  for (let i = 0; i < 10; i++) {
    const parsed = urlRoundTrip(pyUnquote(url));
    if (parsed === url) return url;
    url = parsed;
  }
  return null;
}

const invalid = (path: string, why: string) => new TrackingError(`Invalid path: '${path}'. ${why}`);

/**
 * A newly logged artifact's path, cleaned, or MLflow's "Invalid path" saying why an MLflow server would
 * refuse it (or store it under another name) and what to do.
 */
export function validateArtifactPath(path: string): string {
  const clean = normalizeArtifactPath(path);
  if (clean.includes('#'))
    throw invalid(
      path,
      "MLflow's tracking server refuses artifact paths with '#' (validate_path_is_safe); name the file without it.",
    );
  if (/^[A-Za-z]:\//.test(clean))
    throw invalid(path, 'Artifact paths are relative to the run; this one is an absolute Windows path.');
  const stored = mlflowStoredName(clean);
  if (stored !== clean) {
    throw invalid(
      path,
      stored === null || stored.includes('#') || stored.split('/').includes('..')
        ? "MLflow's tracking server decodes '%' sequences in artifact paths, and this one decodes to a path it " +
            "refuses; name the file without '%'."
        : `MLflow's tracking server decodes '%' sequences in artifact paths (and drops a trailing '?' or ';'), so ` +
            `it would store this file as '${stored}'; name it that way.`,
    );
  }
  return clean;
}

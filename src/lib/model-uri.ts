// Model URIs, as MLflow writes them: `runs:/<runId>/<path>`, `models:/<name>/<version>`,
// `models:/<name>@<alias>` and `models:/<name>/latest`. The one parser of them: in lib, since the
// registry (a model version's source), sync, models and the UI all read them.
import { TrackingError } from './errors';

export type ModelUri =
  | { kind: 'runs'; runId: string; path: string }
  | { kind: 'models'; name: string; version: string }
  | { kind: 'models'; name: string; alias: string }
  | { kind: 'models'; name: string; latest: true };

const RUNS_URI = /^runs:\/+([0-9a-f]{32})\/(.+?)\/*$/;

/** `runs:/<runId>/<path>` → its parts, or null for any other string (another kind of source). */
export function runsUriParts(uri: string): { runId: string; path: string } | null {
  const m = RUNS_URI.exec(uri);
  return m ? { runId: m[1]!, path: m[2]! } : null;
}

export function parseModelUri(uri: string): ModelUri {
  if (typeof uri !== 'string') throw new TrackingError(`A model URI must be a string; got ${typeof uri}.`);
  if (uri.startsWith('runs:/')) {
    const m = RUNS_URI.exec(uri);
    if (!m) {
      throw new TrackingError(
        `Not a proper runs:/ URI: ${uri}. Runs URIs must be of the form 'runs:/<run_id>/run-relative/path/to/artifact'`,
      );
    }
    return { kind: 'runs', runId: m[1]!, path: m[2]! };
  }
  if (uri.startsWith('models:/')) {
    const rest = uri.slice('models:/'.length).replace(/^\/+/, '');
    const at = /^([^/@]+)@([^/@]+)$/.exec(rest);
    if (at) return { kind: 'models', name: at[1]!, alias: at[2]! };
    const slash = /^([^/@]+)\/([^/@]+)$/.exec(rest);
    if (slash) {
      const suffix = slash[2]!;
      if (suffix.toLowerCase() === 'latest') return { kind: 'models', name: slash[1]!, latest: true };
      if (/^\d+$/.test(suffix)) return { kind: 'models', name: slash[1]!, version: String(Number(suffix)) };
    }
    throw new TrackingError(
      `Not a proper models:/ URI: ${uri}. Models URIs must be of the form 'models:/model_name/suffix' or ` +
        `'models:/model_name@alias' where suffix is a model version or the string 'latest' and where alias is a ` +
        'registered model alias. Only one of suffix or alias can be defined at a time.',
    );
  }
  throw new TrackingError(
    `Unsupported model URI '${uri}'. Use runs:/<run_id>/<path>, models:/<name>/<version> or models:/<name>@<alias>.`,
  );
}

export function runsUri(runId: string, path: string): string {
  return `runs:/${runId}/${path}`;
}

// What of a run names the run itself, rewritten when the run is copied to a server that gives it
// another id: each logged model's `MLmodel` (its `run_id:` line) and the `mlflow.log-model.history`
// tag (each entry's run_id). MLflow's `get_model_info(…).run_id` and its UI read these; left as they
// were, they would name a run that does not exist on the server.
import { SYSTEM_TAGS } from '../../tracking/entities';

/** A logged model's description file, in any folder of the run. */
export const isMLmodel = (path: string): boolean => path === 'MLmodel' || path.endsWith('/MLmodel');

/**
 * The MLmodel text with its top-level `run_id` changed from `from` to `to`; everything else byte for byte
 * as it was (a YAML round trip would reformat what MLflow or a user wrote). Null when it names no `from`.
 */
export function rewriteMLmodel(text: string, from: string, to: string): string | null {
  const id = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const line = new RegExp(`^run_id:[ \\t]*(['"]?)${id}\\1[ \\t]*$`, 'm');
  return line.test(text) ? text.replace(line, `run_id: ${to}`) : null;
}

/** A run's tags with the model history's run ids changed from `from` to `to` (other tags untouched). */
export function rewriteRunTags(tags: Record<string, string>, from: string, to: string): Record<string, string> {
  const history = tags[SYSTEM_TAGS.loggedModels];
  if (history === undefined) return tags;
  let entries: unknown;
  try {
    entries = JSON.parse(history);
  } catch {
    return tags; // not MLflow's JSON: sent as it is
  }
  if (!Array.isArray(entries)) return tags;
  const rewritten = entries.map((e) =>
    e && typeof e === 'object' && (e as { run_id?: unknown }).run_id === from ? { ...e, run_id: to } : e,
  );
  return { ...tags, [SYSTEM_TAGS.loggedModels]: JSON.stringify(rewritten) };
}

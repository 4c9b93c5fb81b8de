// Who and what is running code: the `mlflow.user` and `mlflow.source.*` system tags of new runs.
// The notebook kernel sets the source to the notebook and cell; scripts get their own file name.

export interface RunContext {
  user: string;
  sourceName: string;
  sourceType: 'NOTEBOOK' | 'LOCAL' | 'JOB' | 'PROJECT' | 'UNKNOWN';
  /** Extra tags put on every new run (e.g. the notebook cell id). */
  tags: Record<string, string>;
}

const USER_SETTING = 'kiroku.user';

export function defaultUser(): string {
  try {
    const saved = globalThis.localStorage?.getItem(USER_SETTING);
    if (saved) return saved;
  } catch {
    // storage may be blocked (private mode, workers have none)
  }
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.USER || env?.USERNAME || 'kiroku-user';
}

export function defaultContext(): RunContext {
  // A Node script names itself; in a page, runs not made by a notebook cell come from the console.
  const proc = (globalThis as { process?: { argv?: string[] } }).process;
  const sourceName = proc?.argv?.[1] ?? 'browser console';
  return { user: defaultUser(), sourceName, sourceType: 'LOCAL', tags: {} };
}

// What autolog holds while installed: its options, the API it logs through, and a depth counter so a
// fit inside an autologged fit (a pipeline's steps, a search's folds) is not logged on its own.
import type { Api } from './fit-recorder';
import { DEFAULTS, type ResolvedOptions } from './options';

export const state: { api: Api | null; options: ResolvedOptions; depth: number } = {
  api: null,
  options: { ...DEFAULTS },
  depth: 0,
};

/** Whether a fit starting now should be logged. */
export function shouldLog(): boolean {
  return !!state.api && !state.options.disable && state.depth === 0;
}

/** Hold the depth raised while `result` (a fit's return value) is pending; returns it unchanged. */
export function holdDepth<T>(result: T): T {
  if (result instanceof Promise) {
    return result.finally(() => {
      state.depth--;
    }) as T;
  }
  state.depth--;
  return result;
}

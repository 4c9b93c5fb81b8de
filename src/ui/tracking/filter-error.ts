// A malformed filter is shown where it is wrong: the search layer's SearchSyntaxError carries the
// 0-based offset of the problem, and the filter box draws the text in three parts with the middle one
// marked. Checking happens here, in the page, with the same compiled grammar the client uses, so
// every keystroke gets an answer without a round trip through the store.
import type { Run } from '../../tracking/entities';
import { compileFilter } from '../../tracking/search';

export interface FilterMark {
  before: string;
  /** The character at the error (a space when the filter ended too early). */
  at: string;
  after: string;
  position: number;
}

export type CheckedFilter =
  | { ok: true; predicate: (run: Run) => boolean }
  | { ok: false; message: string; mark: FilterMark | null };

export function markError(filter: string, position: number): FilterMark {
  const p = Math.max(0, Math.min(Math.trunc(position), filter.length));
  if (p >= filter.length) return { before: filter, at: ' ', after: '', position: p };
  // Mark the whole word that starts at the error, so "metrics.x >> 1" underlines ">>" not ">".
  const rest = filter.slice(p);
  const word = /^[^\s()'"`]+/.exec(rest)?.[0] ?? rest[0]!;
  return { before: filter.slice(0, p), at: word, after: filter.slice(p + word.length), position: p };
}

export function checkFilter(filter: string): CheckedFilter {
  try {
    return { ok: true, predicate: compileFilter(filter) };
  } catch (err) {
    const e = err as { message?: string; position?: unknown };
    const message = e.message ?? String(err);
    return { ok: false, message, mark: typeof e.position === 'number' ? markError(filter, e.position) : null };
  }
}

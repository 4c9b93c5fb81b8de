// Sorting runs by a column whose values are mixed: params are strings that are often numbers
// ("0.02", "10", "relu"), metrics may be NaN, and any run may lack the key. The order, in both
// directions: numbers (numerically), then other strings (naturally: "run-2" before "run-10"), then NaN;
// missing values always last, as MLflow's UI does, so sorting never buries the runs that have data.

export type SortValue = string | number | null;
export type SortDirection = 'asc' | 'desc';
export interface SortState {
  columnId: string;
  direction: SortDirection;
}

/** The default order: newest first, as MLflow lists runs. */
export const DEFAULT_SORT: SortState = { columnId: 'attr:created', direction: 'desc' };

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

// Rank: 0 number, 1 string, 2 NaN, 3 missing.
interface Key {
  rank: 0 | 1 | 2 | 3;
  n: number;
  s: string;
}

const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$|^\s*[-+]?Infinity\s*$/;

export function sortKey(v: SortValue): Key {
  if (v === null || v === undefined) return { rank: 3, n: 0, s: '' };
  if (typeof v === 'number') return Number.isNaN(v) ? { rank: 2, n: 0, s: '' } : { rank: 0, n: v, s: '' };
  if (NUMERIC.test(v)) return { rank: 0, n: Number(v), s: v };
  if (/^\s*nan\s*$/i.test(v)) return { rank: 2, n: 0, s: '' };
  return { rank: 1, n: 0, s: v };
}

function compareKeys(a: Key, b: Key, sign: 1 | -1): number {
  if (a.rank !== b.rank) {
    // Missing values stay last whichever way the column is sorted; the rest flips with the direction.
    if (a.rank === 3 || b.rank === 3) return a.rank - b.rank;
    return sign * (a.rank - b.rank);
  }
  if (a.rank === 0) return sign * (a.n < b.n ? -1 : a.n > b.n ? 1 : 0);
  if (a.rank === 1) return sign * collator.compare(a.s, b.s);
  return 0;
}

/** Compare two values in a direction (missing values last either way). */
export function compareValues(a: SortValue, b: SortValue, direction: SortDirection = 'asc'): number {
  return compareKeys(sortKey(a), sortKey(b), direction === 'asc' ? 1 : -1);
}

/**
 * Sort items by a value, computing each item's key once (10,000 runs re-sort in a few ms). Stable:
 * equal values keep their incoming order.
 */
export function sortBy<T>(items: readonly T[], value: (item: T) => SortValue, direction: SortDirection): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  const keyed = items.map((item, i) => ({ item, i, key: sortKey(value(item)) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key, sign) || a.i - b.i);
  return keyed.map((k) => k.item);
}

/** Clicking a header: another column sorts ascending; the sorted column flips direction. */
export function nextSort(current: SortState, columnId: string): SortState {
  if (current.columnId !== columnId) return { columnId, direction: 'asc' };
  return { columnId, direction: current.direction === 'asc' ? 'desc' : 'asc' };
}

/** `attr:created desc` ⇄ SortState, for the URL. */
export function formatSort(s: SortState): string {
  return `${s.columnId} ${s.direction}`;
}

export function parseSort(text: string | null): SortState {
  const m = /^(\S+)\s+(asc|desc)$/.exec(text ?? '');
  return m ? { columnId: m[1]!, direction: m[2] as SortDirection } : DEFAULT_SORT;
}

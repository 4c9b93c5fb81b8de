// describe(df): pandas' `df.describe(include='all')` per column, plus a missing count. Numeric columns
// get count, mean, std, min, quartiles and max; string and boolean columns (categorical for pandas too)
// get count, unique, top and freq. Statistics follow pandas exactly so numbers match a notebook a user
// ran elsewhere: std is the sample std (ddof = 1), quantiles interpolate linearly between order
// statistics (numpy's default), and missing cells are skipped.
import type { DataFrame } from 'danfojs';
import { danfoFromRows } from './danfo';
import { isNumericDtype } from './table';
import { toTable, type TableInput } from './table-from';

export interface NumericSummary {
  name: string;
  dtype: string;
  kind: 'numeric';
  /** Non-missing cells. */
  count: number;
  missing: number;
  mean: number;
  /** Sample standard deviation (ddof = 1); NaN with fewer than two values. */
  std: number;
  min: number;
  q25: number;
  q50: number;
  q75: number;
  max: number;
}

export interface CategoricalSummary {
  name: string;
  dtype: string;
  kind: 'categorical';
  count: number;
  missing: number;
  /** Distinct non-missing values. */
  unique: number;
  /** The most frequent value (the first seen among ties); null when every cell is missing. */
  top: string | boolean | null;
  freq: number;
}

export type ColumnSummary = NumericSummary | CategoricalSummary;

/** Summary statistics for every column, in column order (of a Table, a danfojs DataFrame, records, …). */
export function describe(df: TableInput): ColumnSummary[] {
  const t = toTable(df);
  return t.columns.map((name, j) => {
    const dtype = t.dtypes[j]!;
    const values = t.data[j]!;
    return isNumericDtype(dtype) ? numericSummary(name, dtype, values) : categoricalSummary(name, dtype, values);
  });
}

function numericSummary(name: string, dtype: string, values: ArrayLike<unknown>): NumericSummary {
  const xs: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && !Number.isNaN(v)) xs.push(v);
  }
  const count = xs.length;
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = count ? sum / count : NaN;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean); // two passes: sum of squares minus n·mean² cancels badly
  const std = count > 1 ? Math.sqrt(ss / (count - 1)) : NaN;
  const sorted = Float64Array.from(xs).sort();
  return {
    name,
    dtype,
    kind: 'numeric',
    count,
    missing: values.length - count,
    mean,
    std,
    min: count ? sorted[0]! : NaN,
    q25: quantile(sorted, 0.25),
    q50: quantile(sorted, 0.5),
    q75: quantile(sorted, 0.75),
    max: count ? sorted[count - 1]! : NaN,
  };
}

/**
 * Quantile q of ascending `sorted` by linear interpolation, computed as numpy does (its `_lerp` counts
 * from the upper neighbour when the fraction is ≥ 0.5), so results agree to the last bit.
 */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const t = h - lo;
  const a = sorted[lo]!;
  if (lo + 1 >= n) return a;
  const b = sorted[lo + 1]!;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

function categoricalSummary(name: string, dtype: string, values: ArrayLike<unknown>): CategoricalSummary {
  const counts = new Map<string | boolean, number>();
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
    const key = typeof v === 'boolean' ? v : String(v);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    count++;
  }
  let top: string | boolean | null = null;
  let freq = 0;
  for (const [value, c] of counts) {
    if (c > freq) {
      top = value;
      freq = c;
    }
  }
  return { name, dtype, kind: 'categorical', count, missing: values.length - count, unique: counts.size, top, freq };
}

/** Row labels of `describeFrame`, in pandas' order with our `missing` after `count`. */
export const DESCRIBE_ROWS = [
  'count',
  'missing',
  'mean',
  'std',
  'min',
  '25%',
  '50%',
  '75%',
  'max',
  'unique',
  'top',
  'freq',
] as const;

const CATEGORICAL_ROWS: ReadonlySet<string> = new Set(['unique', 'top', 'freq']);

/**
 * The summary laid out like pandas' describe: one row per statistic (`DESCRIBE_ROWS`), one column per
 * input column; statistics that don't apply to a column are NaN (numeric) or null. As in pandas, the
 * rows of a kind of column (mean … max for numbers, unique/top/freq for categories) are there only if
 * a column of that kind is. What `describeFrame` makes a DataFrame of, and what the notebook shows for
 * `describe(df)`.
 */
export function describeLayout(summary: readonly ColumnSummary[]): {
  index: string[];
  columns: string[];
  rows: Array<Array<number | string | null>>;
  dtypes: string[];
} {
  const kinds = new Set(summary.map((s) => s.kind));
  const index = DESCRIBE_ROWS.filter(
    (stat) =>
      stat === 'count' || stat === 'missing' || kinds.has(CATEGORICAL_ROWS.has(stat) ? 'categorical' : 'numeric'),
  );
  return {
    index,
    columns: summary.map((s) => s.name),
    rows: index.map((stat) => summary.map((s) => cell(s, stat))),
    dtypes: summary.map((s) => (s.kind === 'numeric' ? 'float32' : 'string')),
  };
}

/** Whether a value is what `describe` returns (a list of column summaries). */
export function isColumnSummaryList(value: unknown): value is ColumnSummary[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (s) =>
        !!s &&
        typeof s === 'object' &&
        typeof s.name === 'string' &&
        (s.kind === 'numeric' || s.kind === 'categorical') &&
        typeof s.count === 'number' &&
        typeof s.missing === 'number',
    )
  );
}

/** The summary as a danfojs DataFrame laid out like pandas' describe (see `describeLayout`). */
export async function describeFrame(summary: ColumnSummary[]): Promise<DataFrame> {
  const { index, columns, rows, dtypes } = describeLayout(summary);
  return danfoFromRows(rows, { columns, index, dtypes });
}

function cell(s: ColumnSummary, stat: (typeof DESCRIBE_ROWS)[number]): number | string | null {
  if (stat === 'count') return s.count;
  if (stat === 'missing') return s.missing;
  if (s.kind === 'numeric') {
    const byStat: Record<string, number> = {
      mean: s.mean,
      std: s.std,
      min: s.min,
      '25%': s.q25,
      '50%': s.q50,
      '75%': s.q75,
      max: s.max,
    };
    return byStat[stat] ?? NaN;
  }
  if (stat === 'unique') return s.unique;
  if (stat === 'top') return s.top === null ? null : String(s.top);
  if (stat === 'freq') return s.freq;
  return null;
}

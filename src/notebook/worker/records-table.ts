// Arrays of records as tables, as Jupyter shows a pandas result instead of a collapsed tree: an array
// of plain objects whose values are scalars (`rows.map((r) => ({ run: …, rmse: … }))`) is one row per
// object, one column per key (in the order keys first appear); `describe(df)`'s column summaries are
// laid out as pandas' describe is (one column per input column, one row per statistic).
import { describeLayout, isColumnSummaryList } from '../../data/describe';
import type { TableData } from '../protocol';

/** Wider than this, a table helps nobody: the value stays a tree. */
const MAX_COLUMNS = 200;

type Scalar = number | string | boolean | null;

function scalar(v: unknown): Scalar | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 1000 ? `${v.slice(0, 1000)}…` : v;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return v.toISOString();
  return undefined; // nested objects, arrays, functions: not a record's cell
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The table for an array of records (the first `rows` of them), or undefined if the value is not one. */
export function recordsTable(value: unknown, rows: number): TableData | undefined {
  if (isColumnSummaryList(value)) {
    const { index, columns, rows: cells, dtypes } = describeLayout(value);
    return { kind: 'DataFrame', columns, index, rows: cells, shape: [index.length, columns.length], dtypes };
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every(isPlainObject)) return undefined;
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const record of value) {
    for (const key of Object.keys(record)) {
      if (seen.has(key)) continue;
      if (seen.size >= MAX_COLUMNS) return undefined;
      seen.add(key);
      columns.push(key);
    }
  }
  if (!columns.length) return undefined;
  const table: Scalar[][] = [];
  for (const record of value) {
    const row: Scalar[] = [];
    for (const key of columns) {
      const cell = scalar(record[key]);
      if (cell === undefined) return undefined;
      row.push(cell);
    }
    if (table.length < rows) table.push(row);
  }
  return {
    kind: 'DataFrame',
    columns,
    index: table.map((_, i) => i),
    rows: table,
    shape: [value.length, columns.length],
  };
}

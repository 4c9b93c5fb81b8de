// Anything a user may hand to an API as tabular data, as a Table: a Table as it is; a danfojs
// DataFrame or Series (danfo.ts); a Matrix; rows as arrays or typed arrays (columns `x0`, `x1`, …);
// rows as records `{alcohol: 9.4, …}`; or an object of columns `{alcohol: [...], pH: Float64Array}`
// (pandas' `DataFrame(dict)`). Column types always come from the values (infer.ts).
import { DataError } from '../lib/errors';
import { isDanfoFrame, isDanfoSeries, tableFromDanfo } from './danfo';
import { inferColumn } from './infer';
import { defaultNames, isMatrix } from './matrix';
import { Table } from './table';

/** What `toTable` accepts. */
export type TableInput =
  | Table
  | { readonly columns: unknown; readonly shape: readonly number[] } // a danfojs DataFrame or Series
  | ArrayLike<ArrayLike<unknown>>
  | ReadonlyArray<Record<string, unknown>>
  | Readonly<Record<string, ArrayLike<unknown>>>
  | { readonly data: Float64Array; readonly rows: number; readonly cols: number };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function isRow(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

function describeValue(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x !== 'object') return `a ${typeof x}`;
  return `a ${(x as object).constructor?.name ?? 'object'}`;
}

/**
 * `x` as a Table. `what` names it in messages ("X"). One-dimensional input is refused with
 * scikit-learn's advice, since a list of numbers could be one feature or one sample.
 */
export function toTable(x: unknown, what = 'X'): Table {
  if (x instanceof Table) return x;
  if (isDanfoFrame(x) || isDanfoSeries(x)) return tableFromDanfo(x);
  if (isMatrix(x)) {
    const names = x.columns ?? defaultNames(x.cols);
    return new Table(
      names.map((name, j) => ({
        name,
        dtype: 'float64' as const,
        data: x.data.subarray(j * x.rows, (j + 1) * x.rows),
      })),
      x.rows,
    );
  }
  if (Array.isArray(x) || ArrayBuffer.isView(x)) {
    const list = x as ArrayLike<unknown>;
    if (list.length === 0) return new Table([]);
    const first = list[0];
    if (isRow(first)) return fromRows(list as ArrayLike<ArrayLike<unknown>>, what);
    if (isPlainObject(first)) return fromRecords(list as ArrayLike<Record<string, unknown>>, what);
    throw new DataError(
      `Expected 2D array, got 1D array instead. Reshape your data: one feature as [[v0], [v1], …], ` +
        `or one sample as [[v0, v1, …]].`,
    );
  }
  if (isPlainObject(x) && Object.values(x).every((v) => isRow(v)))
    return fromColumnObject(x as Record<string, ArrayLike<unknown>>);
  throw new DataError(
    `${what} must be a Table, a danfojs DataFrame, rows (arrays or records), a Matrix or an object of columns; ` +
      `got ${describeValue(x)}.`,
  );
}

function fromRows(rows: ArrayLike<ArrayLike<unknown>>, what: string): Table {
  const n = rows.length;
  const width = rows[0]!.length;
  const columns = Array.from({ length: width }, () => new Array<unknown>(n));
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    if (!isRow(r) || r.length !== width) {
      throw new DataError(`Row ${i} of ${what} has ${isRow(r) ? r.length : 'no list of'} values; row 0 has ${width}.`);
    }
    for (let j = 0; j < width; j++) columns[j]![i] = r[j];
  }
  return new Table(
    defaultNames(width).map((name, j) => ({ name, ...inferColumn(columns[j]!) })),
    n,
  );
}

function fromRecords(records: ArrayLike<Record<string, unknown>>, what: string): Table {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!isPlainObject(r))
      throw new DataError(`Row ${i} of ${what} is ${describeValue(r)}; every row must be a record like row 0.`);
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        names.push(k);
      }
    }
  }
  const n = records.length;
  return new Table(
    names.map((name) => {
      const values = new Array<unknown>(n);
      for (let i = 0; i < n; i++) values[i] = records[i]![name];
      return { name, ...inferColumn(values) };
    }),
    n,
  );
}

function fromColumnObject(obj: Record<string, ArrayLike<unknown>>): Table {
  const entries = Object.entries(obj);
  return new Table(
    entries.map(([name, values]) => ({ name, ...inferColumn(values) })),
    entries[0]?.[1].length ?? 0,
  );
}

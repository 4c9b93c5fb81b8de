// What estimators and metrics read their inputs with: X (any table-like input) as a column-major
// Matrix, y as a vector. An estimator needs numbers, not column types, so the inputs that can be read
// in one pass are: a Table's columns (copied, missing values refused), a danfojs frame's own column
// arrays (through the adapter, without typing them into a Table first: the fit from a DataFrame costs
// what the fit from a Table does), rows of numbers, a Matrix (as it is). Records and objects of columns
// become a Table first (table-from.ts).
import { DataError } from '../lib/errors';
import { danfoColumns, danfoSeriesValues, isDanfoFrame, isDanfoSeries } from './danfo';
import { defaultNames, isMatrix, type Matrix } from './matrix';
import type { Table } from './table';
import { toTable, type TableInput } from './table-from';

export { defaultNames, isMatrix, rowOf, toRows, takeRows, sliceRows, areDefaultNames, type Matrix } from './matrix';

/** X for an estimator: a Table, a danfojs DataFrame, rows (arrays or records), a Matrix, or an object of columns. */
export type MatrixInput = TableInput;
/** y: an array or typed array, a danfojs Series, or a one-column table. */
export type VectorInput = ArrayLike<unknown> | TableInput | { readonly values: ArrayLike<unknown> };

function badValue(column: string, row: number, value: unknown): DataError {
  const shown =
    value === undefined || value === null || (typeof value === 'number' && Number.isNaN(value))
      ? 'a missing value'
      : `the non-numeric value ${JSON.stringify(value)}`;
  return new DataError(
    `Column '${column}' has ${shown} at row ${row}; estimators need numeric input without missing values ` +
      `(encode it with OneHotEncoder, fill it with SimpleImputer, or drop the column).`,
  );
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return NaN;
}

/** Convert X to a column-major matrix; refuses non-numeric or missing cells, naming the column. */
export function toMatrix(X: MatrixInput, columns?: string[]): Matrix {
  if (isMatrix(X)) return { ...X, columns: X.columns ?? defaultNames(X.cols) };
  if (Array.isArray(X) && X.length > 0 && (Array.isArray(X[0]) || ArrayBuffer.isView(X[0])))
    return rowsToMatrix(X as ArrayLike<ArrayLike<unknown>>, columns);
  if (isDanfoFrame(X)) {
    const { names, columns: cols, rows } = danfoColumns(X);
    return columnsToMatrix(names, cols, rows);
  }
  const t = toTable(X);
  if (t.rows === 0 && t.columns.length === 0)
    throw new DataError('X has no rows; fit and predict need at least one sample.');
  return tableToMatrix(t);
}

/** A Table's columns as one column-major matrix: numbers as they are, booleans as 1/0. */
export function tableToMatrix(t: Table): Matrix {
  return columnsToMatrix(
    [...t.columns],
    t.data,
    t.rows,
    t.dtypes.map((d) => d === 'int64'),
  );
}

/**
 * Columns (each `rows` long) as one column-major matrix, refusing a value that is not a finite
 * number (booleans count as 1/0), naming its column and row. `checked[j]` skips the check for a
 * column known to hold only finite numbers (a Table's int64).
 */
function columnsToMatrix(
  names: string[],
  columns: readonly ArrayLike<unknown>[],
  rows: number,
  checked: boolean[] = [],
): Matrix {
  const cols = columns.length;
  const data = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    const col = columns[j]!;
    const off = j * rows;
    if (col instanceof Float64Array) {
      data.set(col, off);
      if (checked[j]) continue;
      for (let i = 0; i < rows; i++) {
        const v = col[i]!;
        if (v - v !== 0) throw badValue(names[j]!, i, v); // NaN or ±Infinity
      }
      continue;
    }
    for (let i = 0; i < rows; i++) {
      const v = col[i];
      if (typeof v === 'number' && v - v === 0) data[off + i] = v;
      else {
        const x = toNumber(v);
        if (!Number.isFinite(x)) throw badValue(names[j]!, i, v);
        data[off + i] = x;
      }
    }
  }
  return { data, rows, cols, columns: names };
}

function rowsToMatrix(rowsIn: ArrayLike<ArrayLike<unknown>>, columns?: string[]): Matrix {
  const rows = rowsIn.length;
  const cols = rowsIn[0]!.length;
  const names = columns ?? defaultNames(cols);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const r = rowsIn[i]!;
    if (r.length !== cols) throw new DataError(`Row ${i} of X has ${r.length} values; row 0 has ${cols}.`);
    for (let j = 0; j < cols; j++) {
      const v = toNumber(r[j]);
      if (!Number.isFinite(v)) throw badValue(names[j]!, i, r[j]);
      data[j * rows + i] = v;
    }
  }
  return { data, rows, cols, columns: names };
}

/** A Series-like object of another library: one-dimensional `values` and `shape`. */
function isSeriesLike(
  y: unknown,
): y is { values: ArrayLike<unknown>; shape: number[]; columns?: string[]; name?: string } {
  const s = y as { values?: unknown; shape?: unknown } | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    !Array.isArray(s) &&
    Array.isArray(s.values) &&
    Array.isArray(s.shape) &&
    s.shape.length === 1
  );
}

/** The raw values of y (a Series, a one-column table, or an array), with its name when it has one. */
export function vectorValues(y: VectorInput): { values: ArrayLike<unknown>; name: string } {
  if (isDanfoSeries(y)) return danfoSeriesValues(y);
  if (isSeriesLike(y)) return { values: y.values, name: String(y.columns?.[0] ?? y.name ?? 'y') };
  if (Array.isArray(y) || ArrayBuffer.isView(y)) {
    const first = (y as ArrayLike<unknown>)[0];
    if (!(Array.isArray(first) || ArrayBuffer.isView(first)) || (y as ArrayLike<unknown>).length === 0)
      return { values: y as ArrayLike<unknown>, name: 'y' };
  }
  const t = toTable(y, 'y');
  if (t.columns.length !== 1)
    throw new DataError(`y must have one column; got a table with ${t.columns.length} columns.`);
  return { values: t.data[0]!, name: t.columns[0]! };
}

/** y as numbers (regression targets); refuses non-numeric or missing values. */
export function toVector(y: VectorInput): Float64Array {
  const { values, name } = vectorValues(y);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = toNumber(values[i]);
    if (!Number.isFinite(v)) throw badValue(name, i, values[i]);
    out[i] = v;
  }
  return out;
}

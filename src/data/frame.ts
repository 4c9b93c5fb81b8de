// DataFrame ⇄ matrix conversion, the fast path every estimator goes through.
//
// danfojs's `df[col].values` builds a whole Series per call (1.5 s for 50,000 × 100 here); the frame's
// own column-format array is already there, so we read it directly and copy into one column-major
// Float64Array (no per-element allocation, and coordinate descent walks columns contiguously).
import { DataError } from '../lib/errors';

/** A dense numeric matrix, column-major: element (i, j) is `data[j * rows + i]`. */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
  /** Column names: a DataFrame's own, else `x0`, `x1`, … */
  readonly columns: string[];
}

/** The shape of a danfojs DataFrame that we rely on, without importing danfojs (kept lazy). */
export interface FrameLike {
  columns: string[];
  shape: number[];
  values: unknown[];
}
export interface SeriesLike {
  values: unknown[];
  columns?: string[];
  shape: number[];
}

export type MatrixInput = FrameLike | ArrayLike<ArrayLike<number>> | Matrix;
export type VectorInput = SeriesLike | FrameLike | ArrayLike<number> | ArrayLike<unknown>;

export function isMatrix(x: unknown): x is Matrix {
  return (
    typeof x === 'object' && x !== null && (x as Matrix).data instanceof Float64Array &&
    typeof (x as Matrix).rows === 'number' && typeof (x as Matrix).cols === 'number'
  );
}

/** danfojs marks its Series; a Series also has `columns` and a 2-D `shape` ([n, 1]), like a frame. */
function isDanfoSeries(x: unknown): boolean {
  return typeof x === 'object' && x !== null && (x as { $isSeries?: unknown }).$isSeries === true;
}

export function isFrame(x: unknown): x is FrameLike {
  return (
    typeof x === 'object' && x !== null && Array.isArray((x as FrameLike).columns) &&
    Array.isArray((x as FrameLike).shape) && (x as FrameLike).shape.length === 2 && !isMatrix(x) && !isDanfoSeries(x)
  );
}

export function isSeries(x: unknown): x is SeriesLike {
  return (
    typeof x === 'object' && x !== null && !Array.isArray(x) && Array.isArray((x as SeriesLike).values) &&
    Array.isArray((x as SeriesLike).shape) && !isFrame(x)
  );
}

/** The columns of a frame as arrays, without building Series. */
export function frameColumns(df: FrameLike): unknown[][] {
  // danfojs keeps its column-format copy in a (TypeScript-)protected field; read it without a Series.
  const cols = (df as { $dataIncolumnFormat?: unknown[][] }).$dataIncolumnFormat;
  if (Array.isArray(cols) && cols.length === df.columns.length && df.columns.length > 0) return cols;
  const rows = df.values as unknown[][];
  return df.columns.map((_, j) => rows.map((r) => r[j]));
}

function badValue(column: string, row: number, value: unknown): DataError {
  const shown = value === undefined || value === null || (typeof value === 'number' && Number.isNaN(value))
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
  if (isFrame(X)) {
    const src = frameColumns(X);
    const rows = X.shape[0]!;
    const cols = X.columns.length;
    const data = new Float64Array(rows * cols);
    for (let j = 0; j < cols; j++) {
      const col = src[j]!;
      const off = j * rows;
      for (let i = 0; i < rows; i++) {
        const v = toNumber(col[i]);
        if (!Number.isFinite(v)) throw badValue(X.columns[j]!, i, col[i]);
        data[off + i] = v;
      }
    }
    return { data, rows, cols, columns: X.columns.map(String) };
  }
  const rowsIn = X as ArrayLike<ArrayLike<number>>;
  const rows = rowsIn.length;
  if (rows === 0) throw new DataError('X has no rows; fit and predict need at least one sample.');
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

export function defaultNames(cols: number): string[] {
  return Array.from({ length: cols }, (_, j) => `x${j}`);
}

/** The raw values of y (Series, one-column DataFrame, or array), with its name when it has one. */
export function vectorValues(y: VectorInput): { values: ArrayLike<unknown>; name: string } {
  if (isFrame(y)) {
    if (y.columns.length !== 1) {
      throw new DataError(`y must have one column; got a DataFrame with ${y.columns.length} columns.`);
    }
    return { values: frameColumns(y)[0]!, name: String(y.columns[0]) };
  }
  if (isSeries(y)) return { values: y.values, name: String(y.columns?.[0] ?? 'y') };
  return { values: y as ArrayLike<unknown>, name: 'y' };
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

/** Row i of a column-major matrix as a fresh array (for input examples and display). */
export function rowOf(m: Matrix, i: number): number[] {
  const out = new Array<number>(m.cols);
  for (let j = 0; j < m.cols; j++) out[j] = m.data[j * m.rows + i]!;
  return out;
}

/** Rows of a column-major matrix as arrays. */
export function toRows(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) => rowOf(m, i));
}

/** Keep the given rows (in order), e.g. for train/test splits and folds. */
export function takeRows(m: Matrix, idx: ArrayLike<number>): Matrix {
  const n = idx.length;
  const data = new Float64Array(n * m.cols);
  for (let j = 0; j < m.cols; j++) {
    const src = j * m.rows;
    const dst = j * n;
    for (let k = 0; k < n; k++) data[dst + k] = m.data[src + idx[k]!]!;
  }
  return { data, rows: n, cols: m.cols, columns: m.columns };
}

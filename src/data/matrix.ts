// The dense numeric matrix estimators compute on: column-major doubles, so coordinate descent walks a
// column contiguously. A Table's numeric columns become one with `tableToMatrix` (frame.ts).

/** A dense numeric matrix, column-major: element (i, j) is `data[j * rows + i]`. */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
  /** Column names: a table's own, else `x0`, `x1`, … */
  readonly columns: string[];
}

export function isMatrix(x: unknown): x is Matrix {
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as Matrix).data instanceof Float64Array &&
    typeof (x as Matrix).rows === 'number' &&
    typeof (x as Matrix).cols === 'number'
  );
}

/** The names given to unnamed columns: `x0`, `x1`, … (scikit-learn's for unnamed features). */
export function defaultNames(cols: number): string[] {
  return Array.from({ length: cols }, (_, j) => `x${j}`);
}

/**
 * Whether names are only defaults: `x0`, `x1`, … (rows, a bare Matrix) or `0`, `1`, … (a header-less CSV, a danfojs
 * frame built without names), as pandas' integer labels carry no feature names for scikit-learn.
 */
export function areDefaultNames(names: readonly string[]): boolean {
  return names.every((c, j) => c === `x${j}` || c === String(j));
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

/** Rows [from, to) of a matrix: one contiguous copy per column. */
export function sliceRows(m: Matrix, from: number, to: number): Matrix {
  const n = to - from;
  const data = new Float64Array(n * m.cols);
  for (let j = 0; j < m.cols; j++) data.set(m.data.subarray(j * m.rows + from, j * m.rows + to), j * n);
  return { data, rows: n, cols: m.cols, columns: m.columns };
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

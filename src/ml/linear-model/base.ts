// What every linear regressor shares: `coef_` and `intercept_`, predict as X·coef + intercept, the
// JSON state, and scikit-learn's `_preprocess_data` (center X and y when fitting an intercept, then
// intercept_ = ȳ − x̄·coef).
//
// Centering is kept implicit (the column means travel with X) rather than copying X: for 50,000 × 100
// the copy alone costs more than a whole coordinate-descent fit.
import { DataError } from '../../lib/errors';
import { toVector, type Matrix, type MatrixInput, type VectorInput } from '../../data/frame';
import { Regressor } from '../core/estimator';
import { checkSameLength } from '../metrics';
import { sum } from '../core/linalg';

export interface Centered {
  /** Column means of X (zeros when not fitting an intercept). */
  xMean: Float64Array;
  yMean: number;
  /** y − ȳ, a fresh array. */
  y: Float64Array;
}

/**
 * sklearn's `_preprocess_data` without the copy of X: the means, and centered y. With
 * `computeXMean = false` the means are left for the solver to fill in (coordinate descent finds them
 * during its first epoch, saving a pass over X).
 */
export function centerData(X: Matrix, y: Float64Array, fitIntercept: boolean, computeXMean = true): Centered {
  const xMean = new Float64Array(X.cols);
  const yc = Float64Array.from(y);
  if (!fitIntercept) return { xMean, yMean: 0, y: yc };
  if (computeXMean) for (let j = 0; j < X.cols; j++) xMean[j] = sum(X.data, j * X.rows, X.rows) / X.rows;
  const yMean = sum(y, 0, y.length) / y.length;
  for (let i = 0; i < yc.length; i++) yc[i]! -= yMean;
  return { xMean, yMean, y: yc };
}

/** y for a regressor, checked against X's row count. */
export function regressionTarget(X: Matrix, y: VectorInput): Float64Array {
  if (y === undefined || y === null)
    throw new DataError('This estimator requires y to be passed, but the target y is None.');
  const v = toVector(y);
  checkSameLength(X.rows, v.length);
  return v;
}

/** A linear model y ≈ X·coef_ + intercept_. */
export abstract class LinearModel<P extends object = Record<string, unknown>> extends Regressor<P> {
  coef_: Float64Array | undefined = undefined;
  intercept_: number | undefined = undefined;

  get isFitted(): boolean {
    return this.coef_ !== undefined;
  }

  abstract override fit(X: MatrixInput, y: VectorInput): this;

  /** intercept_ = ȳ − x̄·coef_ (sklearn's `_set_intercept`; 0 without an intercept). */
  protected setIntercept(c: Pick<Centered, 'xMean' | 'yMean'>, fitIntercept: boolean): void {
    let s = 0;
    if (fitIntercept) for (let j = 0; j < c.xMean.length; j++) s += c.xMean[j]! * this.coef_![j]!;
    this.intercept_ = fitIntercept ? c.yMean - s : 0;
  }

  predict(X: MatrixInput): Float64Array {
    const m = this.predictMatrix(X);
    const out = new Float64Array(m.rows).fill(this.intercept_!);
    const coef = this.coef_!;
    for (let j = 0; j < m.cols; j++) {
      const c = coef[j]!;
      if (c === 0) continue;
      const off = j * m.rows;
      for (let i = 0; i < m.rows; i++) out[i]! += c * m.data[off + i]!;
    }
    return out;
  }

  protected stateToJSON(): Record<string, unknown> {
    return { ...this.inputState(), coef: Array.from(this.coef_!), intercept: this.intercept_ };
  }

  protected override stateFromJSON(state: Record<string, unknown>): void {
    this.restoreInputState(state);
    this.coef_ = Float64Array.from(state.coef as number[]);
    this.intercept_ = state.intercept as number;
  }
}

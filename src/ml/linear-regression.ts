// LinearRegression (ordinary least squares), scikit-learn's contract around ml.js's
// `ml-regression-multivariate-linear`.
//
// That library solves the normal equations (XᵀX)⁻¹Xᵀy through an SVD of XᵀX, which squares X's
// condition number. Fed raw wine-quality columns (density varies by 0.2% around 1, next to an
// intercept column of ones) that costs ~10 digits. So we hand it what sklearn's `_preprocess_data`
// would give lstsq — centered columns, intercept recovered as ȳ − x̄·w — and also scale each column to
// unit norm (undone on the coefficients): equilibrated, the squared condition number stays small and
// the coefficients agree with scipy's lstsq to ~1e-12.
//
// positive=true is non-negative least squares (sklearn uses scipy's nnls): Lawson–Hanson on the
// Gram form, in linalg.ts.
import MultivariateLinearRegression from 'ml-regression-multivariate-linear';
import { checkJSON, checkOneOf, checkRange, registerEstimator, type EstimatorJSON } from './estimator';
import type { Matrix, MatrixInput, VectorInput } from '../data/frame';
import { gramOf } from './cd-fast';
import { nnlsGram } from './linalg';
import { LinearModel, centerData, regressionTarget, type Centered } from './linear-model';

export interface LinearRegressionParams {
  copyX: boolean;
  fitIntercept: boolean;
  /** Accepted for parity; Kiroku fits in one thread. */
  nJobs: number | null;
  positive: boolean;
}

const DEFAULTS: LinearRegressionParams = { copyX: true, fitIntercept: true, nJobs: null, positive: false };

/** Ordinary least squares linear regression (sklearn.linear_model.LinearRegression). */
export class LinearRegression extends LinearModel<LinearRegressionParams> {
  constructor(params: Partial<LinearRegressionParams> = {}) {
    super(DEFAULTS, params);
  }

  fit(X: MatrixInput, y: VectorInput): this {
    const p = this.params;
    const name = this.estimatorName;
    for (const k of ['copyX', 'fitIntercept', 'positive'] as const) checkOneOf(name, k, p[k], [true, false]);
    checkRange(name, 'nJobs', p.nJobs, -Infinity, Infinity, { integer: true, nullable: true });
    const m = this.fitMatrix(X);
    const target = regressionTarget(m, y);
    const c = centerData(m, target, p.fitIntercept);
    if (p.positive) {
      const g = gramOf({ X: m.data, rows: m.rows, cols: m.cols, xMean: c.xMean, y: c.y });
      this.coef_ = nnlsGram(g.Q, m.cols, g.q);
    } else {
      this.coef_ = leastSquares(m, c);
    }
    this.setIntercept(c, p.fitIntercept);
    return this;
  }

  static fromJSON(json: EstimatorJSON): LinearRegression {
    checkJSON(json, 'LinearRegression');
    const m = new LinearRegression(json.params as Partial<LinearRegressionParams>);
    if (json.state) m.restoreState(json.state);
    return m;
  }
}

/** OLS through ml.js on centered, unit-norm columns; returns the coefficients in X's own units. */
function leastSquares(m: Matrix, c: Centered): Float64Array {
  const { rows: n, cols: p, data } = m;
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (data[j * n + i]! - c.xMean[j]!) ** 2;
    scale[j] = s > 0 ? Math.sqrt(s) : 1;
  }
  const rows = new Array<number[]>(n);
  for (let i = 0; i < n; i++) {
    const r = new Array<number>(p);
    for (let j = 0; j < p; j++) r[j] = (data[j * n + i]! - c.xMean[j]!) / scale[j]!;
    rows[i] = r;
  }
  const ys = Array.from(c.y, (v) => [v]);
  const mlr = new MultivariateLinearRegression(rows, ys, { intercept: false, statistics: false });
  return Float64Array.from(mlr.weights, (w, j) => w[0]! / scale[j]!);
}

registerEstimator('LinearRegression', LinearRegression);

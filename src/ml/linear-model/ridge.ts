// Ridge, scikit-learn's: minimize ‖y − Xw‖² + alpha·‖w‖² — note, unlike ElasticNet, no 1/(2n) on the
// data term, so Ridge(alpha) equals ElasticNet(alpha / n, l1Ratio = 0).
//
// Solved in closed form, as sklearn's 'cholesky' solver (what solver='auto' picks for dense X):
// (XcᵀXc + αI) w = Xcᵀyc on centered data, intercept = ȳ − x̄·w. With positive=true sklearn switches to
// L-BFGS-B, which stops at its tolerance; we solve the same constrained problem exactly (Lawson–Hanson
// NNLS on the Gram form), so results agree to sklearn's tolerance, not to the last digit.
import { checkOneOf, checkRange, registerEstimator } from '../core/estimator';
import type { MatrixInput, VectorInput } from '../../data/frame';
import { KirokuError } from '../../lib/errors';
import { gramOf } from './gram';
import { nnlsGram, solveSPD } from '../core/linalg';
import { LinearModel, regressionTarget } from './base';

export interface RidgeParams {
  alpha: number;
  copyX: boolean;
  fitIntercept: boolean;
  /** Only used by sklearn's iterative solvers; accepted for parity. */
  maxIter: number | null;
  positive: boolean;
  randomState: number | null;
  solver: 'auto' | 'cholesky' | 'lbfgs';
  tol: number;
}

const DEFAULTS: RidgeParams = {
  alpha: 1,
  copyX: true,
  fitIntercept: true,
  maxIter: null,
  positive: false,
  randomState: null,
  solver: 'auto',
  tol: 1e-4,
};

/** Linear least squares with l2 regularization (sklearn.linear_model.Ridge). */
export class Ridge extends LinearModel<RidgeParams> {
  /** sklearn sets n_iter_ only for iterative solvers; null here, as for its cholesky solver. */
  nIter_: number | null = null;

  constructor(params: Partial<RidgeParams> = {}) {
    super(DEFAULTS, params);
  }

  fit(X: MatrixInput, y: VectorInput): this {
    const p = this.params;
    const name = this.estimatorName;
    checkRange(name, 'alpha', p.alpha, 0, Infinity);
    checkRange(name, 'maxIter', p.maxIter, 1, Infinity, { integer: true, nullable: true });
    checkRange(name, 'tol', p.tol, 0, Infinity);
    checkOneOf(name, 'solver', p.solver, ['auto', 'cholesky', 'lbfgs']);
    for (const k of ['copyX', 'fitIntercept', 'positive'] as const) checkOneOf(name, k, p[k], [true, false]);
    if (p.positive && p.solver === 'cholesky') {
      throw new KirokuError(
        `solver='cholesky' does not support positive fitting. Please set the solver to 'auto' or 'lbfgs'.`,
        'INVALID_PARAMETER_VALUE',
      );
    }
    const m = this.fitMatrix(X);
    const target = regressionTarget(m, y);
    const k = m.cols;
    // The Gram pass finds the means itself (sklearn's _preprocess_data, without copying X).
    const g = gramOf({ X: m.data, rows: m.rows, cols: k, y: target, center: p.fitIntercept });
    for (let j = 0; j < k; j++) g.Q[j * k + j]! += p.alpha;
    this.coef_ = p.positive ? nnlsGram(g.Q, k, g.q) : solveSPD(g.Q, k, g.q);
    this.setIntercept(g, p.fitIntercept);
    return this;
  }
}

registerEstimator('Ridge', Ridge);

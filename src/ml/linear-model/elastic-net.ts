// ElasticNet and Lasso, scikit-learn's: minimize
//
//     1/(2n)·‖y − Xw‖² + alpha·l1Ratio·‖w‖₁ + ½·alpha·(1 − l1Ratio)·‖w‖²
//
// by coordinate descent (cd-fast.ts), with the intercept from centering, sklearn's duality-gap
// stopping rule, `nIter_`, `dualGap_` and its ConvergenceWarning.
//
// `precompute=true` runs on the Gram matrix from the start, as sklearn does. With the default `false`
// we start on X like sklearn, but if the run is still going after the epochs that forming XᵀX would
// have cost (n > p, p ≤ 2048), we form it and continue on it: the iterates are the same up to rounding,
// and a long, ill-conditioned fit costs at most about twice the cheaper of the two ways.
import { checkOneOf, checkRange, registerEstimator } from '../core/estimator';
import { rngFrom } from '../../lib/random';
import type { MatrixInput, VectorInput } from '../../data/frame';
import { enetCoordinateDescent, enetCoordinateDescentGram, type CdMeans, type CdResult } from './cd-fast';
import { cdColumns } from './cd-columns';
import { gramOf } from './gram';
import { LinearModel, centerData, regressionTarget, type Centered } from './base';
import { formatExp } from '../core/warnings';

/** Params shared by ElasticNet and Lasso (camelCase of sklearn's). */
export interface LassoParams {
  alpha: number;
  copyX: boolean;
  fitIntercept: boolean;
  maxIter: number;
  positive: boolean;
  precompute: boolean;
  randomState: number | null;
  selection: 'cyclic' | 'random';
  tol: number;
  warmStart: boolean;
}

export interface ElasticNetParams extends LassoParams {
  l1Ratio: number;
}

const LASSO_DEFAULTS: LassoParams = {
  alpha: 1,
  copyX: true,
  fitIntercept: true,
  maxIter: 1000,
  positive: false,
  precompute: false,
  randomState: null,
  selection: 'cyclic',
  tol: 1e-4,
  warmStart: false,
};

// Largest p for which the automatic switch forms the p × p Gram matrix (32 MiB).
const MAX_AUTO_GRAM = 2048;

abstract class BaseElasticNet<P extends LassoParams> extends LinearModel<P> {
  /** Epochs run by the last fit. */
  nIter_: number | undefined = undefined;
  /** Duality gap at the end of the last fit, in the 1/(2n) scaling of the objective. */
  dualGap_: number | undefined = undefined;

  protected abstract get l1Ratio(): number;

  private validateParams(): void {
    const p = this.params;
    const name = this.estimatorName;
    checkRange(name, 'alpha', p.alpha, 0, Infinity);
    checkRange(name, 'maxIter', p.maxIter, 1, Infinity, { integer: true });
    checkRange(name, 'tol', p.tol, 0, Infinity);
    checkRange(name, 'randomState', p.randomState, 0, 2 ** 32 - 1, { integer: true, nullable: true });
    checkOneOf(name, 'selection', p.selection, ['cyclic', 'random']);
    for (const k of ['copyX', 'fitIntercept', 'positive', 'precompute', 'warmStart'] as const)
      checkOneOf(name, k, p[k], [true, false]);
  }

  fit(X: MatrixInput, y: VectorInput): this {
    this.validateParams();
    const p = this.params;
    const m = this.fitMatrix(X);
    const target = regressionTarget(m, y);
    const n = m.rows;
    if (p.alpha === 0) {
      this.warn(
        'UserWarning',
        'With alpha=0, this algorithm does not converge well. You are advised to use the LinearRegression estimator',
      );
    }
    const w = p.warmStart && this.coef_?.length === m.cols ? Float64Array.from(this.coef_) : new Float64Array(m.cols);
    const l1 = p.alpha * this.l1Ratio * n;
    const l2 = p.alpha * (1 - this.l1Ratio) * n;
    if (l1 === 0 && l2 === 0)
      this.warn(
        'UserWarning',
        'Coordinate descent with no regularization may lead to unexpected results and is discouraged.',
      );
    const opts = {
      maxIter: p.maxIter,
      tol: p.tol,
      positive: p.positive,
      rng: p.selection === 'random' ? rngFrom(p.randomState) : null,
    };
    let r: CdResult;
    let c: Pick<Centered, 'xMean' | 'yMean'>;
    if (p.precompute) {
      const g = gramOf({ X: m.data, rows: n, cols: m.cols, y: target, center: p.fitIntercept });
      r = enetCoordinateDescentGram(w, l1, l2, g, opts);
      c = g;
    } else {
      // From a cold start, coordinate descent finds the column means in its first epoch.
      const lazyMeans = w.every((v) => v === 0);
      const centered = centerData(m, target, p.fitIntercept, !lazyMeans);
      const means: CdMeans = { xMean: centered.xMean, xMeanKnown: !(lazyMeans && p.fitIntercept) };
      const cols = cdColumns(m.data, n, m.cols, centered.y);
      const canSwitch = n > m.cols && m.cols <= MAX_AUTO_GRAM;
      r = enetCoordinateDescent(w, l1, l2, means, cols, n, {
        ...opts,
        pauseAt: canSwitch ? Math.max(2, Math.ceil(m.cols / 4)) : undefined,
      });
      if (!r.converged && r.nIter < p.maxIter)
        r = enetCoordinateDescentGram(w, l1, l2, cols.gram(p.fitIntercept), { ...opts, startIter: r.nIter });
      c = centered;
    }
    if (!r.converged) {
      let msg =
        'Objective did not converge. You might want to increase the number of iterations, check the scale of the ' +
        'features or consider increasing regularisation. ' +
        `Duality gap: ${formatExp(r.gap)}, tolerance: ${formatExp(r.tol)}`;
      if (l1 < Number.EPSILON) {
        msg +=
          ' Linear regression models with null weight for the l1 regularization term are more efficiently fitted ' +
          'using one of the solvers implemented in sklearn.linear_model.Ridge/RidgeCV instead.';
      }
      this.warn('ConvergenceWarning', msg);
    }
    this.coef_ = w;
    this.nIter_ = r.nIter;
    this.dualGap_ = r.gap / n;
    this.setIntercept(c, p.fitIntercept);
    return this;
  }

  protected override stateToJSON(): Record<string, unknown> {
    return { ...super.stateToJSON(), nIter: this.nIter_, dualGap: this.dualGap_ };
  }

  protected override stateFromJSON(state: Record<string, unknown>): void {
    super.stateFromJSON(state);
    this.nIter_ = state.nIter as number;
    this.dualGap_ = state.dualGap as number;
  }
}

/** Linear regression with combined L1 and L2 priors as regularizer (sklearn.linear_model.ElasticNet). */
export class ElasticNet extends BaseElasticNet<ElasticNetParams> {
  constructor(params: Partial<ElasticNetParams> = {}) {
    super({ ...LASSO_DEFAULTS, l1Ratio: 0.5 }, params);
  }

  protected get l1Ratio(): number {
    checkRange(this.estimatorName, 'l1Ratio', this.params.l1Ratio, 0, 1);
    return this.params.l1Ratio;
  }
}

/** Linear model trained with an L1 prior as regularizer (sklearn.linear_model.Lasso): l1Ratio = 1. */
export class Lasso extends BaseElasticNet<LassoParams> {
  constructor(params: Partial<LassoParams> = {}) {
    super({ ...LASSO_DEFAULTS }, params);
  }

  protected get l1Ratio(): number {
    return 1;
  }
}

registerEstimator('ElasticNet', ElasticNet);
registerEstimator('Lasso', Lasso);

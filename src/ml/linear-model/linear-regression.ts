// LinearRegression (ordinary least squares), scikit-learn's contract.
//
// Solved from the Gram form of the centered problem (gram.ts: one blocked pass over X, WebAssembly
// SIMD) by Cholesky on the correlation matrix: columns scaled to unit norm (undone on the
// coefficients), so the squared condition number of the normal equations stays that of the
// correlations, and the coefficients agree with scipy's lstsq to ~1e-12 on real data such as
// wine-quality (whose density varies by 0.2% around 1). Problems too ill-conditioned for that —
// nearly or exactly collinear columns, constant ones — are solved as lstsq solves them: the
// minimum-norm solution, from the pseudo-inverse of XcᵀXc (Jacobi eigenvectors, directions with
// σ ≤ 3e-7·σmax dropped), refined twice on X itself (w += pinv·Xcᵀ(yc − Xc·w)), which recovers the
// digits the squared condition number cost.
//
// positive=true is non-negative least squares (sklearn uses scipy's nnls): Lawson–Hanson on the
// Gram form, in ml/core/linalg.ts.
import { checkOneOf, checkRange, registerEstimator } from '../core/estimator';
import type { Matrix, MatrixInput, VectorInput } from '../../data/frame';
import { gramOf, type Gram } from './gram';
import { cholesky, choleskySolve, nnlsGram, symmetricEigen } from '../core/linalg';
import { LinearModel, regressionTarget } from './base';

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
    const g = gramOf({ X: m.data, rows: m.rows, cols: m.cols, y: target, center: p.fitIntercept });
    this.coef_ = p.positive ? nnlsGram(g.Q, m.cols, g.q) : (normalEquations(g) ?? minimumNorm(m, target, g));
    this.setIntercept(g, p.fitIntercept);
    return this;
  }
}

// Beyond this condition number of the correlation matrix, Cholesky's answer may lose more than 6 of
// its 16 digits (the tests compare 9 with scipy's lstsq), and the SVD is used instead.
const MAX_CONDITION = 1e6;

/** κ(C) estimated by power iteration for λmax and inverse iteration (through L) for λmin. */
function conditionEstimate(C: Float64Array, L: Float64Array, p: number): number {
  const iterate = (step: (v: Float64Array) => Float64Array): number => {
    let v = new Float64Array(p).fill(1 / Math.sqrt(p));
    let lambda = 0;
    for (let it = 0; it < 30; it++) {
      const u = step(v);
      let norm = 0;
      for (let j = 0; j < p; j++) norm += u[j]! * u[j]!;
      norm = Math.sqrt(norm);
      if (!(norm > 0)) return 0;
      lambda = norm;
      v = u.map((x) => x / norm);
    }
    return lambda;
  };
  const times = (v: Float64Array) => {
    const u = new Float64Array(p);
    for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) u[j]! += C[j * p + k]! * v[k]!;
    return u;
  };
  return iterate(times) * iterate((v) => choleskySolve(L, p, v));
}

/** OLS by Cholesky on the correlation form of the Gram matrix, or null when it is ill-conditioned. */
function normalEquations(g: Gram): Float64Array | null {
  const p = g.q.length;
  const s = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    if (!(g.Q[j * p + j]! > 0)) return null; // a constant column
    s[j] = Math.sqrt(g.Q[j * p + j]!);
  }
  const C = new Float64Array(p * p);
  const b = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    b[j] = g.q[j]! / s[j]!;
    for (let k = 0; k < p; k++) C[j * p + k] = g.Q[j * p + k]! / (s[j]! * s[k]!);
  }
  const L = cholesky(C, p);
  if (!L || !(conditionEstimate(C, L, p) < MAX_CONDITION)) return null;
  const z = choleskySolve(L, p, b);
  // One step of iterative refinement recovers the digits Cholesky's rounding lost.
  const r = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let t = b[j]!;
    for (let k = 0; k < p; k++) t -= C[j * p + k]! * z[k]!;
    r[j] = t;
  }
  const dz = choleskySolve(L, p, r);
  return Float64Array.from(z, (v, j) => (v + dz[j]!) / s[j]!);
}

/** lstsq's minimum-norm least squares: pseudo-inverse of the Gram matrix, refined on X (centered by g's means). */
function minimumNorm(m: Matrix, y: Float64Array, g: Gram): Float64Array {
  const { rows: n, cols: p, data } = m;
  const yc = new Float64Array(n);
  for (let i = 0; i < n; i++) yc[i] = y[i]! - g.yMean;
  const { values, vectors: V } = symmetricEigen(g.Q, p);
  const top = Math.max(0, ...values);
  const kept = Array.from(values, (v, k) => (v > 1e-13 * top ? k : -1)).filter((k) => k >= 0);
  const pinv = (b: Float64Array): Float64Array => {
    const out = new Float64Array(p);
    for (const k of kept) {
      let t = 0;
      for (let i = 0; i < p; i++) t += V[i * p + k]! * b[i]!;
      t /= values[k]!;
      for (let i = 0; i < p; i++) out[i]! += t * V[i * p + k]!;
    }
    return out;
  };
  const w = pinv(g.q);
  const r = new Float64Array(n);
  const grad = new Float64Array(p);
  for (let step = 0; step < 2; step++) {
    r.set(yc);
    for (let j = 0; j < p; j++) {
      const wj = w[j]!;
      const mj = g.xMean[j]!;
      for (let i = 0; i < n; i++) r[i]! -= wj * (data[j * n + i]! - mj);
    }
    for (let j = 0; j < p; j++) {
      const mj = g.xMean[j]!;
      let t = 0;
      for (let i = 0; i < n; i++) t += (data[j * n + i]! - mj) * r[i]!;
      grad[j] = t;
    }
    const dw = pinv(grad);
    for (let j = 0; j < p; j++) w[j]! += dw[j]!;
  }
  return w;
}

registerEstimator('LinearRegression', LinearRegression);

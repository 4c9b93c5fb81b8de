// The L2-penalized logistic objective scikit-learn 1.2 minimizes with lbfgs,
//
//     Σᵢ sᵢ·loss(zᵢ, yᵢ) + 1/(2C)·‖coef‖²      (intercepts unpenalized, sᵢ the sample weights)
//
// binary (one sigmoid, HalfBinomialLoss) or multinomial (softmax over K rows of coefficients, all
// penalized, HalfMultinomialLoss), and its minimization by L-BFGS.
//
// L-BFGS works in preconditioned coordinates: each coefficient is scaled by the inverse square root of
// its Hessian diagonal at the start (centered columns, so the intercept decouples). That is a change
// of variables, not of the problem — the optimum is the same — but raw features such as wine-quality's
// (density varies by 0.2%, sulfur dioxide by tens) no longer stall the solver. The stopping test uses
// the gradient in the original coordinates, as sklearn's `tol` does.
import { lbfgs, type LbfgsResult } from './lbfgs';
import { sum } from './linalg';

export interface LogisticData {
  /** Column-major X, n × p. */
  X: Float64Array;
  n: number;
  p: number;
  /** Class index per sample: 0/1 for binary, 0..K−1 for multinomial. */
  y: Int32Array;
  /** Sample weights (class weights folded in). */
  sw: Float64Array;
}

export interface LogisticFit {
  /** K rows (1 for binary) of p coefficients. */
  coef: Float64Array[];
  intercept: Float64Array;
  result: LbfgsResult;
}

export interface LogisticOptions {
  /** Rows of coefficients: 1 (binary, sigmoid) or K ≥ 2 (multinomial, softmax). */
  rows: number;
  /** 1/C, or 0 without penalty. */
  l2: number;
  fitIntercept: boolean;
  maxIter: number;
  tol: number;
}

/** y += a·x, four lanes. */
function axpy(a: number, x: Float64Array, y: Float64Array): void {
  const n = x.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    y[i]! += a * x[i]!;
    y[i + 1]! += a * x[i + 1]!;
    y[i + 2]! += a * x[i + 2]!;
    y[i + 3]! += a * x[i + 3]!;
  }
  for (; i < n; i++) y[i]! += a * x[i]!;
}

function dot(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[i]! * b[i]!;
    s1 += a[i + 1]! * b[i + 1]!;
    s2 += a[i + 2]! * b[i + 2]!;
    s3 += a[i + 3]! * b[i + 3]!;
  }
  for (; i < n; i++) s0 += a[i]! * b[i]!;
  return s0 + s1 + (s2 + s3);
}

/** log(1 + eᶻ) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function fitLogistic(d: LogisticData, o: LogisticOptions): LogisticFit {
  const { X, n, p, y, sw } = d;
  const K = o.rows;
  const stride = p + (o.fitIntercept ? 1 : 0);
  let swSum = 0;
  for (let i = 0; i < n; i++) swSum += sw[i]!;
  // Centering shifts and diagonal scales (the preconditioner).
  const mu = new Float64Array(p);
  const scale = new Float64Array(p);
  const h = K === 1 ? 0.25 : (1 / K) * (1 - 1 / K);
  for (let j = 0; j < p; j++) {
    const off = j * n;
    if (o.fitIntercept) {
      let s = 0;
      for (let i = 0; i < n; i++) s += sw[i]! * X[off + i]!;
      mu[j] = s / swSum;
    }
    let v = 0;
    for (let i = 0; i < n; i++) v += sw[i]! * (X[off + i]! - mu[j]!) ** 2;
    const curv = h * v + o.l2;
    scale[j] = curv > 0 ? 1 / Math.sqrt(curv) : 1;
  }
  const bScale = swSum > 0 ? 1 / Math.sqrt(h * swSum) : 1;

  const W = Array.from({ length: K }, () => new Float64Array(p));
  const b = new Float64Array(K);
  const Z = new Float64Array(n * K);
  const gw = Array.from({ length: K }, () => new Float64Array(p));
  const gb = new Float64Array(K);

  /** θ (preconditioned) → W, b (original). */
  const unpack = (theta: Float64Array) => {
    for (let k = 0; k < K; k++) {
      const base = k * stride;
      let shift = 0;
      for (let j = 0; j < p; j++) {
        const w = theta[base + j]! * scale[j]!;
        W[k]![j] = w;
        shift += mu[j]! * w;
      }
      b[k] = o.fitIntercept ? theta[base + p]! * bScale - shift : 0;
    }
  };

  const objective = (theta: Float64Array, grad: Float64Array): number => {
    unpack(theta);
    for (let k = 0; k < K; k++) Z.fill(b[k]!, k * n, (k + 1) * n);
    for (let j = 0; j < p; j++) {
      const x = X.subarray(j * n, (j + 1) * n);
      for (let k = 0; k < K; k++) {
        const w = W[k]![j]!;
        if (w !== 0) axpy(w, x, Z.subarray(k * n, (k + 1) * n));
      }
    }
    // Loss, and Z overwritten with the residuals sᵢ·(pᵢₖ − [yᵢ = k]).
    let f = 0;
    if (K === 1) {
      for (let i = 0; i < n; i++) {
        const z = Z[i]!;
        const yi = y[i]!;
        f += sw[i]! * (softplus(z) - yi * z);
        Z[i] = sw[i]! * (sigmoid(z) - yi);
      }
    } else {
      for (let i = 0; i < n; i++) {
        let max = -Infinity;
        for (let k = 0; k < K; k++) max = Math.max(max, Z[k * n + i]!);
        const zy = Z[y[i]! * n + i]!;
        let total = 0;
        for (let k = 0; k < K; k++) {
          const e = Math.exp(Z[k * n + i]! - max);
          Z[k * n + i] = e;
          total += e;
        }
        f += sw[i]! * (max + Math.log(total) - zy);
        for (let k = 0; k < K; k++) Z[k * n + i] = sw[i]! * (Z[k * n + i]! / total - (y[i] === k ? 1 : 0));
      }
    }
    for (let k = 0; k < K; k++) {
      const r = Z.subarray(k * n, (k + 1) * n);
      gb[k] = sum(r, 0, n);
      for (let j = 0; j < p; j++) {
        const w = W[k]![j]!;
        gw[k]![j] = dot(r, X.subarray(j * n, (j + 1) * n)) + o.l2 * w;
        f += 0.5 * o.l2 * w * w;
      }
    }
    // Chain rule back to θ: w = θ·scale, b = θ_b·bScale − μ·w.
    for (let k = 0; k < K; k++) {
      const base = k * stride;
      for (let j = 0; j < p; j++) grad[base + j] = scale[j]! * (gw[k]![j]! - (o.fitIntercept ? mu[j]! * gb[k]! : 0));
      if (o.fitIntercept) grad[base + p] = bScale * gb[k]!;
    }
    return f;
  };

  /** max |∂f/∂coef, ∂f/∂intercept| in the original coordinates, recovered from the θ-gradient. */
  const gradSize = (_theta: Float64Array, g: Float64Array): number => {
    let m = 0;
    for (let k = 0; k < K; k++) {
      const base = k * stride;
      const gbk = o.fitIntercept ? g[base + p]! / bScale : 0;
      m = Math.max(m, Math.abs(gbk));
      for (let j = 0; j < p; j++) m = Math.max(m, Math.abs(g[base + j]! / scale[j]! + mu[j]! * gbk));
    }
    return m;
  };

  const result = lbfgs(objective, new Float64Array(K * stride), { maxIter: o.maxIter, gtol: o.tol, gradSize });
  unpack(result.x);
  return { coef: W.map((w) => Float64Array.from(w)), intercept: Float64Array.from(b), result };
}

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
//
// The binary loss, the common case, runs its passes over X as WebAssembly SIMD (wasm/kernels.wat): X is
// copied once into the module's memory, and each evaluation takes it in blocks of rows — z = Xw + b,
// the loss and residuals in JS while the block is in cache, then Xᵀr — one pass over X instead of two.
import { lbfgs, type LbfgsResult } from './lbfgs';
import { sum } from './linalg';
import { roundUp, wasmKernels, type WasmKernels } from './wasm/kernels';

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

const BLOCK = 512; // rows per block: 512 × p doubles stay in L2 between Xw and Xᵀr

/** X in WebAssembly memory, for the binary loss and its gradient in one blocked pass. */
class BinaryKernel {
  private constructor(
    private readonly k: WasmKernels, private readonly n: number, private readonly p: number,
    private readonly ld: number, private readonly pPad: number,
  ) {}

  static create(X: Float64Array, n: number, p: number): BinaryKernel | null {
    const k = wasmKernels();
    if (!k) return null;
    const ld = roundUp(n, 2);
    const pPad = roundUp(p, 4);
    k.reserve((ld * pPad + 2 * pPad + 2 * BLOCK) * 8);
    const mem = k.f64();
    mem.fill(0, 0, ld * pPad + 2 * pPad + 2 * BLOCK);
    for (let j = 0; j < p; j++) mem.set(X.subarray(j * n, (j + 1) * n), j * ld);
    return new BinaryKernel(k, n, p, ld, pPad);
  }

  /** Σ sᵢ·(softplus(zᵢ) − yᵢzᵢ) for z = Xw + b; writes Xᵀr into gw and returns Σ r (r = s·(σ(z) − y)). */
  evaluate(w: Float64Array, b: number, y: Int32Array, sw: Float64Array, gw: Float64Array): { f: number; gb: number } {
    const { k, n, p, ld, pPad } = this;
    const wOff = ld * pPad;
    const gOff = wOff + pPad;
    const zOff = gOff + pPad;
    const rOff = zOff + BLOCK;
    const mem = k.f64();
    mem.set(w, wOff);
    mem.fill(0, gOff, gOff + pPad);
    let f = 0;
    let gb = 0;
    for (let i0 = 0; i0 < n; i0 += BLOCK) {
      const nb = Math.min(BLOCK, n - i0);
      const rows = roundUp(nb, 2);
      mem.fill(b, zOff, zOff + rows);
      k.gemv(i0 * 8, ld, rows, pPad, wOff * 8, zOff * 8);
      for (let t = 0; t < nb; t++) {
        const z = mem[zOff + t]!;
        const i = i0 + t;
        const yi = y[i]!;
        const s = sw[i]!;
        f += s * (softplus(z) - yi * z);
        const r = s * (sigmoid(z) - yi);
        mem[rOff + t] = r;
        gb += r;
      }
      if (rows !== nb) mem[rOff + nb] = 0;
      k.gemvT(i0 * 8, ld, rows, pPad, rOff * 8, gOff * 8);
    }
    gw.set(mem.subarray(gOff, gOff + p));
    return { f, gb };
  }
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
  const Z = new Float64Array(K === 1 && wasmKernels() ? 0 : n * K);
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

  const binary = K === 1 ? BinaryKernel.create(X, n, p) : null;

  /** The loss, gw and gb (penalty included) at W, b: by the blocked kernel, or in JS over Z. */
  const lossAndGradient = (): number => {
    if (binary) {
      const r = binary.evaluate(W[0]!, b[0]!, y, sw, gw[0]!);
      gb[0] = r.gb;
      let f = r.f;
      for (let j = 0; j < p; j++) {
        const w = W[0]![j]!;
        gw[0]![j]! += o.l2 * w;
        f += 0.5 * o.l2 * w * w;
      }
      return f;
    }
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
    return f;
  };

  const objective = (theta: Float64Array, grad: Float64Array): number => {
    unpack(theta);
    const f = lossAndGradient();
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

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
// The binary loss, the common case, runs as WebAssembly (wasm/kernels.wat) on every core: X is copied
// once into the kernels' memory, and each evaluation takes it in chunks of rows, each block one pass
// over X — z = Xw + b as SIMD, the loss and residuals (fdlibm's exp and log, in WebAssembly), then Xᵀr
// as SIMD while the block is in cache. Elsewhere (multinomial, or no WebAssembly SIMD) plain JS.
import { lbfgs, type LbfgsResult } from './lbfgs';
import { sum } from '../core/linalg';
import { roundUp, wasmKernels, type WasmKernels } from '../wasm/kernels';
import { MAX_CHUNKS } from '../wasm/threads';

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

const CHUNK_ROWS = 2048; // rows per chunk (4 blocks of 512 in kernels.wat), the unit threads take
// Values per evaluation (n·p) below which one thread does it all: ~2 ms, where waking helpers stops paying.
const PARALLEL_MIN_WORK = 2 ** 21;

/**
 * X, y and the sample weights in WebAssembly memory, for the binary loss and its gradient: each
 * evaluation is chunks of rows taken by the threads (wasm/threads.ts), each block of a chunk one pass
 * over X (z = Xw + b, loss and residuals, Xᵀr while the block is in cache), and the chunks' sums
 * added in chunk order — the same bits on any number of threads.
 */
class BinaryKernel {
  private constructor(
    private readonly k: WasmKernels,
    private readonly n: number,
    private readonly p: number,
    private readonly ld: number,
    private readonly pPad: number,
    private readonly threads: number,
    private readonly chunkRows: number,
    private readonly chunks: number,
    private readonly at: { x: number; w: number; y: number; sw: number; slots: number; scratch: number },
  ) {}

  static create(X: Float64Array, n: number, p: number, y: Int32Array, sw: Float64Array): BinaryKernel | null {
    const k = wasmKernels();
    if (!k) return null;
    const ld = roundUp(n, 2); // each column starts 16-byte aligned, its pad row is zero
    const pPad = roundUp(p, 4);
    const chunkRows = Math.max(CHUNK_ROWS, roundUp(Math.ceil(n / MAX_CHUNKS), 512));
    const chunks = Math.ceil(n / chunkRows);
    const threads = n * pPad >= PARALLEL_MIN_WORK ? k.threads() : 1;
    let bytes = 0;
    const take = (b: number) => {
      const off = bytes;
      bytes = roundUp(bytes + b, 16);
      return off;
    };
    const at = {
      x: take(ld * pPad * 8),
      w: take((pPad + 2) * 8),
      y: take(n * 4),
      sw: take(n * 8),
      slots: take(chunks * (pPad + 2) * 8),
      scratch: take(threads * 1024 * 8),
    };
    k.reserve(bytes);
    const mem = k.f64();
    const x = at.x / 8;
    for (let j = 0; j < p; j++) {
      mem.set(X.subarray(j * n, (j + 1) * n), x + j * ld);
      if (ld > n) mem[x + j * ld + n] = 0;
    }
    mem.fill(0, x + p * ld, x + pPad * ld); // pad columns
    new Int32Array(mem.buffer, at.y, n).set(y);
    mem.set(sw, at.sw / 8);
    return new BinaryKernel(k, n, p, ld, pPad, threads, chunkRows, chunks, at);
  }

  /** Column j's weighted mean (when centering) and weighted sum of squares about it. */
  stats(j: number, center: boolean, swSum: number): { mean: number; ss: number } {
    const { k, n, ld, at } = this;
    const col = at.x + j * ld * 8;
    const mean = center ? k.wsum(col, at.sw, n) / swSum : 0;
    return { mean, ss: k.wsqC(col, mean, at.sw, n) };
  }

  /** Σ sᵢ·(softplus(zᵢ) − yᵢzᵢ) for z = Xw + b; writes Xᵀr into gw and returns Σ r (r = s·(σ(z) − y)). */
  evaluate(w: Float64Array, b: number, gw: Float64Array): { f: number; gb: number } {
    const { k, n, p, ld, pPad, at, chunks } = this;
    const mem = k.f64();
    const w0 = at.w / 8;
    mem.set(w, w0);
    mem.fill(0, w0 + p, w0 + pPad);
    mem[w0 + pPad] = b;
    k.parallel(
      'logistic_chunk',
      chunks,
      [at.x, ld, n, pPad, at.w, at.y, at.sw, at.slots, at.scratch, this.chunkRows],
      this.threads,
    );
    gw.fill(0);
    let f = 0;
    let gb = 0;
    for (let c = 0; c < chunks; c++) {
      const slot = at.slots / 8 + c * (pPad + 2);
      for (let j = 0; j < p; j++) gw[j]! += mem[slot + j]!;
      f += mem[slot + pPad]!;
      gb += mem[slot + pPad + 1]!;
    }
    return { f, gb };
  }
}

export function fitLogistic(d: LogisticData, o: LogisticOptions): LogisticFit {
  const { X, n, p, y, sw } = d;
  const K = o.rows;
  const stride = p + (o.fitIntercept ? 1 : 0);
  let swSum = 0;
  for (let i = 0; i < n; i++) swSum += sw[i]!;
  const binary = K === 1 ? BinaryKernel.create(X, n, p, y, sw) : null;
  // Centering shifts and diagonal scales (the preconditioner).
  const mu = new Float64Array(p);
  const scale = new Float64Array(p);
  const h = K === 1 ? 0.25 : (1 / K) * (1 - 1 / K);
  for (let j = 0; j < p; j++) {
    let v = 0;
    if (binary) {
      const st = binary.stats(j, o.fitIntercept, swSum);
      mu[j] = st.mean;
      v = st.ss;
    } else {
      const off = j * n;
      if (o.fitIntercept) {
        let s = 0;
        for (let i = 0; i < n; i++) s += sw[i]! * X[off + i]!;
        mu[j] = s / swSum;
      }
      for (let i = 0; i < n; i++) v += sw[i]! * (X[off + i]! - mu[j]!) ** 2;
    }
    const curv = h * v + o.l2;
    scale[j] = curv > 0 ? 1 / Math.sqrt(curv) : 1;
  }
  const bScale = swSum > 0 ? 1 / Math.sqrt(h * swSum) : 1;

  const W = Array.from({ length: K }, () => new Float64Array(p));
  const b = new Float64Array(K);
  const Z = new Float64Array(binary ? 0 : n * K);
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

  /** The loss, gw and gb (penalty included) at W, b: by the blocked kernel, or in JS over Z. */
  const lossAndGradient = (): number => {
    if (binary) {
      const r = binary.evaluate(W[0]!, b[0]!, gw[0]!);
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

// The Gram form of a least-squares problem, Q = XcᵀXc (p × p), q = Xcᵀy and ‖y‖², in one pass over
// column-major X: Ridge and LinearRegression solve with it, ElasticNet's coordinate descent switches to
// it. X is taken in blocks of rows, each centered into a small buffer that stays in cache while every
// pair of its columns is multiplied (exact centering, no cancellation), the target riding along as one
// more column. The multiplications run as WebAssembly SIMD (wasm/kernels.wat, 2 × 4 tiles of Q in
// f64x2 registers) where available, else as the plain-JS loop below.
import { roundUp, wasmKernels } from './wasm/kernels';

/** Column-major X (rows × cols) with the column means to subtract, and the (centered) target. */
export interface GramData {
  X: Float64Array;
  rows: number;
  cols: number;
  xMean: Float64Array;
  y: Float64Array;
}

export interface Gram {
  Q: Float64Array;
  q: Float64Array;
  yNorm2: number;
}

/** Q, q and ‖y‖². */
export function gramOf(d: GramData): Gram {
  const k = wasmKernels();
  return k ? gramWasm(d, k) : gramJs(d);
}

/** Q (upper triangle in G, k1 × k1 with the target as column p) into the result. */
function unpack(G: Float64Array, off: number, p: number, k1: number): Gram {
  const Q = new Float64Array(p * p);
  const q = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    for (let k = j; k < p; k++) Q[j * p + k] = Q[k * p + j] = G[off + j * k1 + k]!;
    q[j] = G[off + j * k1 + p]!;
  }
  return { Q, q, yNorm2: G[off + p * k1 + p]! };
}

const BLOCK = 512; // rows per block: 512 × (p + 1) doubles stay in L2 while the tiles sweep them

function gramWasm(d: GramData, kern: NonNullable<ReturnType<typeof wasmKernels>>): Gram {
  const { X, rows: n, cols: p, xMean, y } = d;
  const k1 = roundUp(p + 1, 4);
  const gBytes = roundUp(k1 * k1 * 8, 16);
  kern.reserve(gBytes + BLOCK * k1 * 8);
  const mem = kern.f64();
  const g0 = 0;
  const b0 = gBytes / 8;
  mem.fill(0, g0, b0 + BLOCK * k1);
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const nb = Math.min(BLOCK, n - i0);
    for (let j = 0; j < p; j++) {
      const src = X.subarray(j * n + i0, j * n + i0 + nb);
      const m = xMean[j]!;
      const o = b0 + j * BLOCK;
      for (let t = 0; t < nb; t++) mem[o + t] = src[t]! - m;
    }
    mem.set(y.subarray(i0, i0 + nb), b0 + p * BLOCK);
    const even = nb + (nb & 1);
    if (even !== nb) for (let j = 0; j <= p; j++) mem[b0 + j * BLOCK + nb] = 0; // the pad row adds nothing
    kern.gram(b0 * 8, BLOCK, even, k1, g0);
  }
  return unpack(mem, g0, p, k1);
}

/** The plain-JS kernel: the same blocks, four columns at a time. */
export function gramJs(d: GramData): Gram {
  const { X, rows: n, cols: p, xMean, y } = d;
  const B = 256;
  const k1 = p + 1; // the target rides along as column p
  const buf = new Float64Array(B * k1);
  const G = new Float64Array(k1 * k1);
  for (let i0 = 0; i0 < n; i0 += B) {
    const nb = Math.min(B, n - i0);
    for (let j = 0; j < p; j++) {
      const off = j * n + i0;
      const m = xMean[j]!;
      const bo = j * B;
      for (let t = 0; t < nb; t++) buf[bo + t] = X[off + t]! - m;
    }
    for (let t = 0; t < nb; t++) buf[p * B + t] = y[i0 + t]!;
    for (let j = 0; j < k1; j++) {
      const a = j * B;
      let k = j;
      for (; k + 3 < k1; k += 4) {
        const b0 = k * B;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let t = 0; t < nb; t++) {
          const v = buf[a + t]!;
          s0 += v * buf[b0 + t]!;
          s1 += v * buf[b0 + B + t]!;
          s2 += v * buf[b0 + 2 * B + t]!;
          s3 += v * buf[b0 + 3 * B + t]!;
        }
        const g = j * k1 + k;
        G[g]! += s0;
        G[g + 1]! += s1;
        G[g + 2]! += s2;
        G[g + 3]! += s3;
      }
      for (; k < k1; k++) {
        const b = k * B;
        let s = 0;
        for (let t = 0; t < nb; t++) s += buf[a + t]! * buf[b + t]!;
        G[j * k1 + k]! += s;
      }
    }
  }
  return unpack(G, 0, p, k1);
}

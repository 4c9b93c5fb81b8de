// Coordinate descent for the elastic net, scikit-learn's `cd_fast.pyx` (`enet_coordinate_descent` and
// `enet_coordinate_descent_gram`) in TypeScript. Both minimize
//
//     ½‖y − Xw‖² + α‖w‖₁ + ½β‖w‖²         (α = alpha·l1Ratio·n, β = alpha·(1 − l1Ratio)·n)
//
// with sklearn's stopping rule: after an epoch whose largest coordinate change is below tol relative to
// the largest weight (or on the last epoch), compute the duality gap, and stop once it is below
// tol·‖y‖². Same epochs, same rule, so `nIter_` and `dualGap_` match sklearn's.
//
// Two differences, both for speed and neither changing the iterates beyond rounding:
//  - X is centered implicitly (each column carries its mean), so fitting never copies X;
//  - each coordinate is one dot and one axpy: ⟨x_j, R + w_j x_j⟩ = ⟨x_j, R⟩ + w_j‖x_j‖², and the
//    residual moves once by the change in w_j (sklearn adds w_j x_j back, dots, then subtracts).
import type { Rng } from '../lib/random';
import { sum } from './linalg';
import { checkInterrupt } from '../lib/interrupt';
import type { Gram } from './gram';

/** Column-major X (rows × cols) with column means to subtract, and the (centered) target. */
export interface CdData {
  X: Float64Array;
  rows: number;
  cols: number;
  /** Column means (zeros when not centering). `enetCoordinateDescent` fills them in if not yet known. */
  xMean: Float64Array;
  /** False when `xMean` still has to be computed (centering, cold start): see `enetCoordinateDescent`. */
  xMeanKnown?: boolean;
  y: Float64Array;
}

export interface CdResult {
  /** The last duality gap computed (in the ½‖·‖² scaling above; divide by n for sklearn's `dual_gap_`). */
  gap: number;
  /** tol·‖y‖², what the gap was compared with. */
  tol: number;
  /** Epochs run (sklearn's `n_iter_`). */
  nIter: number;
  converged: boolean;
}

export interface CdOptions {
  maxIter: number;
  tol: number;
  positive: boolean;
  /** Coordinates in random order (sklearn's selection='random'), or cyclic when null. */
  rng: Rng | null;
  /** Epoch to start counting from, when continuing another kernel's run. */
  startIter?: number;
  /** Stop (unconverged) before this epoch, for the caller to continue with the Gram kernel. */
  pauseAt?: number;
}

/** ⟨x_j − m, v⟩ over column j. */
function dotCentered(X: Float64Array, off: number, n: number, m: number, v: Float64Array): number {
  const x = X.subarray(off, off + n);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += (x[i]! - m) * v[i]!;
    s1 += (x[i + 1]! - m) * v[i + 1]!;
    s2 += (x[i + 2]! - m) * v[i + 2]!;
    s3 += (x[i + 3]! - m) * v[i + 3]!;
  }
  for (; i < n; i++) s0 += (x[i]! - m) * v[i]!;
  return s0 + s1 + (s2 + s3);
}

function dot(a: Float64Array, b: Float64Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    s0 += a[i]! * b[i]!;
    s1 += a[i + 1]! * b[i + 1]!;
  }
  if (i < n) s0 += a[i]! * b[i]!;
  return s0 + s1;
}

/** sklearn's duality gap, from Xᵀr − βw, ‖r‖², ⟨r, y⟩ and w. */
function dualityGap(XtR: Float64Array, w: Float64Array, rNorm2: number, rDotY: number, alpha: number, beta: number, positive: boolean): number {
  const p = w.length;
  let dualNorm = positive ? -Infinity : 0;
  let wNorm2 = 0;
  let l1 = 0;
  for (let j = 0; j < p; j++) {
    const a = XtR[j]! - beta * w[j]!;
    dualNorm = positive ? Math.max(dualNorm, a) : Math.max(dualNorm, Math.abs(a));
    wNorm2 += w[j]! * w[j]!;
    l1 += Math.abs(w[j]!);
  }
  let gap: number;
  let c: number;
  if (dualNorm > alpha) {
    c = alpha / dualNorm;
    gap = 0.5 * (rNorm2 + rNorm2 * c * c);
  } else {
    c = 1;
    gap = rNorm2;
  }
  return gap + alpha * l1 - c * rDotY + 0.5 * beta * (1 + c * c) * wNorm2;
}

/** The soft-thresholded coordinate minimizer (sklearn's update, with its `positive` rule). */
function update(tmp: number, alpha: number, denom: number, positive: boolean): number {
  if (positive && tmp < 0) return 0;
  const a = Math.abs(tmp) - alpha;
  return a > 0 ? (tmp > 0 ? a : -a) / denom : 0;
}

/** R[i] −= d·(x_k[i] − m_k) and ⟨x_j − m_j, R⟩ after it, in one pass: coordinate k's residual update
 *  fused with coordinate j's dot, so each coordinate costs one pass over R instead of two. Columns come
 *  as views starting at 0 (V8 then drops most bounds checks), four lanes per step. */
function axpyDot(xk: Float64Array, mK: number, d: number, xj: Float64Array, mJ: number, R: Float64Array): number {
  const n = R.length;
  const dm = d * mK;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const r0 = R[i]! - d * xk[i]! + dm;
    const r1 = R[i + 1]! - d * xk[i + 1]! + dm;
    const r2 = R[i + 2]! - d * xk[i + 2]! + dm;
    const r3 = R[i + 3]! - d * xk[i + 3]! + dm;
    R[i] = r0;
    R[i + 1] = r1;
    R[i + 2] = r2;
    R[i + 3] = r3;
    s0 += (xj[i]! - mJ) * r0;
    s1 += (xj[i + 1]! - mJ) * r1;
    s2 += (xj[i + 2]! - mJ) * r2;
    s3 += (xj[i + 3]! - mJ) * r3;
  }
  for (; i < n; i++) {
    const r0 = R[i]! - d * xk[i]! + dm;
    R[i] = r0;
    s0 += (xj[i]! - mJ) * r0;
  }
  return s0 + s1 + (s2 + s3);
}

/**
 * First visit of column j on a cold start: one pass gives its centered squared norm and
 * ⟨x_j − m_j, R⟩ (after applying a pending update of column k, when `d` ≠ 0), and its mean too when
 * `mean` is null — instead of a pass for the means, one for the norms and one for the dot. Unknown
 * means are found with sums shifted by the column's first value, so the variance does not cancel; if
 * that value is an outlier and the shift still dominates, the column is redone in two passes.
 */
function firstVisit(
  xk: Float64Array | null, mK: number, d: number, xj: Float64Array, R: Float64Array,
  mean: number | null, sumR: number,
): { mean: number; norm: number; dot: number } {
  const n = R.length;
  const s = mean ?? xj[0]!;
  if (xk && d !== 0) {
    // Apply the pending update first, in its own pass: a branch or a third stream in the loop below
    // would cost more than reading R once more while it is still in cache.
    const dm = d * mK;
    for (let i = 0; i < n; i++) R[i] = R[i]! - d * xk[i]! + dm;
  }
  // Two lanes of three sums each: the adds' latency, not memory, bounds this loop.
  let a1 = 0;
  let a2 = 0;
  let ad = 0;
  let b1 = 0;
  let b2 = 0;
  let bd = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const u = xj[i]! - s;
    const v = xj[i + 1]! - s;
    a1 += u;
    a2 += u * u;
    ad += u * R[i]!;
    b1 += v;
    b2 += v * v;
    bd += v * R[i + 1]!;
  }
  if (i < n) {
    const u = xj[i]! - s;
    a1 += u;
    a2 += u * u;
    ad += u * R[i]!;
  }
  const s1 = a1 + b1;
  const s2 = a2 + b2;
  const dot = ad + bd;
  if (mean !== null) return { mean, norm: s2, dot };
  const shift = s1 / n;
  if (shift * s1 > 0.5 * s2) {
    const m = s + shift;
    let norm = 0;
    for (let k = 0; k < n; k++) norm += (xj[k]! - m) ** 2;
    return { mean: m, norm, dot: dotCentered(xj, 0, n, m, R) };
  }
  // ⟨x − m, R⟩ = ⟨x − s, R⟩ − (m − s)·ΣR, and ΣR stays Σy: every update moves R along a centered column.
  return { mean: s + shift, norm: s2 - shift * s1, dot: dot - shift * sumR };
}

/** v += a·(x_j − m) over column j. */
function axpyCentered(X: Float64Array, off: number, n: number, m: number, a: number, v: Float64Array): void {
  const am = a * m;
  for (let i = 0; i < n; i++) v[i]! += a * X[off + i]! - am;
}

/**
 * Coordinate descent on X itself; `w` is updated in place. When `d.xMeanKnown` is false (centering;
 * `w` must then start at zero) the column means are computed during the first epoch and written to
 * `d.xMean`.
 */
export function enetCoordinateDescent(w: Float64Array, alpha: number, beta: number, d: CdData, o: CdOptions): CdResult {
  const { X, rows: n, cols: p, xMean, y } = d;
  const norm = new Float64Array(p);
  const known = new Uint8Array(p); // norm (and mean) of the column known
  const meansKnown = d.xMeanKnown ?? true;
  const cold = w.every((v) => v === 0);
  if (!meansKnown && !cold) throw new Error('enetCoordinateDescent: unknown column means need a cold start');
  /** Mean (if unknown) and norm of column j, two passes. */
  const stats = (j: number) => {
    const off = j * n;
    if (!meansKnown) xMean[j] = sum(X, off, n) / n;
    const m = xMean[j]!;
    let s = 0;
    for (let i = 0; i < n; i++) s += (X[off + i]! - m) ** 2;
    norm[j] = s;
    known[j] = 1;
  };
  const finishStats = () => {
    for (let j = 0; j < p; j++) if (!known[j]) stats(j);
    d.xMeanKnown = true;
  };
  if (!cold) finishStats();
  // R = y − Xw
  const R = Float64Array.from(y);
  for (let j = 0; j < p; j++) if (w[j] !== 0) axpyCentered(X, j * n, n, xMean[j]!, -w[j]!, R);
  const sumR = meansKnown ? 0 : sum(R, 0, n);
  let gap = o.tol + 1;
  const dwTol = o.tol;
  const tol = o.tol * dot(y, y, n);
  const XtR = new Float64Array(p);
  const start = o.startIter ?? 0;
  const stop = Math.min(o.maxIter, o.pauseAt ?? Infinity);
  for (let iter = start; iter < stop; iter++) {
    checkInterrupt(); // a notebook interrupt stops the fit between passes
    let wMax = 0;
    let dwMax = 0;
    // A residual update not applied yet, R −= pendD·(x_pend − m_pend): it rides along the next dot.
    let pend = -1;
    let pendD = 0;
    for (let f = 0; f < p; f++) {
      const j = o.rng ? Math.floor(o.rng() * p) : f;
      const off = j * n;
      const wj = w[j]!;
      let tmp: number;
      if (!known[j]) {
        const xk = pend >= 0 ? X.subarray(pend * n, pend * n + n) : null;
        const v = firstVisit(xk, pend >= 0 ? xMean[pend]! : 0, pendD, X.subarray(off, off + n), R, meansKnown ? xMean[j]! : null, sumR);
        pend = -1;
        xMean[j] = v.mean;
        norm[j] = v.norm;
        known[j] = 1;
        tmp = v.dot;
        if (v.norm === 0) continue;
      } else if (norm[j] === 0) {
        continue;
      } else if (pend >= 0) {
        tmp = axpyDot(X.subarray(pend * n, pend * n + n), xMean[pend]!, pendD, X.subarray(off, off + n), xMean[j]!, R) + wj * norm[j]!;
        pend = -1;
      } else {
        tmp = dotCentered(X, off, n, xMean[j]!, R) + wj * norm[j]!;
      }
      const wNew = update(tmp, alpha, norm[j]! + beta, o.positive);
      if (wNew !== wj) {
        pend = j;
        pendD = wNew - wj;
      }
      w[j] = wNew;
      dwMax = Math.max(dwMax, Math.abs(wNew - wj));
      wMax = Math.max(wMax, Math.abs(wNew));
    }
    if (pend >= 0) axpyCentered(X, pend * n, n, xMean[pend]!, -pendD, R);
    if (wMax === 0 || dwMax / wMax < dwTol || iter === o.maxIter - 1) {
      finishStats();
      for (let j = 0; j < p; j++) XtR[j] = dotCentered(X, j * n, n, xMean[j]!, R);
      gap = dualityGap(XtR, w, dot(R, R, n), dot(R, y, n), alpha, beta, o.positive);
      if (gap < tol) return { gap, tol, nIter: iter + 1, converged: true };
    }
  }
  finishStats();
  return { gap, tol, nIter: stop, converged: false };
}

/** Coordinate descent on the Gram form: O(p) per coordinate instead of O(n); `w` updated in place. */
export function enetCoordinateDescentGram(w: Float64Array, alpha: number, beta: number, g: Gram, o: CdOptions): CdResult {
  const { Q, q, yNorm2 } = g;
  const p = q.length;
  // H = Q w, kept up to date.
  const H = new Float64Array(p);
  for (let k = 0; k < p; k++) if (w[k] !== 0) for (let j = 0; j < p; j++) H[j]! += Q[k * p + j]! * w[k]!;
  let gap = o.tol + 1;
  const dwTol = o.tol;
  const tol = o.tol * yNorm2;
  const XtR = new Float64Array(p);
  for (let iter = o.startIter ?? 0; iter < o.maxIter; iter++) {
    checkInterrupt();
    let wMax = 0;
    let dwMax = 0;
    for (let f = 0; f < p; f++) {
      const j = o.rng ? Math.floor(o.rng() * p) : f;
      const qjj = Q[j * p + j]!;
      if (qjj === 0) continue;
      const wj = w[j]!;
      const tmp = q[j]! - H[j]! + wj * qjj;
      const wNew = update(tmp, alpha, qjj + beta, o.positive);
      if (wNew !== wj) {
        const dw = wNew - wj;
        const row = j * p;
        for (let k = 0; k < p; k++) H[k]! += dw * Q[row + k]!;
      }
      w[j] = wNew;
      dwMax = Math.max(dwMax, Math.abs(wNew - wj));
      wMax = Math.max(wMax, Math.abs(wNew));
    }
    if (wMax === 0 || dwMax / wMax < dwTol || iter === o.maxIter - 1) {
      let qw = 0;
      let wH = 0;
      for (let j = 0; j < p; j++) {
        XtR[j] = q[j]! - H[j]!;
        qw += q[j]! * w[j]!;
        wH += w[j]! * H[j]!;
      }
      // ‖r‖² = ‖y‖² + wᵀQw − 2qᵀw and ⟨r, y⟩ = ‖y‖² − qᵀw, as sklearn computes them.
      gap = dualityGap(XtR, w, yNorm2 + wH - 2 * qw, yNorm2 - qw, alpha, beta, o.positive);
      if (gap < tol) return { gap, tol, nIter: iter + 1, converged: true };
    }
  }
  return { gap, tol, nIter: Math.max(o.maxIter, o.startIter ?? 0), converged: false };
}

// Coordinate descent for the elastic net, scikit-learn's `cd_fast.pyx` (`enet_coordinate_descent` and
// `enet_coordinate_descent_gram`) in TypeScript. Both minimize
//
//     ½‖y − Xw‖² + α‖w‖₁ + ½β‖w‖²         (α = alpha·l1Ratio·n, β = alpha·(1 − l1Ratio)·n)
//
// with sklearn's stopping rule: after an epoch whose largest coordinate change is below tol relative to
// the largest weight (or on the last epoch), compute the duality gap, and stop once it is below
// tol·‖y‖². Same epochs, same rule, so `nIter_` and `dualGap_` match sklearn's.
//
// Differences, all for speed and none changing the iterates beyond rounding:
//  - X is centered implicitly (each column carries its mean), so fitting never rewrites X;
//  - each coordinate is one dot and one axpy: ⟨x_j, R + w_j x_j⟩ = ⟨x_j, R⟩ + w_j‖x_j‖², and the
//    residual moves once by the change in w_j (sklearn adds w_j x_j back, dots, then subtracts); the
//    move is applied in the same pass as the next coordinate's dot;
//  - on a cold start the first epoch finds each column's mean and norm in the pass of its first dot.
// The passes themselves are cd-columns.ts's (WebAssembly SIMD, or plain JS).
import type { Rng } from '../../lib/random';
import { checkInterrupt } from '../../lib/interrupt';
import type { Gram } from './gram';
import type { CdColumns } from './cd-columns';

/** Column means (zeros when not centering), and whether they are known yet. */
export interface CdMeans {
  /** `enetCoordinateDescent` fills them in if not yet known. */
  xMean: Float64Array;
  /** False when `xMean` still has to be computed (centering, cold start): see `enetCoordinateDescent`. */
  xMeanKnown?: boolean;
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

/** sklearn's duality gap, from Xᵀr − βw, ‖r‖², ⟨r, y⟩ and w. */
function dualityGap(
  XtR: Float64Array,
  w: Float64Array,
  rNorm2: number,
  rDotY: number,
  alpha: number,
  beta: number,
  positive: boolean,
): number {
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

/**
 * First visit of column j on a cold start: one pass gives its centered squared norm and
 * ⟨x_j − m_j, R⟩, and its mean too when `mean` is null — instead of a pass for the means, one for the
 * norms and one for the dot. Unknown means are found with sums shifted by the column's first value, so
 * the variance does not cancel; if that value is an outlier and the shift still dominates, the column
 * is redone in two passes. ΣR stays Σy: every update moves R along a centered column.
 */
function firstVisit(
  cols: CdColumns,
  j: number,
  n: number,
  mean: number | null,
  sumR: number,
): { mean: number; norm: number; dot: number } {
  const s = mean ?? cols.first(j);
  const sums = cols.shiftedSums(j, s);
  const s1 = sums[0]!;
  const s2 = sums[1]!;
  const dot = sums[2]!;
  if (mean !== null) return { mean, norm: s2, dot };
  const shift = s1 / n;
  if (shift * s1 > 0.5 * s2) {
    const m = s + shift;
    return { mean: m, norm: cols.sq(j, m), dot: cols.dot(j, m) };
  }
  // ⟨x − m, R⟩ = ⟨x − s, R⟩ − (m − s)·ΣR
  return { mean: s + shift, norm: s2 - shift * s1, dot: dot - shift * sumR };
}

/**
 * Coordinate descent on X itself (through `cols`, whose residual starts as y); `w` is updated in place.
 * When `d.xMeanKnown` is false (centering; `w` must then start at zero) the column means are computed
 * during the first epoch and written to `d.xMean`.
 */
export function enetCoordinateDescent(
  w: Float64Array,
  alpha: number,
  beta: number,
  d: CdMeans,
  cols: CdColumns,
  n: number,
  o: CdOptions,
): CdResult {
  const { xMean } = d;
  const p = w.length;
  const norm = new Float64Array(p);
  const known = new Uint8Array(p); // norm (and mean) of the column known
  const meansKnown = d.xMeanKnown ?? true;
  const cold = w.every((v) => v === 0);
  if (!meansKnown && !cold) throw new Error('enetCoordinateDescent: unknown column means need a cold start');
  /** Mean (if unknown) and norm of column j, two passes. */
  const stats = (j: number) => {
    if (!meansKnown) xMean[j] = cols.sum(j) / n;
    norm[j] = cols.sq(j, xMean[j]!);
    known[j] = 1;
  };
  const finishStats = () => {
    for (let j = 0; j < p; j++) if (!known[j]) stats(j);
    d.xMeanKnown = true;
  };
  if (!cold) finishStats();
  // R = y − Xw
  for (let j = 0; j < p; j++) if (w[j] !== 0) cols.axpy(j, xMean[j]!, -w[j]!);
  const sumR = meansKnown ? 0 : cols.sumR();
  let gap = o.tol + 1;
  const dwTol = o.tol;
  const tol = o.tol * cols.yy();
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
      const wj = w[j]!;
      let tmp: number;
      if (!known[j]) {
        // Apply the pending update first, in its own pass: a third stream in the first-visit loop
        // would cost more than reading R once more while it is still in cache.
        if (pend >= 0) cols.axpy(pend, xMean[pend]!, -pendD);
        pend = -1;
        const v = firstVisit(cols, j, n, meansKnown ? xMean[j]! : null, sumR);
        xMean[j] = v.mean;
        norm[j] = v.norm;
        known[j] = 1;
        tmp = v.dot;
        if (v.norm === 0) continue;
      } else if (norm[j] === 0) {
        continue;
      } else if (pend >= 0) {
        tmp = cols.updateDot(pend, xMean[pend]!, pendD, j, xMean[j]!) + wj * norm[j]!;
        pend = -1;
      } else {
        tmp = cols.dot(j, xMean[j]!) + wj * norm[j]!;
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
    if (pend >= 0) cols.axpy(pend, xMean[pend]!, -pendD);
    if (wMax === 0 || dwMax / wMax < dwTol || iter === o.maxIter - 1) {
      finishStats();
      cols.dots(xMean, XtR);
      gap = dualityGap(XtR, w, cols.rr(), cols.ry(), alpha, beta, o.positive);
      if (gap < tol) return { gap, tol, nIter: iter + 1, converged: true };
    }
  }
  finishStats();
  return { gap, tol, nIter: stop, converged: false };
}

/** Coordinate descent on the Gram form: O(p) per coordinate instead of O(n); `w` updated in place. */
export function enetCoordinateDescentGram(
  w: Float64Array,
  alpha: number,
  beta: number,
  g: Gram,
  o: CdOptions,
): CdResult {
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

// Limited-memory BFGS for smooth unconstrained minimization, as scikit-learn drives scipy's L-BFGS-B
// for LogisticRegression: 10 correction pairs, a Wolfe line search of at most `maxls` evaluations, and
// stopping when the largest gradient component is ≤ gtol or the relative decrease of f is ≤ ftol.
// (Defaults are sklearn ≥ 1.3's: ftol = 64ε and maxls = 50. sklearn 1.2 left scipy's ftol of 2.2e-9,
// which stops far from the optimum on badly scaled data.)
//
// Line search: Nocedal & Wright, Algorithms 3.5 and 3.6 (strong Wolfe, c1 = 1e-4, c2 = 0.9), with
// cubic interpolation in the zoom phase.
import { checkInterrupt } from '../../lib/interrupt';

/** f(x), writing ∇f(x) into g. */
export type Objective = (x: Float64Array, g: Float64Array) => number;

export interface LbfgsOptions {
  maxIter: number;
  gtol: number;
  ftol?: number;
  /** Correction pairs kept (scipy's maxcor). */
  m?: number;
  maxls?: number;
  /** The gradient size compared with gtol (default max |g_i|); lets a caller measure it in other coordinates. */
  gradSize?: (x: Float64Array, g: Float64Array) => number;
}

export type LbfgsStatus = 'gradient' | 'relative-reduction' | 'max-iter' | 'line-search';

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  /** Iterations (line-search steps) taken, scipy's `nit`. */
  nIter: number;
  status: LbfgsStatus;
  converged: boolean;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(g: Float64Array): number {
  let m = 0;
  for (let i = 0; i < g.length; i++) m = Math.max(m, Math.abs(g[i]!));
  return m;
}

/** Minimizer of the cubic through (a, fa, da) and (b, fb, db), or NaN when it has none. */
function cubicMin(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - 3 * ((fa - fb) / (a - b));
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - (b - a) * ((db + d2 - d1) / (db - da + 2 * d2));
}

interface Point {
  a: number;
  f: number;
  d: number;
  x: Float64Array;
  g: Float64Array;
}

/** Strong-Wolfe line search along p from x (f0, slope d0 < 0); null if no acceptable step was found. */
function lineSearch(
  fun: Objective,
  x: Float64Array,
  f0: number,
  d0: number,
  p: Float64Array,
  a1: number,
  maxls: number,
): Point | null {
  const c1 = 1e-4;
  const c2 = 0.9;
  const n = x.length;
  let evals = 0;
  const at = (a: number): Point => {
    evals++;
    const xa = new Float64Array(n);
    for (let i = 0; i < n; i++) xa[i] = x[i]! + a * p[i]!;
    const g = new Float64Array(n);
    const f = fun(xa, g);
    return { a, f, d: dot(g, p), x: xa, g };
  };
  const zoom = (lo: Point, hi: Point): Point | null => {
    while (evals < maxls) {
      const width = hi.a - lo.a;
      let a = cubicMin(lo.a, lo.f, lo.d, hi.a, hi.f, hi.d);
      const lo10 = Math.min(lo.a, hi.a) + 0.1 * Math.abs(width);
      const hi10 = Math.max(lo.a, hi.a) - 0.1 * Math.abs(width);
      if (!Number.isFinite(a) || a < lo10 || a > hi10) a = lo.a + 0.5 * width;
      const t = at(a);
      if (!Number.isFinite(t.f) || t.f > f0 + c1 * a * d0 || t.f >= lo.f) {
        hi = t;
      } else {
        if (Math.abs(t.d) <= -c2 * d0) return t;
        if (t.d * width >= 0) hi = lo;
        lo = t;
      }
      if (Math.abs(hi.a - lo.a) <= 1e-16 * Math.max(1, lo.a)) break;
    }
    // Out of evaluations: accept the best point if it decreased f enough.
    return lo.a > 0 && lo.f <= f0 + c1 * lo.a * d0 ? lo : null;
  };
  let prev: Point = { a: 0, f: f0, d: d0, x, g: new Float64Array(0) };
  let a = a1;
  while (evals < maxls) {
    const t = at(a);
    if (!Number.isFinite(t.f) || t.f > f0 + c1 * a * d0 || (prev.a > 0 && t.f >= prev.f)) return zoom(prev, t);
    if (Math.abs(t.d) <= -c2 * d0) return t;
    if (t.d >= 0) return zoom(t, prev);
    prev = t;
    a *= 2;
  }
  return prev.a > 0 ? prev : null;
}

export function lbfgs(fun: Objective, x0: Float64Array, o: LbfgsOptions): LbfgsResult {
  const n = x0.length;
  const mem = o.m ?? 10;
  const ftol = o.ftol ?? 64 * Number.EPSILON;
  const maxls = o.maxls ?? 50;
  const gradSize = o.gradSize ?? ((_x: Float64Array, g: Float64Array) => maxAbs(g));
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  let f = fun(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(mem);
  const p = new Float64Array(n);
  let iter = 0;
  for (;;) {
    checkInterrupt(); // a notebook interrupt stops the solver between iterations
    if (gradSize(x, g) <= o.gtol) return { x, f, nIter: iter, status: 'gradient', converged: true };
    if (iter >= o.maxIter) return { x, f, nIter: iter, status: 'max-iter', converged: false };
    // p = −H·g by the two-loop recursion, H₀ = (sᵀy / yᵀy)·I.
    for (let i = 0; i < n; i++) p[i] = -g[i]!;
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(S[k]!, p);
      const yk = Y[k]!;
      for (let i = 0; i < n; i++) p[i]! -= alpha[k]! * yk[i]!;
    }
    if (S.length > 0) {
      const last = S.length - 1;
      const gamma = 1 / (rho[last]! * dot(Y[last]!, Y[last]!));
      for (let i = 0; i < n; i++) p[i]! *= gamma;
    }
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k]! * dot(Y[k]!, p);
      const sk = S[k]!;
      for (let i = 0; i < n; i++) p[i]! += (alpha[k]! - beta) * sk[i]!;
    }
    let d0 = dot(g, p);
    if (!(d0 < 0)) {
      // Not a descent direction (lost curvature information): restart from steepest descent.
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < n; i++) p[i] = -g[i]!;
      d0 = dot(g, p);
    }
    // scipy's first step has length 1; later ones start from the quasi-Newton step.
    const a1 = S.length === 0 ? Math.min(1, 1 / Math.sqrt(-d0)) : 1;
    const t = lineSearch(fun, x, f, d0, p, a1, maxls);
    if (!t) {
      if (S.length > 0) {
        S.length = Y.length = rho.length = 0;
        continue;
      }
      return { x, f, nIter: iter, status: 'line-search', converged: false };
    }
    iter++;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = t.x[i]! - x[i]!;
      y[i] = t.g[i]! - g[i]!;
    }
    const sy = dot(s, y);
    // Keep the pair only with positive curvature (as L-BFGS-B: sᵀy > ε·yᵀy).
    if (sy > Number.EPSILON * dot(y, y)) {
      if (S.length === mem) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    const fOld = f;
    x = t.x;
    g = t.g;
    f = t.f;
    if ((fOld - f) / Math.max(Math.abs(fOld), Math.abs(f), 1) <= ftol) {
      return { x, f, nIter: iter, status: 'relative-reduction', converged: true };
    }
  }
}

// The small dense linear algebra the linear models need: a careful sum, and on p × p row-major
// Float64Arrays (p is the number of features, so these are cheap next to any pass over the data)
// Cholesky solves for Ridge and Lawson–Hanson non-negative least squares for `positive=true`.
import { DataError } from '../../lib/errors';

/** Sum of a[off .. off+n), four accumulators: faster than one, and a smaller rounding error. */
export function sum(a: Float64Array, off: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[off + i]!;
    s1 += a[off + i + 1]!;
    s2 += a[off + i + 2]!;
    s3 += a[off + i + 3]!;
  }
  for (; i < n; i++) s0 += a[off + i]!;
  return s0 + s1 + (s2 + s3);
}

/** Lower-triangular L with A = L·Lᵀ, or null when A is not (numerically) positive definite. */
export function cholesky(A: Float64Array, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j]!;
    for (let k = 0; k < j; k++) d -= L[j * n + k]! * L[j * n + k]!;
    if (!(d > 0)) return null;
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j]!;
      for (let k = 0; k < j; k++) s -= L[i * n + k]! * L[j * n + k]!;
      L[i * n + j] = s / ljj;
    }
  }
  return L;
}

/** Solve L·Lᵀ x = b. */
export function choleskySolve(L: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i]!;
    for (let k = 0; k < i; k++) s -= L[i * n + k]! * x[k]!;
    x[i] = s / L[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k * n + i]! * x[k]!;
    x[i] = s / L[i * n + i]!;
  }
  return x;
}

/** Solve A x = b for symmetric positive definite A (sklearn's `linalg.solve(..., assume_a="pos")`). */
export function solveSPD(A: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const L = cholesky(A, n);
  if (!L) throw new DataError('The matrix is singular or not positive definite; add regularization (a larger alpha).');
  const x = choleskySolve(L, n, b);
  // One step of iterative refinement: cheap (O(n²)) and recovers digits lost to ill-conditioning.
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < n; k++) s -= A[i * n + k]! * x[k]!;
    r[i] = s;
  }
  const dx = choleskySolve(L, n, r);
  for (let i = 0; i < n; i++) x[i]! += dx[i]!;
  return x;
}

/** The submatrix A[S, S] and subvector b[S]. */
function restrict(A: Float64Array, n: number, b: ArrayLike<number>, S: number[]): [Float64Array, Float64Array] {
  const m = S.length;
  const As = new Float64Array(m * m);
  const bs = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    bs[a] = b[S[a]!]!;
    for (let c = 0; c < m; c++) As[a * m + c] = A[S[a]! * n + S[c]!]!;
  }
  return [As, bs];
}

/**
 * min ½xᵀAx − bᵀx subject to x ≥ 0, for symmetric positive (semi)definite A — least squares
 * ‖y − Xx‖² in Gram form (A = XᵀX, b = Xᵀy). Lawson & Hanson's active-set method, as scipy's `nnls`:
 * exact after finitely many steps, unlike coordinate descent on an ill-conditioned problem.
 */
export function nnlsGram(A: Float64Array, n: number, b: ArrayLike<number>, maxIter = 3 * n + 30): Float64Array {
  const x = new Float64Array(n);
  const passive = new Array<boolean>(n).fill(false);
  let bMax = 0;
  for (let i = 0; i < n; i++) bMax = Math.max(bMax, Math.abs(b[i]!));
  let aMax = 0;
  for (let i = 0; i < n * n; i++) aMax = Math.max(aMax, Math.abs(A[i]!));
  const tol = 10 * Number.EPSILON * n * Math.max(bMax, aMax);
  const gradient = () => {
    const g = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = b[i]!;
      for (let k = 0; k < n; k++) s -= A[i * n + k]! * x[k]!;
      g[i] = s;
    }
    return g;
  };
  const solveOn = (S: number[]): Float64Array => {
    const [As, bs] = restrict(A, n, b, S);
    const L = cholesky(As, S.length);
    if (!L) return new Float64Array(S.length).fill(-1); // degenerate: treated as infeasible, shrinks S
    return choleskySolve(L, S.length, bs);
  };
  for (let outer = 0; outer < maxIter; outer++) {
    const g = gradient();
    let j = -1;
    for (let i = 0; i < n; i++) if (!passive[i] && g[i]! > tol && (j < 0 || g[i]! > g[j]!)) j = i;
    if (j < 0) break;
    passive[j] = true;
    for (;;) {
      const S = passive.flatMap((p, i) => (p ? [i] : []));
      const s = solveOn(S);
      if (s.every((v) => v > 0)) {
        x.fill(0);
        S.forEach((i, a) => (x[i] = s[a]!));
        break;
      }
      // Step from x toward s as far as feasibility allows, and drop the variables that hit zero.
      let step = 1;
      let blocking = -1;
      S.forEach((i, a) => {
        if (s[a]! <= 0) {
          const t = x[i]! / (x[i]! - s[a]!);
          if (t < step || blocking < 0) {
            step = t;
            blocking = i;
          }
        }
      });
      S.forEach((i, a) => {
        x[i] = x[i]! + step * (s[a]! - x[i]!);
        if (i === blocking || x[i]! <= tol) {
          x[i] = 0;
          passive[i] = false;
        }
      });
      if (!passive.some(Boolean)) break;
    }
  }
  return x;
}

/**
 * Eigen-decomposition of symmetric A (n × n, row-major) by cyclic Jacobi rotations: A = V·diag(λ)·Vᵀ,
 * V's columns the eigenvectors (row-major, V[i·n + k] is component i of vector k). Slow for large n
 * (O(n³) per sweep) but exact to rounding, which is what the rank-deficient least squares needs.
 */
export function symmetricEigen(A: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(A);
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += a[i * n + i]! ** 2;
      for (let j = i + 1; j < n; j++) off += a[i * n + j]! ** 2;
    }
    if (off <= 1e-30 * diag) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p]!;
          const vkq = V[k * n + q]!;
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: n }, (_, i) => a[i * n + i]!), vectors: V };
}

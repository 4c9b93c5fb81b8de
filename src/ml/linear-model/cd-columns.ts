// The passes coordinate descent (cd-fast.ts) makes over the columns of X and the residual R, in two
// implementations with one interface: WebAssembly SIMD (X copied column by column into the kernels'
// memory as the first epoch reaches each column, so the copy rides along a pass that reads it anyway)
// and plain JS where WebAssembly SIMD is missing. Columns are centered on the fly: x_j − m_j with the
// mean the caller passes, so X is never rewritten. All on one thread: each pass is a column (a few
// hundred microseconds), too short to share, and the gap's Xᵀr, memory-bound, gains less from a helper
// than a helper descheduled on a busy machine costs; the Gram switch (gram.ts) uses every core.
import { gramInMemory, gramOf, type Gram } from './gram';
import { sum } from '../core/linalg';
import { roundUp, wasmKernels, type WasmKernels } from '../wasm/kernels';

export interface CdColumns {
  /** ⟨x_j − m, R⟩. */
  dot(j: number, m: number): number;
  /** R −= d·(x_k − mk), then ⟨x_j − mj, R⟩: coordinate k's update fused with coordinate j's dot. */
  updateDot(k: number, mk: number, d: number, j: number, mj: number): number;
  /** R += a·(x_k − mk). */
  axpy(k: number, mk: number, a: number): void;
  /** [Σu, Σu², Σu·R] for u = x_j − s: a column's mean, norm and dot in one pass. */
  shiftedSums(j: number, s: number): ArrayLike<number>;
  /** Σ x_j. */
  sum(j: number): number;
  /** Σ (x_j − m)². */
  sq(j: number, m: number): number;
  /** x_j's first value. */
  first(j: number): number;
  /** out[j] = ⟨x_j − m_j, R⟩ for every column (the duality gap's Xᵀr). */
  dots(m: Float64Array, out: Float64Array): void;
  /** ‖R‖², ⟨R, y⟩ and ‖y‖². */
  rr(): number;
  ry(): number;
  yy(): number;
  /** ΣR. */
  sumR(): number;
  /** The Gram form of the same data (its own pass, from the copy already made where there is one). */
  gram(center: boolean): Gram;
}

/** The columns of column-major X (rows × cols) and y, with R = y to start from. */
export function cdColumns(X: Float64Array, rows: number, cols: number, y: Float64Array): CdColumns {
  const k = wasmKernels();
  return k ? new WasmColumns(k, X, rows, cols, y) : new JsColumns(X, rows, cols, y);
}

/** ⟨x − m, v⟩ over n values from x's start, four lanes. */
function dotCentered(x: Float64Array, m: number, v: Float64Array, n: number): number {
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

class JsColumns implements CdColumns {
  private readonly R: Float64Array;
  private readonly sums = new Float64Array(3);

  constructor(
    private readonly X: Float64Array,
    private readonly n: number,
    private readonly p: number,
    private readonly y: Float64Array,
  ) {
    this.R = Float64Array.from(y);
  }

  /** Column j as a view starting at 0 (V8 then drops most bounds checks). */
  private col(j: number): Float64Array {
    return this.X.subarray(j * this.n, (j + 1) * this.n);
  }

  dot(j: number, m: number): number {
    return dotCentered(this.col(j), m, this.R, this.n);
  }

  updateDot(k: number, mk: number, d: number, j: number, mj: number): number {
    const { R, n } = this;
    const xk = this.col(k);
    const xj = this.col(j);
    const dm = d * mk;
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
      s0 += (xj[i]! - mj) * r0;
      s1 += (xj[i + 1]! - mj) * r1;
      s2 += (xj[i + 2]! - mj) * r2;
      s3 += (xj[i + 3]! - mj) * r3;
    }
    for (; i < n; i++) {
      const r0 = R[i]! - d * xk[i]! + dm;
      R[i] = r0;
      s0 += (xj[i]! - mj) * r0;
    }
    return s0 + s1 + (s2 + s3);
  }

  axpy(k: number, mk: number, a: number): void {
    const { R, n } = this;
    const x = this.col(k);
    const am = a * mk;
    for (let i = 0; i < n; i++) R[i] = R[i]! + a * x[i]! - am;
  }

  shiftedSums(j: number, s: number): ArrayLike<number> {
    const { R, n } = this;
    const x = this.col(j);
    // Two lanes of three sums each: the adds' latency, not memory, bounds this loop.
    let a1 = 0;
    let a2 = 0;
    let ad = 0;
    let b1 = 0;
    let b2 = 0;
    let bd = 0;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const u = x[i]! - s;
      const v = x[i + 1]! - s;
      a1 += u;
      a2 += u * u;
      ad += u * R[i]!;
      b1 += v;
      b2 += v * v;
      bd += v * R[i + 1]!;
    }
    if (i < n) {
      const u = x[i]! - s;
      a1 += u;
      a2 += u * u;
      ad += u * R[i]!;
    }
    this.sums[0] = a1 + b1;
    this.sums[1] = a2 + b2;
    this.sums[2] = ad + bd;
    return this.sums;
  }

  sum(j: number): number {
    return sum(this.X, j * this.n, this.n);
  }

  sq(j: number, m: number): number {
    const x = this.col(j);
    let s = 0;
    for (let i = 0; i < this.n; i++) s += (x[i]! - m) ** 2;
    return s;
  }

  first(j: number): number {
    return this.X[j * this.n]!;
  }

  dots(m: Float64Array, out: Float64Array): void {
    for (let j = 0; j < this.p; j++) out[j] = this.dot(j, m[j]!);
  }

  rr(): number {
    return dotCentered(this.R, 0, this.R, this.n);
  }

  ry(): number {
    return dotCentered(this.R, 0, this.y, this.n);
  }

  yy(): number {
    return dotCentered(this.y, 0, this.y, this.n);
  }

  sumR(): number {
    return sum(this.R, 0, this.n);
  }

  gram(center: boolean): Gram {
    return gramOf({ X: this.X, rows: this.n, cols: this.p, y: this.y, center });
  }
}

/**
 * X (then y, as column p) and R in the kernels' memory: column j at x + 8·j·ld. Columns are copied
 * when first touched; views of the memory are taken afresh after anything that may grow it.
 */
class WasmColumns implements CdColumns {
  private readonly ld: number;
  private readonly x: number;
  private readonly r: number;
  private readonly out: number;
  private readonly free: number;
  private readonly copied: Uint8Array;
  private readonly sums = new Float64Array(3);

  constructor(
    private readonly k: WasmKernels,
    private readonly X: Float64Array,
    private readonly n: number,
    private readonly p: number,
    y: Float64Array,
  ) {
    this.ld = roundUp(n, 2); // columns start 16-byte aligned
    this.x = 0;
    this.r = this.x + (p + 1) * this.ld * 8;
    this.out = this.r + this.ld * 8;
    this.free = this.out + 32;
    this.copied = new Uint8Array(p);
    k.reserve(this.free);
    const mem = k.f64();
    mem.set(y, (this.x + p * this.ld * 8) / 8);
    mem.set(y, this.r / 8);
  }

  private col(j: number): number {
    if (!this.copied[j]) {
      const { n } = this;
      this.k.f64().set(this.X.subarray(j * n, (j + 1) * n), (this.x + j * this.ld * 8) / 8);
      this.copied[j] = 1;
    }
    return this.x + j * this.ld * 8;
  }

  dot(j: number, m: number): number {
    return this.k.dotC(this.col(j), m, this.r, this.n);
  }

  updateDot(k: number, mk: number, d: number, j: number, mj: number): number {
    return this.k.cdUpdateDot(this.col(k), mk, d, this.col(j), mj, this.r, this.n);
  }

  axpy(k: number, mk: number, a: number): void {
    this.k.axpyC(this.col(k), mk, a, this.r, this.n);
  }

  shiftedSums(j: number, s: number): ArrayLike<number> {
    this.k.cdFirst(this.col(j), s, this.r, this.n, this.out);
    this.sums.set(this.k.f64().subarray(this.out / 8, this.out / 8 + 3));
    return this.sums;
  }

  sum(j: number): number {
    return this.k.sum(this.col(j), this.n);
  }

  sq(j: number, m: number): number {
    return this.k.sqC(this.col(j), m, this.n);
  }

  first(j: number): number {
    return this.X[j * this.n]!;
  }

  dots(m: Float64Array, out: Float64Array): void {
    for (let j = 0; j < this.p; j++) out[j] = this.k.dotC(this.col(j), m[j]!, this.r, this.n);
  }

  rr(): number {
    return this.k.dot(this.r, this.r, this.n);
  }

  ry(): number {
    return this.k.dot(this.r, this.x + this.p * this.ld * 8, this.n);
  }

  yy(): number {
    const y = this.x + this.p * this.ld * 8;
    return this.k.dot(y, y, this.n);
  }

  sumR(): number {
    return this.k.sum(this.r, this.n);
  }

  gram(center: boolean): Gram {
    for (let j = 0; j < this.p; j++) this.col(j);
    return gramInMemory(this.k, this.x, this.ld, this.n, this.p, center, this.free);
  }
}

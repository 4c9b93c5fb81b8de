// The Gram form of a least-squares problem — Q = XcᵀXc (p × p), q = Xcᵀyc, ‖yc‖² and the means
// (Xc, yc centered when fitting an intercept) — in one pass over column-major X: Ridge and
// LinearRegression solve with it, ElasticNet's coordinate descent switches to it.
//
// WebAssembly (wasm/kernels.wat): rows go in chunks of 2,048, each in blocks of 512 that are centered
// by their own means into a cache-sized scratch (exact, no cancellation), multiplied as SIMD tiles, and
// merged by Chan's update — so the means cost no pass of their own. On one thread the blocks are copied
// from X as they are needed; with helper threads (wasm/threads.ts) X is copied into the shared memory
// chunk by chunk while the helpers already work on the chunks copied. Chunk results are merged in
// chunk order, so the answer has the same bits on any number of threads.
//
// Without WebAssembly SIMD, `gramJs` does the same sums in plain JS (means first, then blocks).
import { sum } from '../core/linalg';
import { roundUp, wasmKernels, type WasmKernels } from '../wasm/kernels';
import { MAX_CHUNKS } from '../wasm/threads';

/** Column-major X (rows × cols) and the target; `center` subtracts the means (fitting an intercept). */
export interface GramData {
  X: Float64Array;
  rows: number;
  cols: number;
  y: Float64Array;
  center: boolean;
}

export interface Gram {
  Q: Float64Array;
  q: Float64Array;
  yNorm2: number;
  /** Column means of X (zeros when not centering). */
  xMean: Float64Array;
  yMean: number;
}

/** Q, q, ‖y‖² and the means. */
export function gramOf(d: GramData): Gram {
  const k = wasmKernels();
  return k ? gramWasm(d, k) : gramJs(d);
}

const BLOCK = 512; // rows per block: 512 × k1 doubles stay in L2 while the tiles sweep them
const CHUNK = 2048; // rows per chunk, the unit threads take (unless there are too many chunks)
const SLOT_BUDGET = 32 * 1024 * 1024; // bytes of chunk results kept at once
// Products (rows × k1²) below which one thread does it all: ~5 ms of work, where waking helpers and
// copying X for them stops paying.
const PARALLEL_MIN_WORK = 2 ** 25;

/** Chunks' layout for n rows and k1 columns: it depends on nothing else, so neither do the results. */
function chunking(n: number, k1: number): { chunkRows: number; chunks: number; slotBytes: number } {
  const slotBytes = (k1 * k1 + k1 + 2) * 8;
  const maxChunks = Math.max(1, Math.min(MAX_CHUNKS, Math.floor(SLOT_BUDGET / slotBytes)));
  const chunkRows = Math.max(CHUNK, roundUp(Math.ceil(n / maxChunks), BLOCK));
  return { chunkRows, chunks: Math.ceil(n / chunkRows), slotBytes };
}

function threadsFor(k: WasmKernels, n: number, k1: number): number {
  return n * k1 * k1 >= PARALLEL_MIN_WORK ? k.threads() : 1;
}

/** A bump allocator of 16-byte-aligned byte offsets. */
class Layout {
  constructor(public bytes = 0) {}
  take(bytes: number): number {
    const at = this.bytes;
    this.bytes = roundUp(at + bytes, 16);
    return at;
  }
}

/** The Gram slot `total` as the result (the target is column p). */
function unpack(mem: Float64Array, total: number, p: number, k1: number): Gram {
  const G = total / 8;
  const Q = new Float64Array(p * p);
  const q = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    for (let k = j; k < p; k++) Q[j * p + k] = Q[k * p + j] = mem[G + j * k1 + k]!;
    q[j] = mem[G + j * k1 + p]!;
  }
  const means = G + k1 * k1;
  return { Q, q, yNorm2: mem[G + p * k1 + p]!, xMean: mem.slice(means, means + p), yMean: mem[means + p]! };
}

function gramWasm(d: GramData, k: WasmKernels): Gram {
  const { X, rows: n, cols: p, y, center } = d;
  const p1 = p + 1;
  const k1 = roundUp(p1, 4);
  const { chunkRows, chunks, slotBytes } = chunking(n, k1);
  const threads = threadsFor(k, n, k1);
  if (threads > 1 && chunks > 1) {
    // The helpers' chunks go into the shared memory, X and y chunk by chunk a few ahead of them; this
    // thread does chunks from the back straight from X, block by block through its scratch as on one
    // thread, until the two meet (threads.ts) — its share is never copied to memory and read back
    // (40 MB for 50,000 × 100), and a slowed thread, helper or this one, takes fewer.
    const a = new Layout();
    const x = a.take(n * p1 * 8);
    const { total } = gramTask(
      k,
      threads,
      a,
      x,
      n,
      n,
      p1,
      k1,
      center,
      (mem, c) => {
        const r0 = c * chunkRows;
        const r1 = Math.min(n, r0 + chunkRows);
        for (let j = 0; j < p; j++) mem.set(X.subarray(j * n + r0, j * n + r1), x / 8 + j * n + r0);
        mem.set(y.subarray(r0, r1), x / 8 + p * n + r0);
      },
      (c, slot, scratch) => gramFromX(d, k, k1, c, c + 1, slot, scratch),
    );
    return unpack(k.f64(), total, p, k1);
  }
  // One thread: each block is copied into the scratch and centered there.
  const a = new Layout();
  const total = a.take(slotBytes);
  const slot = a.take(slotBytes);
  const scratch = a.take((BLOCK + 1) * k1 * 8);
  k.reserve(a.bytes);
  const mem = k.f64();
  mem.fill(0, total / 8, (total + slotBytes) / 8);
  for (let c = 0; c < chunks; c++) {
    gramFromX(d, k, k1, c, c + 1, slot, scratch);
    k.mergeSlot(total, slot, k1);
  }
  return unpack(mem, total, p, k1);
}

/**
 * The Gram slots of chunks c0 ≤ c < c1 (at slots + (c − c0)·slotBytes) straight from X: each block copied
 * into the scratch and centered there — the same sums as gram_chunk's, so the same bits.
 */
function gramFromX(d: GramData, k: WasmKernels, k1: number, c0: number, c1: number, slots: number, scratch: number) {
  const { X, rows: n, cols: p, y, center } = d;
  const { chunkRows, slotBytes } = chunking(n, k1);
  const mem = k.f64();
  const s = scratch / 8;
  for (let c = c0; c < c1; c++) {
    const slot = slots + (c - c0) * slotBytes;
    mem.fill(0, slot / 8, (slot + slotBytes) / 8);
    const end = Math.min(n, (c + 1) * chunkRows);
    for (let r0 = c * chunkRows; r0 < end; r0 += BLOCK) {
      const r1 = Math.min(end, r0 + BLOCK);
      for (let j = 0; j < p; j++) mem.set(X.subarray(j * n + r0, j * n + r1), s + j * BLOCK);
      mem.set(y.subarray(r0, r1), s + p * BLOCK);
      k.gramBlock(scratch, BLOCK, r1 - r0, p + 1, k1, scratch, slot, center ? 1 : 0);
    }
  }
}

/**
 * The Gram of p1 columns already in the kernels' memory at byte `x` (column j at x + 8·j·ld, the
 * target last), using the workspace from `free` on: what ElasticNet's coordinate descent hands over.
 */
export function gramInMemory(
  k: WasmKernels,
  x: number,
  ld: number,
  n: number,
  p: number,
  center: boolean,
  free: number,
): Gram {
  const k1 = roundUp(p + 1, 4);
  const { total } = gramTask(k, threadsFor(k, n, k1), new Layout(roundUp(free, 16)), x, ld, n, p + 1, k1, center);
  return unpack(k.f64(), total, p, k1);
}

/**
 * The chunked Gram task over X at byte x, merged in chunk order into `total`. With `own`, this thread may
 * do chunk c as own(c, its slot, this thread's scratch) instead, its input not filled (threads.ts).
 */
function gramTask(
  k: WasmKernels,
  threads: number,
  a: Layout,
  x: number,
  ld: number,
  n: number,
  p1: number,
  k1: number,
  center: boolean,
  fill?: (mem: Float64Array, chunk: number) => void,
  own?: (chunk: number, slot: number, scratch: number) => void,
): { total: number } {
  const { chunkRows, chunks, slotBytes } = chunking(n, k1);
  const total = a.take(slotBytes);
  const slots = a.take(chunks * slotBytes);
  const scratch = a.take(threads * (BLOCK + 1) * k1 * 8);
  k.reserve(a.bytes);
  const args = [x, ld, n, p1, k1, slots, scratch, center ? 1 : 0, chunkRows];
  const ownChunk = own && ((c: number) => own(c, slots + c * slotBytes, scratch));
  k.parallel('gram_chunk', chunks, args, threads, fill && ((c) => fill(k.f64(), c)), ownChunk);
  const mem = k.f64();
  mem.fill(0, total / 8, (total + slotBytes) / 8);
  for (let c = 0; c < chunks; c++) k.mergeSlot(total, slots + c * slotBytes, k1);
  return { total };
}

/** The plain-JS Gram: the means first, then blocks centered into a buffer, four columns at a time. */
export function gramJs(d: GramData): Gram {
  const { X, rows: n, cols: p, y, center } = d;
  const xMean = new Float64Array(p);
  let yMean = 0;
  if (center) {
    for (let j = 0; j < p; j++) xMean[j] = sum(X, j * n, n) / n;
    yMean = sum(y, 0, n) / n;
  }
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
    for (let t = 0; t < nb; t++) buf[p * B + t] = y[i0 + t]! - yMean;
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
  const Q = new Float64Array(p * p);
  const q = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    for (let k = j; k < p; k++) Q[j * p + k] = Q[k * p + j] = G[j * k1 + k]!;
    q[j] = G[j * k1 + p]!;
  }
  return { Q, q, yNorm2: G[p * k1 + p]!, xMean, yMean };
}

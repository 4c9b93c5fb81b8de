// The WebAssembly SIMD kernels of kernels.wat, instantiated once per realm (Node, page, worker) on a
// memory of their own, and a workspace in it that the linear models lay their arrays out in. Where
// WebAssembly or its SIMD is missing, `wasmKernels()` is null and callers keep their plain-JS loops.
// Where threads can run (threads.ts) the memory is shared and `parallel` spreads a task over the cores.
//
// The module (5 kB) compiles synchronously, so fitting stays synchronous as scikit-learn's `fit` is —
// except on a page's main thread, where Chromium compiles no more than 4 kB synchronously: there the
// first fits run the plain-JS loops while the module compiles in the background.
import { WASM_BASE64, WASM_SHARED_BASE64 } from './kernels-wasm';
import { ThreadPool, threadsPossible } from './threads';

/** The exports that run as chunked tasks (threads.ts calls them by index). */
const TASKS = ['gram_chunk', 'logistic_chunk'] as const;
export type TaskName = (typeof TASKS)[number];

export interface WasmKernels {
  /** A block of ≤ 512 rows centered (or copied) into the scratch and added to a Gram slot (kernels.wat). */
  gramBlock(
    src: number,
    ld: number,
    rows: number,
    p1: number,
    k1: number,
    scratch: number,
    slot: number,
    center: number,
  ): void;
  /** Gram slot dst ⊕= src (Chan's merge). */
  mergeSlot(dst: number, src: number, k1: number): void;
  /** out = [Σ(x−s), Σ(x−s)², Σ(x−s)·r] over n rows. */
  cdFirst(x: number, s: number, r: number, n: number, out: number): void;
  /** r −= d·(xk − mk), then Σ(xj − mj)·r. */
  cdUpdateDot(xk: number, mk: number, d: number, xj: number, mj: number, r: number, n: number): number;
  /** Σ(x − m)·v. */
  dotC(x: number, m: number, v: number, n: number): number;
  /** Σ(x − m)². */
  sqC(x: number, m: number, n: number): number;
  /** v += a·(x − m). */
  axpyC(x: number, m: number, a: number, v: number, n: number): void;
  dot(a: number, b: number, n: number): number;
  sum(x: number, n: number): number;
  /** Σ sᵢ·xᵢ. */
  wsum(x: number, s: number, n: number): number;
  /** Σ sᵢ·(xᵢ − m)². */
  wsqC(x: number, m: number, s: number, n: number): number;
  /** out[j] += Σᵢ X[i, j]·v[i] (rows even, p a multiple of 4). */
  gemvT(x: number, ld: number, rows: number, p: number, v: number, out: number): void;
  /** z[i] += Σⱼ X[i, j]·w[j]. */
  gemv(x: number, ld: number, rows: number, p: number, w: number, z: number): void;
  /**
   * task(chunk, thread, …args) for every chunk < count, on at most `threads` threads (thread indexes
   * stay below it: size per-thread scratch by it); `fill(c)` writes chunk c's input first; `own(c)`, with
   * `fill`, does chunk c on this thread (as thread 0) with no input filled — threads.ts's `run`.
   */
  parallel(
    task: TaskName,
    count: number,
    args: number[],
    threads: number,
    fill?: (chunk: number) => void,
    own?: (chunk: number) => void,
  ): void;
  /** Threads a parallel task may use (every core, or the limit; 1 without helper threads here). */
  threads(): number;
  /** Of those, the ones running now (helpers start with the first task that wants them). */
  running(): number;
  /** Resolves once the helper threads are up; the thread count then. */
  threadsReady(): Promise<number>;
  /** At least `bytes` of workspace from byte 0 (grown as needed; views taken before are stale). */
  reserve(bytes: number): void;
  /** A view of the workspace as float64 (take it after `reserve`). */
  f64(): Float64Array;
}

let instance: WasmKernels | null | undefined;
let disabled = false;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  if (typeof atob === 'function') return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return Uint8Array.from(Buffer.from(base64, 'base64'));
}

/** A shared memory where threads can run, else an ordinary one; with the module that imports it. */
function memoryAndModule(): { memory: WebAssembly.Memory; module: WebAssembly.Module; shared: boolean } | null {
  if (threadsPossible()) {
    // Threads can run here, so this is no page's main thread: compiling synchronously is allowed.
    const bytes = decode(WASM_SHARED_BASE64);
    if (WebAssembly.validate(bytes)) {
      try {
        const memory = new WebAssembly.Memory({ initial: 16, maximum: 65536, shared: true });
        return { memory, module: new WebAssembly.Module(bytes), shared: true };
      } catch {
        // no shared memory of that size here: one thread, below
      }
    }
  }
  const bytes = decode(WASM_BASE64);
  if (!WebAssembly.validate(bytes)) return null; // no SIMD here
  const module = compile(bytes);
  return module && { memory: new WebAssembly.Memory({ initial: 16 }), module, shared: false };
}

type Exports = Record<
  | 'gram_block'
  | 'merge_slot'
  | 'cd_first'
  | 'cd_update_dot'
  | 'dot_c'
  | 'sq_c'
  | 'axpy_c'
  | 'dot'
  | 'sum'
  | 'wsum'
  | 'wsq_c'
  | 'gemv_t'
  | 'gemv'
  | TaskName,
  (...a: number[]) => number
>;

/** The module from its bytes: synchronously, or null while it compiles in the background (see top). */
function compile(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module | null {
  try {
    return new WebAssembly.Module(bytes);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    void WebAssembly.compile(bytes).then(
      (module) => {
        if (instance === null) instance = fromModule(module, new WebAssembly.Memory({ initial: 16 }), false);
      },
      () => undefined,
    );
    return null;
  }
}

function create(): WasmKernels | null {
  if (typeof WebAssembly !== 'object') return null;
  const mm = memoryAndModule();
  if (!mm) return null;
  return fromModule(mm.module, mm.memory, mm.shared);
}

function fromModule(module: WebAssembly.Module, memory: WebAssembly.Memory, shared: boolean): WasmKernels {
  const e = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Exports;
  const pool = shared ? new ThreadPool(module, memory, TASKS) : null;
  let view = new Float64Array(memory.buffer);
  return {
    gramBlock: e.gram_block,
    mergeSlot: e.merge_slot,
    cdFirst: e.cd_first,
    cdUpdateDot: e.cd_update_dot,
    dotC: e.dot_c,
    sqC: e.sq_c,
    axpyC: e.axpy_c,
    dot: e.dot,
    sum: e.sum,
    wsum: e.wsum,
    wsqC: e.wsq_c,
    gemvT: e.gemv_t,
    gemv: e.gemv,
    parallel(task, count, args, threads, fill, own) {
      const fn = e[task];
      if (pool) {
        pool.run(TASKS.indexOf(task), fn, count, args, threads, fill, own);
        return;
      }
      for (let c = 0; c < count; c++) {
        if (fill && own) {
          own(c);
        } else {
          fill?.(c);
          fn(c, 0, ...args);
        }
      }
    },
    threads: () => pool?.threads() ?? 1,
    running: () => pool?.running() ?? 1,
    threadsReady: async () => (pool ? pool.whenReady() : 1),
    reserve(bytes) {
      const have = memory.buffer.byteLength;
      if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
    },
    f64() {
      // A shared memory's `buffer` is a new object on every read; its length tells whether it grew.
      if (view.byteLength !== memory.buffer.byteLength) view = new Float64Array(memory.buffer);
      return view;
    },
  };
}

/** The kernels, or null where WebAssembly SIMD is unavailable. */
export function wasmKernels(): WasmKernels | null {
  if (disabled) return null;
  if (instance === undefined) {
    try {
      instance = create();
    } catch {
      instance = null;
    }
  }
  return instance;
}

/** Runs `fn` as if WebAssembly were missing (the plain-JS loops), for tests of that path. */
export function withoutWasmKernels<T>(fn: () => T): T {
  const was = disabled;
  disabled = true;
  try {
    return fn();
  } finally {
    disabled = was;
  }
}

/** n rounded up to a multiple of m. */
export function roundUp(n: number, m: number): number {
  return Math.ceil(n / m) * m;
}

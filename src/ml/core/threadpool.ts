// threadpoolctl's two calls for Kiroku's numerical kernels: how many threads the linear models' passes
// over X use, and a limit on them. By default they use every core (as scikit-learn's BLAS does) where
// the realm can run helper threads — Node, or a cross-origin-isolated page's workers (the notebook
// kernel) — and one thread elsewhere.
import { wasmKernels } from '../wasm/kernels';
import { coreCount, setThreadLimit, threadLimit, threadsPossible } from '../wasm/threads';

export interface ThreadpoolInfo {
  /** 'wasm-simd' (WebAssembly SIMD kernels) or 'js' (plain JavaScript loops, one thread). */
  kernels: 'wasm-simd' | 'js';
  /** Threads a large fit uses: every core, or the limit (1 where helper threads cannot run). */
  threads: number;
  /** Of those, the ones running (helper threads start with the first fit that wants them). */
  running: number;
  /** The limit set by `threadpoolLimits`, or null (every core). */
  limit: number | null;
  /** Logical processors of this machine. */
  cores: number;
  /** Whether helper threads can run here (shared memory, and a thread allowed to wait for them). */
  threadsPossible: boolean;
}

export function threadpoolInfo(): ThreadpoolInfo {
  const k = wasmKernels();
  return {
    kernels: k ? 'wasm-simd' : 'js',
    threads: k?.threads() ?? 1,
    running: k?.running() ?? 1,
    limit: threadLimit(),
    cores: coreCount(),
    threadsPossible: k !== null && threadsPossible(),
  };
}

/**
 * Limit the kernels to `limit` threads (1: the calling thread only), or lift the limit with null, as
 * threadpoolctl's `threadpool_limits(limits=…)`. Returns the limit before.
 */
export function threadpoolLimits(limit: number | null): number | null {
  if (limit !== null && !(Number.isInteger(limit) && limit >= 1)) {
    throw new RangeError(`threadpoolLimits expects a positive integer or null, got ${String(limit)}.`);
  }
  const before = threadLimit();
  setThreadLimit(limit);
  return before;
}

/** Starts the helper threads and resolves with the thread count once they are up. */
export async function threadpoolReady(): Promise<number> {
  return (await wasmKernels()?.threadsReady()) ?? 1;
}

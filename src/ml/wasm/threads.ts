// The machine's other cores for the WebAssembly kernels: helper threads (kernel-thread.js — Web Workers
// in a browser, worker_threads in Node) that share the kernels' memory and take chunks of a task.
//
// Fitting stays synchronous, as scikit-learn's `fit` is: the calling thread publishes a task, works
// on it too, and blocks (Atomics.wait) until the helpers have finished their chunks. Helpers start on
// the first task large enough to want them and join tasks as soon as they are up (a task never waits
// for them: the first such fit may run on one thread); chunks
// are claimed one at a time, so a core slowed by other processes takes fewer. Each chunk writes its own
// part of the result, and callers combine them in chunk order: the result is the same bits whatever
// the number of threads.
//
// Where this cannot work the kernels run on one thread: no SharedArrayBuffer (a page that is not
// cross-origin isolated), or a thread that may not block (a page's main thread — the notebook kernel
// is a worker, so it can).
//
// Control words (Int32Array over a SharedArrayBuffer of their own; kernel-thread.js mirrors them):
//   CLAIM  generation (bits 22–31) | chunk count (11–21) | next unclaimed chunk (0–10), taken by CAS
//   DONE   chunks finished          FILLED  chunks whose input the caller has written (it may stream)
//   LIMIT  threads allowed (helpers with index ≥ LIMIT sit out)    FAILED  a helper's task threw
//   READY  helpers started         TASK, NARGS, ARGS…  which export to call and its int32 arguments
const CLAIM = 0;
const DONE = 1;
const FILLED = 2;
const LIMIT = 3;
const FAILED = 4;
const READY = 5;
const TASK = 6;
const NARGS = 7;
const ARGS = 8;
const MAX_ARGS = 16;

/** Most chunks one task may have (the CLAIM word's 11 bits). */
export const MAX_CHUNKS = 2047;
/** Most helper threads started, whatever the core count. */
const MAX_HELPERS = 15;

type NodeWorkerThreads = typeof import('node:worker_threads');
type NodeOs = typeof import('node:os');

function nodeBuiltin<T>(name: string): T | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (n: string) => unknown } }).process;
  return typeof proc?.getBuiltinModule === 'function' ? (proc.getBuiltinModule(name) as T) : null;
}

/** Cores of this machine (logical processors). */
export function coreCount(): number {
  const os = nodeBuiltin<NodeOs>('node:os');
  if (os) return os.availableParallelism();
  return Math.max(
    1,
    (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1,
  );
}

/** Whether this realm can run helper threads on a shared memory and wait for them. */
export function threadsPossible(): boolean {
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') return false;
  const node = nodeBuiltin<NodeWorkerThreads>('node:worker_threads') !== null;
  if (!node) {
    if (typeof Worker !== 'function') return false;
    if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== true) return false;
  }
  try {
    // Throws where this thread may not block (a browser page's main thread).
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

let limit: number | null = null;

/** Threads the kernels may use: a number, or null for every core (the default). */
export function setThreadLimit(n: number | null): void {
  limit = n;
}

export function threadLimit(): number | null {
  return limit;
}

/** A WebAssembly export taking (chunk, thread, …int32 arguments). */
export type ChunkTask = (chunk: number, thread: number, ...args: number[]) => void;

export class ThreadPool {
  private readonly ctl = new Int32Array(new SharedArrayBuffer((ARGS + MAX_ARGS) * 4));
  private helpers: unknown[] = [];
  private gen = 0;

  constructor(
    private readonly module: WebAssembly.Module,
    private readonly memory: WebAssembly.Memory,
    /** Export names, in the order task indexes refer to them. */
    private readonly tasks: readonly string[],
  ) {}

  /** Helpers wanted: every other core, or as many as the limit allows. */
  private wanted(): number {
    const threads = Math.min(limit ?? coreCount(), coreCount(), MAX_HELPERS + 1);
    return Math.max(0, threads - 1);
  }

  /** Start helpers up to the wanted number (they come up in the background). */
  start(): void {
    while (this.helpers.length < this.wanted()) this.helpers.push(this.spawn(this.helpers.length + 1));
  }

  private spawn(index: number): unknown {
    const message = { module: this.module, memory: this.memory, ctl: this.ctl.buffer, index, tasks: this.tasks };
    const wt = nodeBuiltin<NodeWorkerThreads>('node:worker_threads');
    if (wt) {
      // Built from parts so that bundlers do not mistake it for a browser worker to bundle.
      const w = new wt.Worker(new URL(['.', 'kernel-thread.js'].join('/'), import.meta.url));
      w.unref(); // a process is free to exit while its helpers wait
      w.postMessage(message);
      return w;
    }
    const w = new Worker(new URL('./kernel-thread.js', import.meta.url), {
      type: 'module',
      name: `kiroku-kernel-thread-${index}`,
    });
    w.postMessage(message);
    return w;
  }

  /** Helpers that are up. */
  ready(): number {
    return Atomics.load(this.ctl, READY);
  }

  /** Threads a task may use (this one included): every core, or the limit. */
  threads(): number {
    return 1 + this.wanted();
  }

  /** Of those, the ones up now. */
  running(): number {
    return 1 + Math.min(this.ready(), this.wanted());
  }

  /** Resolves once the wanted helpers are up (polling: a waiting thread would block its own event loop). */
  async whenReady(): Promise<number> {
    this.start();
    while (this.ready() < this.helpers.length) await new Promise((r) => setTimeout(r, 5));
    return this.running();
  }

  /**
   * fn(chunk, thread, …args) for every chunk < count, on this thread and up to maxThreads − 1 helpers
   * (thread indexes stay below maxThreads). `fill(c)`, when given, writes chunk c's input first: this
   * thread fills every chunk in order (helpers start on the filled ones), then takes chunks itself.
   * `own(c)`, given with `fill`, does chunk c on this thread without its input filled (from the
   * caller's own memory): the helpers take chunks from the front, filled a few ahead of them, and this
   * thread takes them from the back until they meet — so it fills only the helpers' chunks, and a
   * thread slowed by other processes takes fewer.
   */
  run(
    task: number,
    fn: ChunkTask,
    count: number,
    args: number[],
    maxThreads: number,
    fill?: (chunk: number) => void,
    own?: (chunk: number) => void,
  ): void {
    if (count > MAX_CHUNKS || args.length > MAX_ARGS)
      throw new Error(`ThreadPool: ${count} chunks, ${args.length} arguments`);
    if (maxThreads > 1) this.start(); // helpers come up for the first task that wants them
    const threads = Math.min(maxThreads, this.running());
    if (threads <= 1 || count <= 1) {
      for (let c = 0; c < count; c++) {
        if (fill && own) {
          own(c);
        } else {
          fill?.(c);
          fn(c, 0, ...args);
        }
      }
      return;
    }
    const ctl = this.ctl;
    ctl[TASK] = task;
    ctl[NARGS] = args.length;
    ctl.set(args, ARGS);
    Atomics.store(ctl, DONE, 0);
    Atomics.store(ctl, FAILED, 0);
    Atomics.store(ctl, FILLED, fill ? 0 : count);
    Atomics.store(ctl, LIMIT, threads);
    this.gen = (this.gen + 1) & 0x3ff;
    Atomics.store(ctl, CLAIM, (this.gen << 22) | (count << 11));
    Atomics.notify(ctl, CLAIM);
    let error: unknown = null;
    if (fill && own) {
      error = this.fillAndTakeFromTheBack(threads, fill, own);
    } else if (fill) {
      try {
        for (let c = 0; c < count; c++) {
          fill(c);
          Atomics.store(ctl, FILLED, c + 1);
          Atomics.notify(ctl, FILLED);
        }
      } catch (e) {
        error = e; // let the helpers through (their results are dropped) rather than leave them waiting
        Atomics.store(ctl, FILLED, count);
        Atomics.notify(ctl, FILLED);
      }
    }
    for (;;) {
      const v = Atomics.load(ctl, CLAIM);
      const next = v & 0x7ff;
      if (next >= ((v >>> 11) & 0x7ff)) break; // the count, lowered where `own` took chunks from the back
      if (Atomics.compareExchange(ctl, CLAIM, v, v + 1) !== v) continue;
      try {
        fn(next, 0, ...args);
      } catch (e) {
        error ??= e; // still counted done: the helpers' chunks must finish before anything reuses the memory
      }
      Atomics.add(ctl, DONE, 1);
    }
    for (let d = Atomics.load(ctl, DONE); d < count; d = Atomics.load(ctl, DONE)) Atomics.wait(ctl, DONE, d);
    if (error) throw error;
    if (Atomics.load(ctl, FAILED)) throw new Error('A helper thread of the WebAssembly kernels failed.');
  }

  /**
   * `run`'s two ends: fill chunks for the helpers (claimed from the front, CLAIM's low bits) a few ahead
   * of them, else take the last unclaimed chunk (lowering CLAIM's count: the helpers stop there) and do
   * it with `own`. Both ends move by compare-and-swap on CLAIM, so each chunk goes to exactly one side.
   * Returns the first error (the other chunks still run and count as done, so the memory is free after).
   */
  private fillAndTakeFromTheBack(
    threads: number,
    fill: (chunk: number) => void,
    own: (chunk: number) => void,
  ): unknown {
    const ctl = this.ctl;
    const ahead = 3 * (threads - 1); // filled chunks waiting per helper while this thread does one of its own
    let filled = 0;
    let error: unknown = null;
    const fillNext = () => {
      try {
        if (!error) fill(filled);
      } catch (e) {
        error = e; // still marked filled: the helpers go through (their results are dropped)
      }
      filled++;
      Atomics.store(ctl, FILLED, filled);
      Atomics.notify(ctl, FILLED);
    };
    for (;;) {
      const v = Atomics.load(ctl, CLAIM);
      const next = v & 0x7ff;
      const end = (v >>> 11) & 0x7ff;
      if (next >= end) {
        // Every chunk is taken; the helpers' ones (below `end`) must all be filled for them to finish.
        while (filled < end) fillNext();
        return error;
      }
      if (filled < end && filled < next + ahead) {
        fillNext();
        continue;
      }
      if (Atomics.compareExchange(ctl, CLAIM, v, v - (1 << 11)) !== v) continue;
      try {
        if (!error) own(end - 1);
      } catch (e) {
        error = e;
      }
      Atomics.add(ctl, DONE, 1);
    }
  }
}

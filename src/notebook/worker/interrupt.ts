// Stopping a running cell without losing the kernel's state.
//
// The flag is an Int32Array: over the SharedArrayBuffer the page gave in `init` when it is
// cross-origin isolated (the page stores the number of the execution to stop and the worker sees it at
// once, even mid-loop), or a private one that the `interrupt_request` message sets (seen only when the
// cell next awaits). An interrupt is requested when the flag holds the number of the execution in
// progress: the flag is never cleared, so an interrupt stored before its execution begins (the kernel
// still starting, or finishing the cell before) is not lost, and one meant for an execution that has
// ended cannot stop the next.
//
// Instrumented loops count down a counter and call `poll()` when it runs out; `poll()` reads the flag
// with Atomics.load (about 20 ns — too dear for every iteration of a tight loop, nothing every
// thousand) and sizes the next countdown so that polls come every millisecond or so whatever a loop
// iteration costs. Instrumented awaits go through `aw()`, which checks when the promise settles and is
// rejected at once by an interrupt that arrives while it waits.
//
// An interrupt holds until the next execution begins: every check in the interrupted cell throws,
// including those in callbacks it started (an autologged fit's epochs), so nothing of it runs on.
import { InterruptError } from '../../lib/errors';

const MAX_BUDGET = 1 << 16;
/** Polls closer together than this let the countdown grow; further apart, shrink. */
const POLL_MIN_MS = 0.5;
const POLL_MAX_MS = 4;
/** Without shared memory, an await yields to the event loop this often, so the message can arrive. */
const YIELD_EVERY_MS = 50;

export class InterruptController {
  private readonly flag: Int32Array;
  /** True when the page can set the flag directly (shared memory). */
  readonly shared: boolean;
  private countdown = 1024;
  private lastPoll = performance.now();
  private lastYield = performance.now();
  private readonly waiters = new Set<(err: Error) => void>();
  /** The execution in progress, or the last one (ExecuteRequest.seq); 0 before the first. */
  private current = 0;

  constructor(buffer?: SharedArrayBuffer) {
    this.shared = !!buffer;
    this.flag = buffer ? new Int32Array(buffer, 0, 1) : new Int32Array(1);
  }

  get requested(): boolean {
    return this.current !== 0 && Atomics.load(this.flag, 0) === this.current;
  }

  /** Execution `seq` begins: an interrupt meant for an earlier one no longer counts, one meant for it does. */
  begin(seq: number): void {
    this.current = seq;
  }

  /**
   * The user asked to interrupt execution `seq`: set the flag, and reject every await in progress when
   * it is the one running. An interrupt for an execution that has ended is ignored.
   */
  request(seq: number): void {
    if (seq < this.current) return;
    Atomics.store(this.flag, 0, seq);
    if (seq !== this.current) return;
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const reject of waiting) reject(new InterruptError());
  }

  check(): void {
    if (this.requested) throw new InterruptError();
  }

  /** How many loop iterations may pass before the next poll. */
  get budget(): number {
    return this.countdown;
  }

  /** Called by instrumented loops when their countdown runs out; returns the next countdown. */
  poll(): number {
    this.check();
    const t = performance.now();
    const dt = t - this.lastPoll;
    this.lastPoll = t;
    if (dt > POLL_MAX_MS) this.countdown = Math.max(1, this.countdown >> 2);
    else if (dt < POLL_MIN_MS) this.countdown = Math.min(MAX_BUDGET, this.countdown * 2);
    return this.countdown;
  }

  /** `await x` in a cell is `await aw(x)`: the same value, or an InterruptError. */
  aw<T>(value: T): T | Promise<Awaited<T>> {
    this.check();
    // Awaiting a value that is not a promise only yields a microtask: nothing to race.
    if (!isThenable(value) && (this.shared || performance.now() - this.lastYield < YIELD_EVERY_MS)) return value;
    return new Promise<Awaited<T>>((resolve, reject) => {
      this.waiters.add(reject);
      const settle = (v: Awaited<T>) => {
        this.waiters.delete(reject);
        if (this.requested) reject(new InterruptError());
        else resolve(v);
      };
      Promise.resolve(value).then(
        (v) => {
          if (this.shared || performance.now() - this.lastYield < YIELD_EVERY_MS) return settle(v);
          // Let a queued interrupt_request message be handled before the cell goes on.
          setTimeout(() => {
            this.lastYield = performance.now();
            settle(v);
          }, 0);
        },
        (err: unknown) => {
          this.waiters.delete(reject);
          reject(err);
        },
      );
    });
  }
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (
    v !== null &&
    (typeof v === 'object' || typeof v === 'function') &&
    typeof (v as { then?: unknown }).then === 'function'
  );
}

// Stopping a running cell without losing the kernel's state.
//
// The flag is an Int32Array: over the SharedArrayBuffer the page gave in `init` when it is
// cross-origin isolated (the page stores 1 and the worker sees it at once, even mid-loop), or a
// private one that the `interrupt_request` message sets (seen only when the cell next awaits).
//
// Instrumented loops count down a counter and call `poll()` when it runs out; `poll()` reads the flag
// with Atomics.load (about 20 ns — too dear for every iteration of a tight loop, nothing every
// thousand) and sizes the next countdown so that polls come every millisecond or so whatever a loop
// iteration costs. Instrumented awaits go through `aw()`, which checks when the promise settles and is
// rejected at once by an interrupt that arrives while it waits.
//
// The flag stays set until the next execution begins: every check in the interrupted cell throws,
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

  constructor(buffer?: SharedArrayBuffer) {
    this.shared = !!buffer;
    this.flag = buffer ? new Int32Array(buffer, 0, 1) : new Int32Array(1);
  }

  get requested(): boolean {
    return Atomics.load(this.flag, 0) !== 0;
  }

  /** A new execution starts: an interrupt meant for an earlier one is forgotten. */
  reset(): void {
    Atomics.store(this.flag, 0, 0);
  }

  /** The user asked to interrupt: set the flag and reject every await in progress. */
  request(): void {
    Atomics.store(this.flag, 0, 1);
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const reject of waiting) reject(new InterruptError());
  }

  check(): void {
    if (Atomics.load(this.flag, 0) !== 0) throw new InterruptError();
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
  return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';
}

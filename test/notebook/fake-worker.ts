// An in-process stand-in for the kernel's Web Worker: it runs the real Kernel, passing messages
// asynchronously and by structured clone as a Worker does. `failOnInit`: the worker dies while starting;
// `locks`: it holds its lifeline lock as kernel.worker.ts does; `mlflow`: the tracking its kernel uses.
import type { LockManagerLike, WorkerLike } from '../../src/notebook/kernel-host';
import { Kernel } from '../../src/notebook/worker/kernel';
import { Fluent } from '../../src/tracking/fluent';
import type { HostMessage, KernelMessage } from '../../src/notebook/protocol';

let n = 0;

export class FakeWorker implements WorkerLike {
  static created: FakeWorker[] = [];
  kernel: Kernel | null;
  terminated = false;
  lifeline: string | undefined;
  readonly mlflow: Fluent;
  private readonly locks: FakeLocks | undefined;
  private readonly listeners: {
    message: Array<(e: MessageEvent<KernelMessage>) => void>;
    error: Array<(e: Event) => void>;
  } = { message: [], error: [] };

  constructor(
    private readonly failOnInit = false,
    options: { mlflow?: Fluent; locks?: FakeLocks } = {},
  ) {
    FakeWorker.created.push(this);
    this.mlflow = options.mlflow ?? new Fluent(`memory:fake-worker-${++n}`);
    this.locks = options.locks;
    this.kernel = new Kernel((m) => this.toPage(m), { preloadTf: false, console: null, mlflow: this.mlflow });
  }

  postMessage(message: HostMessage): void {
    const copy = structuredClone(message);
    setTimeout(() => {
      if (this.terminated) return;
      if (this.failOnInit && copy.type === 'init') return this.listeners.error.forEach((l) => l(new Event('error')));
      // As kernel.worker.ts: the lifeline is held before the init is handled.
      if (copy.type === 'init' && copy.lifeline && this.locks) this.locks.hold((this.lifeline = copy.lifeline));
      void this.kernel?.handle(copy);
    }, 0);
  }

  terminate(): void {
    this.terminated = true;
    this.kernel?.dispose();
    this.kernel = null;
    if (this.lifeline) this.locks?.release(this.lifeline); // the browser releases an ended worker's locks
  }

  /** What a cell's `self.close()` does: the worker ends, telling the page nothing. */
  selfClose(): void {
    this.terminate();
  }

  addEventListener(type: 'message' | 'error', listener: (e: never) => void): void {
    this.listeners[type].push(listener as never);
  }

  private toPage(m: KernelMessage): void {
    if (this.terminated) return;
    const copy = structuredClone(m);
    setTimeout(() => this.listeners.message.forEach((l) => l({ data: copy } as MessageEvent<KernelMessage>)), 0);
  }
}

/** Web Locks, exclusive mode only: a request waits until the holder releases. */
export class FakeLocks implements LockManagerLike {
  private readonly held = new Map<string, Array<() => void>>();
  hold(name: string): void {
    this.held.set(name, []);
  }
  release(name: string): void {
    const waiters = this.held.get(name) ?? [];
    this.held.delete(name);
    waiters.forEach((w) => w());
  }
  request(name: string, callback: () => unknown): Promise<unknown> {
    const waiters = this.held.get(name);
    if (!waiters) return Promise.resolve().then(callback);
    return new Promise((resolve) => waiters.push(() => resolve(callback())));
  }
}

// Batches logging calls so a training loop never waits on storage: each call is queued and returns a
// promise that settles when its data is durable; pending calls are written per run in one `logBatch`
// transaction a few milliseconds later (or at once when the queue grows large, or on `flush()`).
// If a merged batch is refused (say one param changed value), each call is retried on its own, so
// only the offending call rejects and nothing valid is dropped.
import type { LogBatch, TrackingStore } from './store';

interface Waiter {
  part: LogBatch;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface WriteQueueOptions {
  /** How long calls may gather before a write (ms). */
  delayMs?: number;
  /** Write at once when this many items are pending. */
  maxPending?: number;
  /** Called after a run's batch is durable (the client announces the change). */
  onWritten?: (runId: string) => void;
}

export class WriteQueue {
  private pending = new Map<string, Waiter[]>();
  private pendingItems = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private readonly delayMs: number;
  private readonly maxPending: number;

  constructor(private readonly store: TrackingStore, private readonly options: WriteQueueOptions = {}) {
    this.delayMs = options.delayMs ?? 20;
    this.maxPending = options.maxPending ?? 50_000;
  }

  enqueue(runId: string, part: LogBatch): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let list = this.pending.get(runId);
      if (!list) this.pending.set(runId, (list = []));
      list.push({ part, resolve, reject });
      this.pendingItems += (part.metrics?.length ?? 0) + (part.params?.length ?? 0) + (part.tags?.length ?? 0);
      if (this.pendingItems >= this.maxPending) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
    });
  }

  /** Resolves when everything queued before this call is durable (or has been refused). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const work = this.pending;
    this.pending = new Map();
    this.pendingItems = 0;
    this.chain = this.chain.then(() => this.write(work));
    return this.chain;
  }

  get idle(): boolean {
    return this.pending.size === 0;
  }

  private async write(work: Map<string, Waiter[]>): Promise<void> {
    for (const [runId, waiters] of work) {
      try {
        await this.store.logBatch(runId, merge(waiters.map((w) => w.part)));
        for (const w of waiters) w.resolve();
      } catch (err) {
        if (waiters.length === 1) waiters[0]!.reject(err);
        else await this.writeOneByOne(runId, waiters);
      }
      this.options.onWritten?.(runId);
    }
  }

  private async writeOneByOne(runId: string, waiters: Waiter[]): Promise<void> {
    for (const w of waiters) {
      try {
        await this.store.logBatch(runId, w.part);
        w.resolve();
      } catch (err) {
        w.reject(err);
      }
    }
  }
}

function merge(parts: LogBatch[]): LogBatch {
  if (parts.length === 1) return parts[0]!;
  const metrics = [];
  const params = [];
  const tags = [];
  for (const p of parts) {
    if (p.metrics) for (const m of p.metrics) metrics.push(m);
    if (p.params) for (const x of p.params) params.push(x);
    if (p.tags) for (const t of p.tags) tags.push(t);
  }
  return { metrics, params, tags };
}

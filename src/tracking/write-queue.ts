// Batches logging calls so a training loop never waits on storage. Each call is queued and returns a
// promise that settles when its data is durable; a run's pending calls are written in one `logBatch`
// transaction a few milliseconds later (at once when the queue grows large, or on `flush()`).
//
// Metric points take a fast path: they are appended to per-key columns and share one promise per
// run and flush, so 100k `logMetric` calls cost 100k array pushes, not 100k promises and objects.
// Params and tags keep a promise each: if a merged batch is refused (a param changed value), the
// calls are retried one by one, so only the offending call rejects and nothing valid is dropped.
import type { LogBatch, MetricSeries, TrackingStore } from './store';
import { isUnreachable } from '../lib/errors';

interface Waiter {
  part: LogBatch;
  resolve: () => void;
  reject: (err: unknown) => void;
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

interface SeriesBuffer {
  key: string;
  steps: number[];
  values: number[];
  timestamps: number[];
}

interface PendingRun {
  waiters: Waiter[];
  series: Map<string, SeriesBuffer>;
  metrics: Deferred | null;
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
  private pending = new Map<string, PendingRun>();
  private pendingItems = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private readonly delayMs: number;
  private readonly maxPending: number;

  constructor(
    private readonly store: TrackingStore,
    private readonly options: WriteQueueOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 20;
    this.maxPending = options.maxPending ?? 200_000;
  }

  /** Queue params, tags or metric points; the promise settles for this call alone. */
  enqueue(runId: string, part: LogBatch): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.run(runId).waiters.push({ part, resolve, reject });
      this.added((part.metrics?.length ?? 0) + (part.params?.length ?? 0) + (part.tags?.length ?? 0));
    });
  }

  /** Queue one metric point (already validated); the promise is shared by the run's points in this flush. */
  enqueueMetric(runId: string, key: string, value: number, step: number, timestamp: number): Promise<void> {
    const run = this.run(runId);
    let s = run.series.get(key);
    if (!s) run.series.set(key, (s = { key, steps: [], values: [], timestamps: [] }));
    s.steps.push(step);
    s.values.push(value);
    s.timestamps.push(timestamp);
    run.metrics ??= deferred();
    const promise = run.metrics.promise;
    this.added(1);
    return promise;
  }

  private run(runId: string): PendingRun {
    let run = this.pending.get(runId);
    if (!run) this.pending.set(runId, (run = { waiters: [], series: new Map(), metrics: null }));
    return run;
  }

  private added(items: number): void {
    this.pendingItems += items;
    if (this.pendingItems >= this.maxPending) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Resolves when everything queued before this call is durable (or has been refused). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.size) {
      const work = this.pending;
      this.pending = new Map();
      this.pendingItems = 0;
      this.chain = this.chain.then(() => this.write(work));
    }
    return this.chain;
  }

  private async write(work: Map<string, PendingRun>): Promise<void> {
    for (const [runId, run] of work) {
      const series: MetricSeries[] = [...run.series.values()];
      const batch = merge(run.waiters.map((w) => w.part));
      if (series.length) batch.series = series;
      try {
        await this.store.logBatch(runId, batch);
        for (const w of run.waiters) w.resolve();
        run.metrics?.resolve();
      } catch (err) {
        // One call alone, or a store out of reach (a server down: every retry would wait it out
        // again): the whole batch fails with that error. Otherwise one call may be at fault.
        if (run.waiters.length + (series.length ? 1 : 0) === 1 || isUnreachable(err)) {
          for (const w of run.waiters) w.reject(err);
          run.metrics?.reject(err);
        } else {
          await this.writeOneByOne(runId, run, series);
        }
      }
      this.options.onWritten?.(runId);
    }
  }

  private async writeOneByOne(runId: string, run: PendingRun, series: MetricSeries[]): Promise<void> {
    const attempts: Array<[LogBatch, () => void, (e: unknown) => void]> = run.waiters.map((w) => [
      w.part,
      w.resolve,
      w.reject,
    ]);
    if (series.length && run.metrics) attempts.push([{ series }, run.metrics.resolve, run.metrics.reject]);
    for (const [part, resolve, reject] of attempts) {
      try {
        await this.store.logBatch(runId, part);
        resolve();
      } catch (err) {
        reject(err);
      }
    }
  }
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function merge(parts: LogBatch[]): LogBatch {
  if (parts.length === 1) return { ...parts[0]! };
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

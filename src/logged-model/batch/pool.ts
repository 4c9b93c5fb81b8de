// The prediction workers, started once and kept: starting a worker (loading the ML library in it)
// costs far more than a batch of predictions, so a page pays it on its first batch only.
const pool: Worker[] = [];
let queue: Promise<unknown> = Promise.resolve();

export function workers(n: number): Worker[] {
  // The predict role of the ML worker bundle (workers/ml.worker.ts: one TensorFlow.js with the kernel).
  while (pool.length < n)
    pool.push(
      new Worker(new URL('../../workers/ml.worker.ts', import.meta.url), {
        type: 'module',
        name: `kiroku-predict-${pool.length + 1}`,
      }),
    );
  return pool.slice(0, n);
}

/** Whether n workers are running already (started by an earlier batch). */
export function isWarm(n: number): boolean {
  return pool.length >= n;
}

/** Drop workers that were stopped mid-batch (cancel, failure); the next batch starts fresh ones. */
export function discard(ws: Worker[]): void {
  for (const w of ws) {
    w.terminate();
    const i = pool.indexOf(w);
    if (i >= 0) pool.splice(i, 1);
  }
}

/** One batch at a time owns the pool. */
export function exclusive<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

export function terminatePool(): void {
  discard([...pool]);
}

// Persist 100k metric points for one key through the fluent API (calls not awaited, then flush), beside
// a raw idb baseline in the same page: one transaction writing the same points as columnar chunks.
import { openDB } from 'idb';
import { Fluent } from '../../src/tracking/fluent';

type Report = (figure: Record<string, unknown>) => void;
const N = 100_000;
const CHUNK = 1000;

async function baseline(): Promise<number> {
  const db = await openDB(`bench-raw-${Math.random()}`, 1, {
    upgrade(d) {
      d.createObjectStore('chunks', { keyPath: ['runId', 'key', 'chunk'] });
    },
  });
  const t0 = performance.now();
  const tx = db.transaction('chunks', 'readwrite');
  const ts = Date.now();
  for (let c = 0; c < N / CHUNK; c++) {
    const steps = new Float64Array(CHUNK);
    const values = new Float64Array(CHUNK);
    const timestamps = new Float64Array(CHUNK);
    for (let i = 0; i < CHUNK; i++) {
      const k = c * CHUNK + i;
      steps[i] = k;
      values[i] = Math.sin(k);
      timestamps[i] = ts;
    }
    void tx.store.put({ runId: 'r', key: 'loss', chunk: c, count: CHUNK, steps, values, timestamps });
  }
  await tx.done;
  const ms = performance.now() - t0;
  db.close();
  return ms;
}

async function kiroku(): Promise<number> {
  const mlflow = new Fluent(`indexeddb:bench-${Math.random()}`);
  await mlflow.startRun({ runName: 'bench' });
  const t0 = performance.now();
  for (let k = 0; k < N; k++) void mlflow.logMetric('loss', Math.sin(k), { step: k });
  await mlflow.flush();
  const ms = performance.now() - t0;
  const run = mlflow.activeRun()!;
  const history = await mlflow.getMetricHistory(run.info.runId, 'loss');
  if (history.length !== N) throw new Error(`expected ${N} points, read ${history.length}`);
  await mlflow.endRun();
  return ms;
}

async function readBack(): Promise<number> {
  const mlflow = new Fluent(`indexeddb:bench-read-${Math.random()}`);
  const run = await mlflow.startRun();
  for (let k = 0; k < N; k++) void mlflow.logMetric('loss', k, { step: k });
  await mlflow.flush();
  const t0 = performance.now();
  await mlflow.getMetricHistory(run.info.runId, 'loss');
  const ms = performance.now() - t0;
  await mlflow.endRun();
  return ms;
}

export default async function (report: Report) {
  const rounds = 5;
  const base: number[] = [];
  const ours: number[] = [];
  // One warm-up round of each (JIT), not counted.
  await baseline();
  await kiroku();
  for (let i = 0; i < rounds; i++) {
    base.push(await baseline());
    ours.push(await kiroku());
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const b = median(base);
  const o = median(ours);
  report({
    bench: 'metrics.persist.raw-idb-baseline',
    points: N,
    ms: Math.round(b),
    pointsPerSec: Math.round(N / (b / 1000)),
  });
  report({
    bench: 'metrics.persist.kiroku',
    points: N,
    ms: Math.round(o),
    pointsPerSec: Math.round(N / (o / 1000)),
    ratioToBaseline: Number((b / o).toFixed(3)),
    goal: '>= 0.7',
  });
  report({ bench: 'metrics.history.read', points: N, ms: Math.round(await readBack()) });
}

// predictBatch in Node (no Web Workers: blocks are predicted on this thread); the worker pool is
// exercised in Chromium by the browser suite and bench/browser/predict-batch.bench.ts.
import { describe, expect, it } from 'vitest';
import { ElasticNet } from '../../src/ml/index';
import { predictBatch } from '../../src/models/batch/predict-batch';

const rows = Array.from({ length: 1000 }, (_, i) => [i % 13, (i * 7) % 11, Math.sin(i)]);
const y = rows.map(([a, b, c]) => 2 * a! - b! + 3 * c!);

describe('predictBatch', () => {
  it('returns the same predictions as predict, in order, reporting progress to 1', async () => {
    const model = new ElasticNet({ alpha: 0.01 }).fit(rows, y);
    const progress: number[] = [];
    const out = await predictBatch(model, rows, { blockRows: 128, onProgress: (f) => progress.push(f) });
    expect(Array.from(out as Float64Array)).toEqual(Array.from(model.predict(rows)));
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBe(1 + Math.ceil(1000 / 128));
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('stops when cancelled', async () => {
    const model = new ElasticNet().fit(rows, y);
    const controller = new AbortController();
    const run = predictBatch(model, rows, { blockRows: 10, onProgress: (f) => f > 0.2 && controller.abort(), signal: controller.signal });
    await expect(run).rejects.toThrow('Batch prediction was cancelled.');
  });
});

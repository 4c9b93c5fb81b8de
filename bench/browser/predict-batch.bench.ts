// 1M rows through ElasticNet with predictBatch: on this thread, and with 1 and N workers.
import { ElasticNet } from '../../src/ml/index';
import { predictBatch } from '../../src/logged-model/batch/predict-batch';

type Report = (figure: Record<string, unknown>) => void;

export default async function (report: Report) {
  const rows = 1_000_000;
  const cols = 11;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.37) * 3;
  const X = { data, rows, cols, columns: Array.from({ length: cols }, (_, j) => `x${j}`) };
  const fitRows = Array.from({ length: 2000 }, (_, i) => Array.from({ length: cols }, (_, j) => data[j * rows + i]!));
  const model = new ElasticNet({ alpha: 0.01 }).fit(
    fitRows,
    fitRows.map((r) => r.reduce((a, b, j) => a + b * (j + 1), 0)),
  );
  const n = navigator.hardwareConcurrency || 2;
  const time = async (workers: number) => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await predictBatch(model, X, { workers });
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[1]!;
  };
  const direct = (() => {
    const t = performance.now();
    model.predict(X);
    return performance.now() - t;
  })();
  const here = await time(0);
  await predictBatch(model, X, { workers: n }); // start the pool once, as a page's first batch does
  const one = await time(1);
  const many = await time(n);
  report({ bench: 'predict.direct', rows, cols, ms: Math.round(direct) });
  report({ bench: 'predictBatch.this-thread', rows, ms: Math.round(here) });
  report({ bench: 'predictBatch.shared-memory', crossOriginIsolated });
  report({ bench: 'predictBatch.workers-1', rows, ms: Math.round(one) });
  report({
    bench: `predictBatch.workers-${n}`,
    rows,
    ms: Math.round(many),
    speedupVs1: Number((one / many).toFixed(2)),
    goal: `>= ${(0.7 * n).toFixed(1)}x`,
  });
}

// A wine-quality ElasticNet fit with and without autolog, in Chromium with IndexedDB: the overhead is
// everything autolog adds until its run is durable (fit + flush), against the bare fit.
import { readCSV } from '../../src/data/csv';
import { ElasticNet } from '../../src/ml/index';
import { Fluent } from '../../src/tracking/fluent';
import { modelApi } from '../../src/logged-model/api';
import { autolog } from '../../src/autolog/index';

type Report = (figure: Record<string, unknown>) => void;

export default async function (report: Report, params: Record<string, string>) {
  const text = await (await fetch(params.wine!)).text();
  const df = await readCSV(text);
  const X = df.drop({ columns: ['quality'] });
  const y = df.column('quality');
  const fluent = new Fluent(`indexeddb:bench-autolog-${Math.random()}`);
  const api = Object.assign(fluent, modelApi(fluent));
  await api.client().getOrCreateDefaultExperiment();

  const rounds = 9;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const bare: number[] = [];
  const logged: number[] = [];
  autolog(api, { disable: true });
  new ElasticNet({ alpha: 0.02 }).fit(X, y); // warm-up
  for (let i = 0; i < rounds; i++) {
    autolog(api, { disable: true });
    let t = performance.now();
    new ElasticNet({ alpha: 0.02 }).fit(X, y);
    bare.push(performance.now() - t);
    autolog(api, {});
    t = performance.now();
    new ElasticNet({ alpha: 0.02 }).fit(X, y);
    await api.flush();
    logged.push(performance.now() - t);
  }
  const b = median(bare);
  const l = median(logged);
  report({ bench: 'autolog.wine.fit', rows: 1599, ms: Number(b.toFixed(2)) });
  report({
    bench: 'autolog.wine.fit+autolog',
    ms: Number(l.toFixed(2)),
    overheadMs: Number((l - b).toFixed(2)),
    goal: `<= ${(0.05 * b + 20).toFixed(1)} ms (5% + 20 ms)`,
  });
}

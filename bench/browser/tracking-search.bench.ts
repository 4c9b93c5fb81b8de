// searchRuns over 1,000 runs × 20 params × 10 metrics in real IndexedDB, with a metric filter.
import { Fluent } from '../../src/tracking/fluent';
import { TrackingClient } from '../../src/tracking/client';
import { IdbTrackingStore } from '../../src/tracking/idb-store';

type Report = (figure: Record<string, unknown>) => void;

export default async function (report: Report) {
  const dbName = `bench-search-${Math.random()}`;
  const mlflow = new Fluent(`indexeddb:${dbName}`);
  await mlflow.setExperiment('sweep');
  const t0 = performance.now();
  const client = mlflow.client();
  const exp = (await mlflow.getExperimentByName('sweep'))!;
  for (let r = 0; r < 1000; r++) {
    const run = await client.createRun(exp.experimentId, { runName: `run-${r}` });
    const params = Array.from({ length: 20 }, (_, i) => ({ key: `p${i}`, value: String((r * (i + 1)) % 97) }));
    const metrics = Array.from({ length: 10 }, (_, i) => ({
      key: `m${i}`,
      value: ((r * 7919 + i) % 1000) / 1000,
      step: 0,
      timestamp: Date.now(),
    }));
    void client.logBatch(run.info.runId, { params, metrics });
    void client.setTerminated(run.info.runId);
  }
  await client.flush();
  report({ bench: 'search.setup', runs: 1000, ms: Math.round(performance.now() - t0) });

  const filter = "metrics.m3 > 0.5 and params.p1 != '3'";
  const search = async (c: TrackingClient) => {
    const t = performance.now();
    const hits = (await c.searchRuns({ experimentIds: [exp.experimentId], filter, orderBy: ['metrics.m0 DESC'] }))
      .length;
    return { ms: performance.now() - t, hits };
  };
  // Cold: a fresh connection (a page just opened) reads every run row from IndexedDB.
  const colds: number[] = [];
  for (let i = 0; i < 3; i++) {
    const fresh = new TrackingClient(new IdbTrackingStore(dbName));
    await fresh.getExperiment(exp.experimentId); // the page has its connection open already
    colds.push((await search(fresh)).ms);
    await fresh.store.close();
  }
  // Warm: the same page searching again (sorting, typing a filter) while runs keep changing.
  const warms: number[] = [];
  let hits = 0;
  for (let i = 0; i < 7; i++) {
    const r = await search(client);
    warms.push(r.ms);
    hits = r.hits;
  }
  const median = (xs: number[]) => Number([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1));
  report({
    bench: 'search.metric-filter.cold',
    runs: 1000,
    params: 20,
    metrics: 10,
    filter,
    hits,
    medianMs: median(colds),
    goal: '< 100 ms',
  });
  report({
    bench: 'search.metric-filter.warm',
    runs: 1000,
    params: 20,
    metrics: 10,
    filter,
    hits,
    medianMs: median(warms),
    goal: '< 100 ms',
  });
}

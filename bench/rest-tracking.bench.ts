// Tracking on an MLflow server over REST (Node, loopback, against the test suite's stand-in server):
// what the network path costs next to the in-memory store. The stand-in answers in microseconds, so
// those figures are Kiroku's side — batching, JSON, request count; a second stand-in answers each
// request 20 ms later, as a server across a network would, where the number of requests decides.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { report, round } from './report';
import { startMlflowTestServer } from '../test/interop/mlflow-test-server';
import { Fluent } from '../src/tracking/fluent';
import { modelApi } from '../src/logged-model/api';
import { autolog } from '../src/autolog/index';
import { syncRuns } from '../src/interop/rest/sync';
import { ElasticNet } from '../src/ml/index';
import { readCSV } from '../src/data/csv';
import '../src/interop/rest/schemes';

const server = await startMlflowTestServer();
const far = await startMlflowTestServer({ latencyMs: 20 });
const requests = (suffix: string) => server.calls.filter((c) => c.endsWith(suffix)).length;
let n = 0;
const label = (target: string) =>
  target === 'memory' ? 'memory-store' : target === server.url ? 'rest-store' : 'rest-store-20ms';

function api(uri: string) {
  const fluent = new Fluent(`memory:bench-${++n}`);
  if (uri !== 'memory') fluent.setTrackingUri(uri, { retries: 0 });
  return Object.assign(fluent, modelApi(fluent));
}

// 1. 100,000 points of one metric, logged without awaiting each, until durable.
const POINTS = 100_000;
for (const target of ['memory', server.url, far.url]) {
  const mlflow = api(target);
  await mlflow.startRun();
  const before = requests('/runs/log-batch');
  const t0 = performance.now();
  for (let i = 0; i < POINTS; i++) void mlflow.logMetric('loss', 1 / (i + 1), { step: i });
  await mlflow.flush();
  const ms = performance.now() - t0;
  await mlflow.endRun();
  report({
    bench: `rest.log-metrics.${label(target)}`,
    points: POINTS,
    ms: round(ms, 1),
    pointsPerSecond: Math.round(POINTS / (ms / 1000)),
    ...(target === server.url ? { logBatchRequests: requests('/runs/log-batch') - before } : {}),
  });
}

// 2. An autologged ElasticNet fit on wine-quality: fit until the run is complete on the server.
const wineText = await readFile(resolve(import.meta.dirname, '../../shared/data/winequality-red.csv'), 'utf8').catch(
  () => null,
);
if (wineText) {
  const df = await readCSV(wineText);
  const X = df.drop({ columns: ['quality'] });
  const y = df.column('quality');
  for (const target of ['memory', server.url, far.url]) {
    const mlflow = api(target);
    autolog(mlflow, { silent: true });
    const times: number[] = [];
    const callsBefore = server.calls.length;
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      new ElasticNet({ alpha: 0.02, l1Ratio: 0.5 }).fit(X, y);
      await mlflow.flush();
      times.push(performance.now() - t0);
    }
    autolog(mlflow, { disable: true });
    times.sort((a, b) => a - b);
    report({
      bench: `rest.autolog-fit.${label(target)}`,
      dataset: 'winequality-red',
      medianMs: round(times[3]!, 1),
      minMs: round(times[0]!, 1),
      ...(target === server.url
        ? { requestsPerFit: round((server.calls.length - callsBefore) / times.length, 1) }
        : {}),
    });
  }
} else {
  report({ bench: 'rest.autolog-fit', skipped: '../shared/data/winequality-red.csv not found' });
}

// 3. Sync a local run (20 params, 10,000 points, 3 artifacts) to the server, then again (nothing new).
{
  const local = api('memory');
  const runId = await local.startRun({}, async (run) => {
    await local.logParams(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p${i}`, i])));
    for (let i = 0; i < 10_000; i++) void local.logMetric('loss', 1 / (i + 1), { step: i });
    for (let i = 0; i < 3; i++) await local.logText('x'.repeat(10_000), `files/f${i}.txt`);
    return run.info.runId;
  });
  for (const target of [server.url, far.url]) {
    for (const pass of ['first', 'resumed']) {
      const t0 = performance.now();
      const r = await syncRuns(local.client(), { baseUrl: target, runIds: [runId], retries: 0 });
      report({
        bench: `rest.sync.${label(target)}.${pass}`,
        ms: round(performance.now() - t0, 1),
        metricPointsSent: r.synced[0]?.metricPointsSent,
        artifactsSent: r.synced[0]?.artifactsSent,
        failed: r.failed.length,
      });
    }
  }
}

// 4. Searching 500 runs of an experiment on the server (runs/search pages, filtered here).
{
  const mlflow = api(server.url);
  const exp = await mlflow.createExperiment('bench-search');
  await mlflow.setExperiment({ experimentId: exp });
  for (let i = 0; i < 500; i++) {
    await mlflow.startRun({}, async () => {
      await mlflow.logParams({ p1: i % 7 });
      await mlflow.logMetric('m3', (i % 100) / 100);
    });
  }
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    found = (await mlflow.searchRuns({ filter: "metrics.m3 > 0.5 and params.p1 != '3'", orderBy: ['metrics.m3 DESC'] }))
      .length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  report({ bench: 'rest.search-runs', runs: 500, found, medianMs: round(times[2]!, 1), minMs: round(times[0]!, 1) });
}

await server.close();
await far.close();

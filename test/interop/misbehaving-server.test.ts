// A server whose listings never end — a next_page_token on every answer (the token ignored), or an
// artifact folder that contains itself — is read a bounded number of times and then refused, saying
// why; before, the store asked again and again (hundreds of requests a second) and the view loaded
// forever.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../src/interop/rest/schemes';
import { Fluent } from '../../src/tracking/fluent';
import { closeStores } from '../../src/tracking/uri';
import { RestTrackingStore } from '../../src/interop/rest/tracking-store';
import { RestRegistryStore } from '../../src/interop/rest/registry-store';
import { syncRuns } from '../../src/interop/rest/sync';
import { loadAllRuns } from '../../src/ui/tracking/runs-view';
import { PAGING_LOOP } from '../../src/lib/paging';
import { CANCELLED, cancelWaits, currentWaits } from '../../src/lib/waits';
import { startMlflowTestServer, type MlflowTestServer, type MlflowTestServerOptions } from './mlflow-test-server';

let server: MlflowTestServer;
let options: MlflowTestServerOptions;
let runId: string;

beforeEach(async () => {
  options = {};
  server = await startMlflowTestServer(options);
  // A well-behaved start: an experiment, a run with a metric history and artifacts, a registered model.
  const mlflow = new Fluent('memory:seed');
  mlflow.setTrackingUri(server.url, { retries: 0 });
  await mlflow.setExperiment('wine');
  runId = await mlflow.startRun({ runName: 'r' }, async (run) => {
    for (let step = 0; step < 3; step++) await mlflow.logMetric('loss', 1 / (step + 1), { step });
    await mlflow.logText('a', 'notes/a.txt');
    return run.info.runId;
  });
  const registry = new RestRegistryStore(server.url, () => ({ baseUrl: server.url, retries: 0 }));
  await registry.createRegisteredModel('wine', {});
});
afterEach(async () => {
  await closeStores();
  await server.close();
});

const store = () => new RestTrackingStore(server.url, () => ({ baseUrl: server.url, retries: 0 }));
const registry = () => new RestRegistryStore(server.url, () => ({ baseUrl: server.url, retries: 0 }));

/** Requests made by `fn`, and its error. */
async function attempt(fn: () => Promise<unknown>): Promise<{ error: Error & { code?: string }; requests: number }> {
  const start = server.calls.length;
  const error = await fn().then(
    () => new Error('it ended'),
    (e: Error) => e,
  );
  return { error, requests: server.calls.length - start };
}

describe('a next_page_token on every answer', () => {
  it.each(['same', 'fresh'] as const)('stops each listing within a few pages (%s token) and says why', async (kind) => {
    options.misbehave = { endlessPages: kind };
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['experiments/search', () => store().listExperiments()],
      ['runs/search', () => store().listRuns(['1'])],
      ['metrics/get-history', () => store().getMetricHistory(runId, 'loss')],
      ['registered-models/search', () => registry().listRegisteredModels()],
      ['model-versions/search', () => registry().listModelVersions()],
    ];
    for (const [endpoint, fn] of cases) {
      const { error, requests } = await attempt(fn);
      expect(error.code, endpoint).toBe(PAGING_LOOP);
      // A list with items repeats at page 2; an empty one (no versions here) names next pages three times.
      expect(error.message, endpoint).toMatch(
        new RegExp(
          `^The answers to ${endpoint} never end: (page 2 (names next_page_token 'again' again|holds '.+' again, ` +
            `from an earlier page|is an earlier page again)|3 empty pages in a row each name a next page)\\. ` +
            `Stopped reading`,
        ),
      );
      expect(requests, endpoint).toBeLessThanOrEqual(3);
    }
  });

  it('stops a view reading every run through the client, and Sync reading a remote history', async () => {
    options.misbehave = { endlessPages: 'fresh' };
    const mlflow = new Fluent('memory:view');
    mlflow.setTrackingUri(server.url, { retries: 0 });
    const { error, requests } = await attempt(() => loadAllRuns(mlflow.client(), ['1'], false));
    expect(error.code).toBe(PAGING_LOOP);
    expect(error.message).toContain(`The answers to the runs search never end: page 2 holds '${runId}' again`);
    expect(requests).toBe(2);

    // A sync that resumes a run reads how much of its history the server has.
    options.misbehave = undefined;
    const local = new Fluent('memory:to-sync');
    const localRun = await local.startRun({ runName: 'to sync' }, async (run) => {
      await local.logMetric('loss', 0.5);
      return run.info.runId;
    });
    const first = await syncRuns(local.client(), { baseUrl: server.url, runIds: [localRun], retries: 0 });
    expect(first.failed).toEqual([]);
    options.misbehave = { endlessPages: 'fresh' };
    const start = server.calls.length;
    const again = await syncRuns(local.client(), { baseUrl: server.url, runIds: [localRun], retries: 0 });
    expect(again.failed).toEqual([
      {
        runId: localRun,
        code: PAGING_LOOP,
        error: expect.stringContaining('The answers to metrics/get-history never end: page 2 is an earlier page again'),
      },
    ]);
    expect(server.calls.length - start).toBeLessThan(20);
  });
});

describe('an artifact folder that contains itself', () => {
  it('stops a folder listed inside itself as deep as any real run goes, saying so', async () => {
    options.misbehave = { folderContainingItself: { name: 'loop', kind: 'nested' } };
    const { error, requests } = await attempt(() => store().listArtifactPaths(runId));
    expect(error.code).toBe(PAGING_LOOP);
    expect(error.message).toMatch(/^The server's artifact folders go deeper than 32 levels \('loop\/loop\/loop/);
    expect(requests).toBeLessThan(40);
  });

  it('stops a folder that lists itself at once', async () => {
    options.misbehave = { folderContainingItself: { name: 'self', kind: 'same' } };
    const { error, requests } = await attempt(() => store().listArtifactPaths(runId));
    expect(error.message).toBe(
      "The server listed 'self' as inside the artifact folder 'self', which it is not. Stopped listing.",
    );
    expect(requests).toBeLessThan(6);
  });

  it('still lists a well-behaved run', async () => {
    expect(await store().listArtifactPaths(runId)).toEqual([{ path: 'notes/a.txt', size: 1 }]);
    expect((await store().getMetricHistory(runId, 'loss')).map((m) => m.step)).toEqual([0, 1, 2]);
  });
});

describe('a server that answers the connection check and then hangs', () => {
  it('makes every wait on it visible and cancellable, through timeouts and retries', async () => {
    server.failures.push({ match: 'POST /api/2.0/mlflow/runs/search', hang: true, times: 100 });
    const patient = new RestTrackingStore(server.url, () => ({ baseUrl: server.url, retries: 5, timeoutMs: 15_000 }));
    const host = new URL(server.url).host;
    const loading = patient.listRuns(['1']).then(
      () => null,
      (e: Error & { code?: string }) => e,
    );
    await expect.poll(() => currentWaits().map((w) => w.what)).toEqual([host]);
    cancelWaits();
    const error = await loading;
    expect(error).toMatchObject({ code: CANCELLED, message: `Cancelled: stopped waiting for ${host}.` });
    expect(currentWaits()).toEqual([]);
    // Other calls are unaffected, and a call's own signal still cancels it with its own message.
    expect((await store().listExperiments()).map((e) => e.name)).toContain('wine');
    const own = new AbortController();
    const mine = new RestTrackingStore(server.url, () => ({ baseUrl: server.url, retries: 5, signal: own.signal }));
    const waiting = mine.listRuns(['1']).then(
      () => null,
      (e: Error) => e,
    );
    await expect.poll(() => currentWaits().length).toBe(1);
    own.abort();
    expect((await waiting)?.message).toBe('Cancelled.');
    expect(currentWaits()).toEqual([]);
  });

  it('a download that stalls after its first bytes is part of the wait', async () => {
    server.failures.push({ match: 'GET /api/2.0/mlflow-artifacts/artifacts/', stall: true, times: 1 });
    const host = new URL(server.url).host;
    const reading = store()
      .getArtifact(runId, 'notes/a.txt')
      .then(
        () => null,
        (e: Error & { code?: string }) => e,
      );
    await expect.poll(() => currentWaits().length).toBe(1);
    cancelWaits();
    expect(await reading).toMatchObject({ code: CANCELLED, message: `Cancelled: stopped waiting for ${host}.` });
  });
});

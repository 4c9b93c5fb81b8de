// Sync to MLflow against a local server that follows MLflow's REST API reference: what arrives, the
// limits per call, server errors as they are, retries after 503s and timeouts, and a resumed sync.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Fluent } from '../../src/tracking/fluent';
import { closeStores } from '../../src/tracking/uri';
import { syncRuns, syncTagKey } from '../../src/interop/rest/sync';
import { startMlflowTestServer } from './mlflow-test-server';
import { RegistryClient } from '../../src/registry/client';
import { MemoryRegistryStore } from '../../src/registry/memory-store';

let server: Awaited<ReturnType<typeof startMlflowTestServer>>;
let mlflow: Fluent;
let n = 0;

beforeEach(async () => {
  server = await startMlflowTestServer();
  mlflow = new Fluent(`memory:sync-${++n}`);
});
afterEach(async () => {
  await server.close();
  await closeStores();
});

async function seedRun(points = 2500) {
  await mlflow.setExperiment('wine');
  return mlflow.startRun({ runName: 'enet' }, async (run) => {
    await mlflow.logParams({ alpha: 0.02, l1_ratio: 0.5 });
    await mlflow.setTag('team', 'ml');
    for (let i = 0; i < points; i++) void mlflow.logMetric('loss', 1 / (i + 1), { step: i, timestamp: 1000 + i });
    await mlflow.logMetric('r2', 0.36);
    await mlflow.logText('hello', 'notes/hello.txt');
    await mlflow.logInput({ name: 'wine', digest: 'abc12345', sourceType: 'local', source: 'wine.csv' }, 'train');
    return run.info.runId;
  });
}

const opts = () => ({ baseUrl: server.url, backoffMs: 5, timeoutMs: 300 });

describe('Sync to MLflow', () => {
  it('copies a run — params, tags, full histories in calls of at most 1000 metrics, inputs, artifacts, status', async () => {
    const runId = await seedRun();
    const progress: string[] = [];
    const report = await syncRuns(mlflow.client(), { ...opts(), runIds: [runId], onProgress: (e) => progress.push(e.stage) });
    expect(report.failed).toEqual([]);
    const [synced] = report.synced;
    expect(synced).toMatchObject({ runId, createdRemotely: true, metricPointsSent: 2501, artifactsSent: 1 });
    const remote = server.runs.get(synced!.remoteRunId)!;
    expect(remote.info).toMatchObject({ run_name: 'enet', status: 'FINISHED', experiment_id: '1' });
    expect(Object.fromEntries(remote.params)).toEqual({ alpha: '0.02', l1_ratio: '0.5' });
    expect(remote.tags.get('team')).toBe('ml');
    expect(remote.metrics.filter((m) => m.key === 'loss').map((m) => m.step)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    expect(remote.inputs).toHaveLength(1);
    expect(server.artifacts.get(`1/${synced!.remoteRunId}/artifacts/notes/hello.txt`)?.toString()).toBe('hello');
    const batches = server.calls.filter((c) => c.endsWith('/runs/log-batch')).length;
    expect(batches).toBe(1 /* params and tags */ + 3 /* 2500 loss points */ + 1 /* r2 */);
    expect((await mlflow.getRun(runId)).data.tags[syncTagKey(server.url)]).toBe(synced!.remoteRunId);
    expect(progress.at(-1)).toBe('done');
  });

  it("passes the server's error_code and message on as they are", async () => {
    const runId = await seedRun(3);
    const first = await syncRuns(mlflow.client(), { ...opts(), runIds: [runId] });
    const remote = server.runs.get(first.synced[0]!.remoteRunId)!;
    remote.params.set('alpha', '0.9'); // the server now disagrees with the local value
    const report = await syncRuns(mlflow.client(), { ...opts(), runIds: [runId] });
    expect(report.failed).toEqual([{
      runId, code: 'INVALID_PARAMETER_VALUE',
      error: `Changing param values is not allowed. Param with key='alpha' was already logged with value='0.9' for run ID='${remote.info.run_id}'. Attempted logging new value '0.02'.`,
    }]);
  });

  it('retries 503s and timeouts with backoff', async () => {
    const runId = await seedRun(3);
    server.failures.push({ match: 'POST /api/2.0/mlflow/runs/create', status: 503, times: 2 });
    server.failures.push({ match: 'POST /api/2.0/mlflow/runs/update', hang: true, times: 1 });
    const report = await syncRuns(mlflow.client(), { ...opts(), runIds: [runId] });
    expect(report.failed).toEqual([]);
    expect(server.calls.filter((c) => c.endsWith('/runs/create')).length).toBe(3);
    expect(server.runs.size).toBe(1);
  });

  it('resumes after a failure without duplicating the run or its metric points', async () => {
    const runId = await seedRun();
    // The second batch of loss points fails for good (beyond the retries).
    server.failures.push({ match: 'POST /api/2.0/mlflow/runs/log-batch', status: 500, times: 10, after: 3 });
    const broken = await syncRuns(mlflow.client(), { ...opts(), retries: 1, runIds: [runId] });
    expect(broken.failed.map((f) => f.code)).toEqual(['TEMPORARILY_UNAVAILABLE']);
    server.failures.length = 0;
    const resumed = await syncRuns(mlflow.client(), { ...opts(), runIds: [runId] });
    expect(resumed.failed).toEqual([]);
    expect(resumed.synced[0]!.createdRemotely).toBe(false);
    expect(server.runs.size).toBe(1);
    const remote = [...server.runs.values()][0]!;
    expect(remote.metrics.filter((m) => m.key === 'loss').map((m) => m.step)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    expect(remote.info.status).toBe('FINISHED');
  });

  it('says how to reach a server that is not there', async () => {
    const runId = await seedRun(3);
    const report = await syncRuns(mlflow.client(), { baseUrl: 'http://127.0.0.1:1', retries: 0, runIds: [runId] });
    expect(report.failed[0]!.code).toBe('NETWORK_ERROR');
    expect(report.failed[0]!.error).toMatch(/Check that the server is running and allows requests from this page \(CORS\)/);
  });

  it("registers the runs' model versions and aliases on the server, once", async () => {
    const runId = await seedRun(3);
    const registry = new RegistryClient(new MemoryRegistryStore(), () => 'ada');
    await registry.createRegisteredModel('wine', { description: 'red wine' });
    await registry.createModelVersion('wine', `runs:/${runId}/model`, { runId, tags: { validated: 'yes' } });
    await registry.setRegisteredModelAlias('wine', 'champion', '1');
    // A version of another run is not this sync's business.
    await registry.createModelVersion('wine', `runs:/${'e'.repeat(32)}/model`, { runId: 'e'.repeat(32) });

    const first = await syncRuns(mlflow.client(), { ...opts(), runIds: [runId], registry });
    expect(first.failed).toEqual([]);
    const remoteRunId = first.synced[0]!.remoteRunId;
    expect(first.synced[0]!.modelVersionsSent).toBe(1);
    const model = server.registeredModels.get('wine')!;
    expect(model.description).toBe('red wine');
    expect([...model.versions.values()].map((v) => [v.version, v.source, v.run_id, Object.fromEntries(v.tags)])).toEqual([
      ['1', `runs:/${remoteRunId}/model`, remoteRunId, { validated: 'yes' }],
    ]);
    expect(Object.fromEntries(model.aliases)).toEqual({ champion: '1' });

    const again = await syncRuns(mlflow.client(), { ...opts(), runIds: [runId], registry });
    expect(again.synced[0]!.modelVersionsSent).toBe(0);
    expect(again.synced[0]!.artifactsSent).toBe(0); // notes/hello.txt is there already, same size
    expect(model.versions.size).toBe(1);
  });
});

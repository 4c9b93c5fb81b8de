// Sync to MLflow against a local server that follows MLflow's REST API reference: what arrives, the
// limits per call, server errors as they are, retries after 503s and timeouts, and a resumed sync.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Fluent } from '../../src/tracking/fluent';
import { closeStores } from '../../src/tracking/uri';
import { syncRuns, syncTagKey } from '../../src/interop/rest/sync';
import { startMlflowTestServer } from './mlflow-test-server';
import { closedPort } from './closed-port';
import { RegistryClient } from '../../src/model-registry/client';
import { MemoryRegistryStore } from '../../src/model-registry/memory-store';
import { modelApi } from '../../src/logged-model/api';
import { Ridge } from '../../src/ml/index';
import { importMlruns } from '../../src/interop/mlruns/import';
import { strToU8, zipSync } from 'fflate';

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

// The default timeout (15 s): a short one would time out a slow but answered call on a busy machine, and its
// retry would send the same metric points again. Only the test of a hanging server sets a short timeout.
const opts = () => ({ baseUrl: server.url, backoffMs: 5 });

describe('Sync to MLflow', () => {
  it('copies a run: params, tags, full histories in calls of ≤ 1000 metrics, inputs, artifacts, status', async () => {
    const runId = await seedRun();
    const progress: string[] = [];
    const report = await syncRuns(mlflow.client(), {
      ...opts(),
      runIds: [runId],
      onProgress: (e) => progress.push(e.stage),
    });
    expect(report.failed).toEqual([]);
    const [synced] = report.synced;
    expect(synced).toMatchObject({ runId, createdRemotely: true, metricPointsSent: 2501, artifactsSent: 1 });
    const remote = server.runs.get(synced!.remoteRunId)!;
    expect(remote.info).toMatchObject({ run_name: 'enet', status: 'FINISHED', experiment_id: '1' });
    expect(Object.fromEntries(remote.params)).toEqual({ alpha: '0.02', l1_ratio: '0.5' });
    expect(remote.tags.get('team')).toBe('ml');
    expect(remote.metrics.filter((m) => m.key === 'loss').map((m) => m.step)).toEqual(
      Array.from({ length: 2500 }, (_, i) => i),
    );
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
    expect(report.failed).toEqual([
      {
        runId,
        code: 'INVALID_PARAMETER_VALUE',
        error:
          `Changing param values is not allowed. Param with key='alpha' was already logged with value='0.9' ` +
          `for run ID='${remote.info.run_id}'. Attempted logging new value '0.02'.`,
      },
    ]);
  });

  it('retries 503s and timeouts with backoff', async () => {
    const runId = await seedRun(3);
    server.failures.push({ match: 'POST /api/2.0/mlflow/runs/create', status: 503, times: 2 });
    server.failures.push({ match: 'POST /api/2.0/mlflow/runs/update', hang: true, times: 1 });
    const report = await syncRuns(mlflow.client(), { ...opts(), timeoutMs: 2_000, runIds: [runId] });
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
    expect(remote.metrics.filter((m) => m.key === 'loss').map((m) => m.step)).toEqual(
      Array.from({ length: 2500 }, (_, i) => i),
    );
    expect(remote.info.status).toBe('FINISHED');
  });

  it('ends the remote run FAILED when an artifact fails part-way; a later sync resumes it to FINISHED', async () => {
    const runId = await seedRun(3);
    await mlflow.startRun({ runId }, async () => {
      for (let i = 0; i < 6; i++) await mlflow.logText(`part ${i}`, `parts/${i}.txt`);
    });
    // The third upload fails for good (beyond the retries); others may have gone through.
    server.failures.push({ match: 'PUT /api/2.0/mlflow-artifacts/artifacts/', status: 500, times: 100, after: 2 });
    const broken = await syncRuns(mlflow.client(), { ...opts(), retries: 1, runIds: [runId] });
    expect(broken.failed.map((f) => f.code)).toEqual(['TEMPORARILY_UNAVAILABLE']);
    const remote = [...server.runs.values()][0]!;
    expect(remote.info.status).toBe('FAILED');
    expect(remote.info.end_time).toBe((await mlflow.getRun(runId)).info.endTime);
    server.failures.length = 0;
    const resumed = await syncRuns(mlflow.client(), { ...opts(), runIds: [runId] });
    expect(resumed.failed).toEqual([]);
    expect(resumed.synced[0]).toMatchObject({ createdRemotely: false, remoteRunId: remote.info.run_id });
    expect(server.runs.size).toBe(1);
    expect(remote.info.status).toBe('FINISHED');
    const root = `${remote.info.experiment_id}/${remote.info.run_id}/artifacts`;
    expect([...server.artifacts.keys()].filter((k) => k.startsWith(`${root}/parts/`)).length).toBe(6);
  });

  it('ends the remote run KILLED when the sync is cancelled part-way', async () => {
    const runId = await seedRun(3);
    const controller = new AbortController();
    await expect(
      syncRuns(mlflow.client(), {
        ...opts(),
        runIds: [runId],
        signal: controller.signal,
        onProgress: (e) => e.stage === 'artifacts' && controller.abort(),
      }),
    ).rejects.toThrow('Cancelled.');
    expect([...server.runs.values()].map((r) => r.info.status)).toEqual(['KILLED']);
  });

  it("refuses, before sending anything, a run with an artifact path MLflow's server refuses", async () => {
    const run = 'cd'.repeat(16);
    // Imported from a file store, which keeps any name: logging it here would have been refused.
    await importMlruns(
      mlflow.client(),
      zipSync({
        'mlruns/1/meta.yaml': strToU8(
          "artifact_location: file:///home/u/mlruns/1\nexperiment_id: '1'\nlifecycle_stage: active\nname: imported\n",
        ),
        [`mlruns/1/${run}/meta.yaml`]: strToU8(
          `experiment_id: '1'\nlifecycle_stage: active\nrun_id: ${run}\nstart_time: 1700000000000\nend_time: ` +
            `1700000001000\nstatus: 3\nuser_id: ada\n`,
        ),
        [`mlruns/1/${run}/artifacts/plots/loss #1.png`]: strToU8('png'),
      }),
    );
    const report = await syncRuns(mlflow.client(), { ...opts(), runIds: [run] });
    expect(report.failed).toEqual([
      {
        runId: run,
        code: 'INVALID_PARAMETER_VALUE',
        error:
          "Invalid path: 'plots/loss #1.png'. MLflow's tracking server refuses artifact paths with '#' " +
          '(validate_path_is_safe); name the file without it.',
      },
    ]);
    expect(server.runs.size).toBe(0);
    expect(server.calls.filter((c) => c.startsWith('POST'))).toEqual([]);
  });

  it("rewrites a synced model's MLmodel and history to name the remote run, also over an earlier copy", async () => {
    const models = Object.assign(mlflow, modelApi(mlflow));
    await models.setExperiment('wine');
    const model = new Ridge({ alpha: 0.5 }).fit(
      [
        [1, 2],
        [2, 1],
        [3, 5],
        [4, 4],
      ],
      [1, 2, 3, 4],
    );
    const runId = await models.startRun({}, async (run) => {
      await models.logModel(model, 'model');
      await models.logModel(model, 'models/second');
      return run.info.runId;
    });
    const localMLmodel = await (await models.getArtifact(runId, 'model/MLmodel')).text();
    expect(localMLmodel).toContain(`run_id: ${runId}\n`);
    const report = await syncRuns(mlflow.client(), { ...opts(), runIds: [runId] });
    expect(report.failed).toEqual([]);
    const remoteId = report.synced[0]!.remoteRunId;
    const remote = server.runs.get(remoteId)!;
    const root = `${remote.info.experiment_id}/${remoteId}/artifacts`;
    for (const folder of ['model', 'models/second']) {
      const text = server.artifacts.get(`${root}/${folder}/MLmodel`)!.toString();
      expect(parse(text).run_id, folder).toBe(remoteId);
      expect(text.includes(runId), folder).toBe(false);
    }
    // Only the run id changed, byte for byte.
    expect(server.artifacts.get(`${root}/model/MLmodel`)!.toString()).toBe(
      localMLmodel.replace(`run_id: ${runId}`, `run_id: ${remoteId}`),
    );
    const history = JSON.parse(remote.tags.get('mlflow.log-model.history')!) as Array<{
      run_id: string;
      artifact_path: string;
    }>;
    expect(history.map((h) => [h.run_id, h.artifact_path])).toEqual([
      [remoteId, 'model'],
      [remoteId, 'models/second'],
    ]);
    // The local run keeps its own id.
    expect(JSON.parse((await mlflow.getRun(runId)).data.tags['mlflow.log-model.history']!)[0].run_id).toBe(runId);

    // An earlier sync left an MLmodel naming the local run (the same size): a resumed sync corrects it.
    server.artifacts.set(`${root}/model/MLmodel`, Buffer.from(localMLmodel));
    const again = await syncRuns(mlflow.client(), { ...opts(), runIds: [runId] });
    expect(again.synced[0]!.artifactsSent).toBe(1);
    expect(parse(server.artifacts.get(`${root}/model/MLmodel`)!.toString()).run_id).toBe(remoteId);
    expect((await syncRuns(mlflow.client(), { ...opts(), runIds: [runId] })).synced[0]!.artifactsSent).toBe(0);
  });

  it('says why a server cannot be reached', async () => {
    const runId = await seedRun(3);
    const gone = `http://127.0.0.1:${await closedPort()}`;
    const refused = await syncRuns(mlflow.client(), { baseUrl: gone, retries: 0, runIds: [runId] });
    expect(refused.failed[0]!.code).toBe('NETWORK_ERROR');
    expect(refused.failed[0]!.error).toBe(
      `The connection to ${new URL(gone).host} was refused: nothing is listening there. Check that the MLflow ` +
        `server is running (mlflow server --port ${new URL(gone).port}) and that the URL is right.`,
    );
    const blocked = await syncRuns(mlflow.client(), { baseUrl: 'http://127.0.0.1:6000', retries: 0, runIds: [runId] });
    expect(blocked.failed[0]!.error).toMatch(/^Port 6000 is blocked by browsers and fetch/);
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
    expect(
      [...model.versions.values()].map((v) => [v.version, v.source, v.run_id, Object.fromEntries(v.tags)]),
    ).toEqual([['1', `runs:/${remoteRunId}/model`, remoteRunId, { validated: 'yes' }]]);
    expect(Object.fromEntries(model.aliases)).toEqual({ champion: '1' });

    const again = await syncRuns(mlflow.client(), { ...opts(), runIds: [runId], registry });
    expect(again.synced[0]!.modelVersionsSent).toBe(0);
    expect(again.synced[0]!.artifactsSent).toBe(0); // notes/hello.txt is there already, same size
    expect(model.versions.size).toBe(1);
  });
});

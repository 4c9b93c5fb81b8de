// `mlflow.setTrackingUri('http://…')`: the whole API — manual runs, autolog, logged models, loading
// and the registry — against a local server that follows MLflow's REST API 2.0 reference, including
// its errors, timeouts and retries.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ElasticNet } from '../../src/ml/index';
import '../../src/interop/rest/schemes';
import { closeStores } from '../../src/tracking/uri';
import { closeRegistryStores } from '../../src/model-registry/uri';
import { MlflowServerError } from '../../src/interop/rest/http';
import { setClock } from '../../src/lib/time';
import { autologged, wine } from '../autolog/helpers';
import { startMlflowTestServer } from './mlflow-test-server';
import { registerModelAsMlflowPython } from './mlflow-python-client';
import { closedPort } from './closed-port';

let server: Awaited<ReturnType<typeof startMlflowTestServer>>;

beforeEach(async () => {
  server = await startMlflowTestServer();
});
afterEach(async () => {
  await closeStores();
  await closeRegistryStores();
  await server.close();
});

/** The public API on the test server, failing fast (tests of retries set their own). */
function onServer(options: { autolog?: boolean; retries?: number; timeoutMs?: number } = {}) {
  const mlflow = autologged({ disable: !options.autolog });
  mlflow.setTrackingUri(server.url, {
    retries: options.retries ?? 0,
    backoffMs: 5,
    timeoutMs: options.timeoutMs ?? 2000,
  });
  return mlflow;
}

describe('REST tracking store through the fluent API', () => {
  it('logs a run where the server chooses its id: params, tags, a long metric history, text, status', async () => {
    const mlflow = onServer();
    await mlflow.setExperiment('wine');
    const run = await mlflow.startRun({ runName: 'enet' });
    const runId = run.info.runId;
    expect(server.runs.has(runId)).toBe(true);
    await mlflow.logParams({ alpha: 0.02, l1_ratio: 0.5 });
    await mlflow.setTag('team', 'ml');
    for (let i = 0; i < 2500; i++) void mlflow.logMetric('loss', 1 / (i + 1), { step: i });
    await mlflow.logText('hello', 'notes/hello.txt');
    await mlflow.endRun();

    const remote = server.runs.get(runId)!;
    expect(remote.info).toMatchObject({ run_name: 'enet', status: 'FINISHED' });
    expect(Object.fromEntries(remote.params)).toEqual({ alpha: '0.02', l1_ratio: '0.5' });
    expect(remote.tags.get('team')).toBe('ml');
    expect(remote.tags.get('mlflow.runName')).toBe('enet');
    expect(remote.metrics.map((m) => m.step)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    // Every log-batch call within MLflow's limit of 1000 metrics.
    expect(server.calls.filter((c) => c.endsWith('/runs/log-batch')).length).toBeGreaterThanOrEqual(3);

    const read = await mlflow.getRun(runId);
    expect(read.data.metrics.loss).toBe(1 / 2500);
    expect((await mlflow.getMetricHistory(runId, 'loss')).length).toBe(2500);
    expect(await (await mlflow.getArtifact(runId, 'notes/hello.txt')).text()).toBe('hello');
    expect((await mlflow.listArtifacts(runId)).map((a) => [a.path, a.isDir])).toEqual([['notes', true]]);
    const found = await mlflow.searchRuns({ experimentNames: ['wine'], filter: "params.alpha = '0.02'" });
    expect(found.map((r) => r.info.runId)).toEqual([runId]);
  });

  it('autologs a fit into a server run whose logged model reloads and predicts the same', async () => {
    const mlflow = onServer({ autolog: true });
    const { X, y } = await wine();
    const model = new ElasticNet({ alpha: 0.02, l1Ratio: 0.5 }).fit(X, y);
    await mlflow.flush();
    const runId = mlflow.lastActiveRun()!.info.runId;
    const remote = server.runs.get(runId)!;
    expect(remote.info.status).toBe('FINISHED');
    expect(remote.params.get('alpha')).toBe('0.02');
    expect(remote.metrics.map((m) => m.key)).toContain('training_r2_score');
    expect(remote.inputs).toHaveLength(1);
    // The MLmodel names the server's run id: the run existed before the model was written.
    const mlmodel = await (await mlflow.getArtifact(runId, 'model/MLmodel')).text();
    expect(mlmodel).toContain(`run_id: ${runId}`);
    const loaded = await mlflow.loadModel(`runs:/${runId}/model`);
    expect(Array.from((await loaded.predict(X)) as ArrayLike<number>)).toEqual(Array.from(model.predict(X)));
  });

  it('registers a model version and an alias on the server, and loads models:/name@alias', async () => {
    const mlflow = onServer({ autolog: true });
    const { X, y } = await wine();
    const model = new ElasticNet().fit(X, y);
    await mlflow.flush();
    const runId = mlflow.lastActiveRun()!.info.runId;
    const version = await mlflow.registerModel(`runs:/${runId}/model`, 'wine');
    expect(version.version).toBe('1');
    await mlflow.setRegisteredModelAlias('wine', 'champion', '1');
    expect(server.registeredModels.get('wine')).toBeTruthy();
    const loaded = await mlflow.loadModel('models:/wine@champion');
    expect(Array.from((await loaded.predict(X)) as ArrayLike<number>)).toEqual(Array.from(model.predict(X)));
    expect((await mlflow.getModelVersionByAlias('wine', 'champion')).runId).toBe(runId);
  });

  it("loads a version MLflow's Python client registered (mlflow-artifacts:/…) by number, alias, latest", async () => {
    const mlflow = onServer({ autolog: true });
    const { X, y } = await wine();
    const model = new ElasticNet({ alpha: 0.05 }).fit(X, y);
    await mlflow.flush();
    const runId = mlflow.lastActiveRun()!.info.runId;
    const experimentId = server.runs.get(runId)!.info.experiment_id;
    // A teammate registers the run's model from Python, then a second version from the same run.
    const source = `mlflow-artifacts:/${experimentId}/${runId}/artifacts/model`;
    expect((await registerModelAsMlflowPython(server.url, `runs:/${runId}/model`, 'wine')).source).toBe(source);
    await registerModelAsMlflowPython(server.url, `runs:/${runId}/model`, 'wine');
    await mlflow.setRegisteredModelAlias('wine', 'champion', '1');
    const expected = Array.from(model.predict(X));
    for (const uri of ['models:/wine/1', 'models:/wine@champion', 'models:/wine/latest', source]) {
      const loaded = await mlflow.loadModel(uri);
      expect(Array.from((await loaded.predict(X)) as ArrayLike<number>), uri).toEqual(expected);
      expect(loaded.metadata, uri).toMatchObject({ runId, source, artifactPath: source });
      expect(await loaded.inputExample(), uri).toHaveLength(5);
    }
    // The version's files are read through the proxy, not through the run's listing.
    expect(server.calls).toContain(
      `GET /api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts/model/MLmodel`,
    );
    // A source naming the server's host, as mlflow-artifacts://host:port/… does, is read there.
    const withHost = `mlflow-artifacts://${new URL(server.url).host}/${experimentId}/${runId}/artifacts/model`;
    await fetch(`${server.url}/api/2.0/mlflow/model-versions/create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'wine', source: withHost, run_id: runId }),
    });
    expect(Array.from((await (await mlflow.loadModel('models:/wine/3')).predict(X)) as ArrayLike<number>)).toEqual(
      expected,
    );
    // A version whose source names another version follows it (a copied version, models:/…).
    await fetch(`${server.url}/api/2.0/mlflow/model-versions/create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'wine', source: 'models:/wine@champion' }),
    });
    expect(Array.from((await (await mlflow.loadModel('models:/wine/latest')).predict(X)) as ArrayLike<number>)).toEqual(
      expected,
    );
  });

  it('stores each artifact under the name logged, and refuses at log time what the server would refuse', async () => {
    const mlflow = onServer();
    const run = await mlflow.startRun();
    const root = `${run.info.experimentId}/${run.info.runId}/artifacts`;
    const names = [
      'a b.txt',
      '100%.txt',
      '%d-%m.csv',
      'résumé/日本.txt',
      'a;b/c?d.txt',
      'q=1&r=2.json',
      "it's (1).txt",
    ];
    for (const name of names) await mlflow.logText(name, name);
    expect(
      [...server.artifacts.keys()]
        .filter((k) => k.startsWith(root))
        .map((k) => k.slice(root.length + 1))
        .sort(),
    ).toEqual([...names].sort());
    for (const name of names) expect(await (await mlflow.getArtifact(run.info.runId, name)).text(), name).toBe(name);
    const before = server.calls.length;
    await expect(mlflow.logText('x', 'plots/a#1.txt')).rejects.toThrow(/^Invalid path: 'plots\/a#1\.txt'/);
    await expect(mlflow.logText('x', 'a%20b.txt')).rejects.toThrow(/^Invalid path: 'a%20b\.txt'/);
    expect(server.calls.slice(before)).toEqual([]);
    await mlflow.endRun();
  });

  it('searches on the server a page at a time, and runs a filter the server refuses (OR) itself', async () => {
    const mlflow = onServer();
    await mlflow.setExperiment('sweep');
    for (let i = 0; i < 30; i++) {
      await mlflow.startRun({ runName: `r${i}` }, async () => {
        await mlflow.logParam('p', i % 4);
        await mlflow.logMetric('m', i);
      });
    }
    const searches = () => server.requests.filter((r) => r.path.endsWith('/runs/search'));
    const before = searches().length;
    const filter = "metrics.m > 10 and params.p != '3'";
    const first = await mlflow.searchRuns({ filter, orderBy: ['metrics.m DESC'], maxResults: 5 });
    expect(first.map((r) => r.data.metrics.m)).toEqual([29, 28, 26, 25, 24]);
    expect(first.token).toBeTruthy();
    const second = await mlflow.searchRuns({
      filter,
      orderBy: ['metrics.m DESC'],
      maxResults: 5,
      pageToken: first.token,
    });
    expect(second.map((r) => r.data.metrics.m)).toEqual([22, 21, 20, 18, 17]);
    // One request per page, the filter and order sent as they are.
    expect(searches().length - before).toBe(2);
    expect(searches().at(-1)!.body).toMatchObject({ filter, order_by: ['metrics.m DESC'], max_results: 5 });

    const either = await mlflow.searchRuns({ filter: 'metrics.m < 2 or metrics.m > 27', orderBy: ['metrics.m ASC'] });
    expect(either.map((r) => r.data.metrics.m)).toEqual([0, 1, 28, 29]);
    // A filter that does not parse is refused here, with its position, before any request.
    const sent = searches().length;
    await expect(mlflow.searchRuns({ filter: 'metrics.m >' })).rejects.toThrow(/^Invalid comparison clause/);
    expect(searches().length).toBe(sent);
  });

  it("looks an experiment up once while runs start, and sees a teammate's rename a moment later", async () => {
    const mlflow = onServer();
    const exp = await mlflow.setExperiment('wine');
    const lookups = () => server.calls.filter((c) => /experiments\/get(-by-name)?$/.test(c)).length;
    const before = lookups();
    for (let i = 0; i < 3; i++) await mlflow.startRun({}, async () => {});
    expect(lookups() - before).toBeLessThanOrEqual(1);
    await fetch(`${server.url}/api/2.0/mlflow/experiments/update`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ experiment_id: exp.experimentId, new_name: 'red-wine' }),
    });
    const restore = setClock(() => Date.now() + 5000);
    try {
      expect((await mlflow.getExperiment(exp.experimentId))?.name).toBe('red-wine');
    } finally {
      restore();
    }
  });

  it("passes the server's error_code and message on as they are", async () => {
    const mlflow = onServer();
    await mlflow.startRun();
    await mlflow.logParam('alpha', '0.02');
    const refused = await mlflow.logParam('alpha', '0.5').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MlflowServerError);
    expect(refused).toMatchObject({ code: 'INVALID_PARAMETER_VALUE', status: 400 });
    expect((refused as Error).message).toMatch(
      /^Changing param values is not allowed. Param with key='alpha' was already logged with value='0.02'/,
    );
    await mlflow.endRun();
  });

  it('retries 503s and timeouts with backoff, then succeeds', async () => {
    // Long enough that only the hanging call times out, even on a busy machine.
    const mlflow = onServer({ retries: 3, timeoutMs: 2_000 });
    await mlflow.startRun();
    server.failures.push({ match: 'POST /api/2.0/mlflow/runs/log-batch', status: 503, times: 2 });
    server.failures.push({ match: 'POST /api/2.0/mlflow/runs/update', hang: true, times: 1 });
    await mlflow.logMetric('m', 1);
    await mlflow.endRun();
    const remote = [...server.runs.values()][0]!;
    expect(remote.metrics.map((m) => m.value)).toEqual([1]);
    expect(remote.info.status).toBe('FINISHED');
    expect(server.calls.filter((c) => c.endsWith('/runs/log-batch')).length).toBe(3);
  });

  it('gives up after the retries with the last error, and says how to reach a server that is not there', async () => {
    const mlflow = onServer({ retries: 1 });
    await mlflow.startRun();
    server.failures.push({ match: 'POST /api/2.0/mlflow/runs/log-batch', status: 503, times: 50 });
    const batches = () => server.calls.filter((c) => c.endsWith('/runs/log-batch')).length;
    const before = batches();
    // Calls queued together fail together: a server that is down is not asked again call by call.
    const calls = [mlflow.logParam('alpha', 1), mlflow.setTag('team', 'ml'), mlflow.logMetric('m', 1)];
    for (const call of calls)
      await expect(call).rejects.toMatchObject({ code: 'TEMPORARILY_UNAVAILABLE', status: 503 });
    expect(batches() - before).toBe(2); // the first try and one retry
    server.failures.length = 0;
    await mlflow.endRun();

    // A server that is not there: its port refuses connections.
    const offline = autologged({ disable: true });
    offline.setTrackingUri(`http://127.0.0.1:${await closedPort()}`, { retries: 0 });
    await expect(offline.startRun()).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      reason: 'refused',
      message: expect.stringMatching(/^The connection to 127\.0\.0\.1:\d+ was refused: nothing is listening there\./),
    });
  });

  it('sends the token given with the URI as a bearer token', async () => {
    const mlflow = autologged({ disable: true });
    mlflow.setTrackingUri(server.url, { token: 's3cret', retries: 0 });
    await mlflow.startRun();
    await mlflow.endRun();
    expect(server.authorizations.at(-1)).toBe('Bearer s3cret');
  });

  it("ends its own runs left RUNNING by a page that died, at their last activity; a teammate's stay", async () => {
    const dead = onServer();
    const mine = (await dead.startRun({ runName: 'mine' })).info.runId;
    await dead.logMetric('loss', 0.5, { timestamp: Date.now() + 60_000 });
    // A teammate's run on the same server, started by another client.
    const exp = (await dead.client().getExperimentByName('Default'))!.experimentId;
    const theirs = await fetch(`${server.url}/api/2.0/mlflow/runs/create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ experiment_id: exp, run_name: 'theirs', start_time: Date.now() }),
    })
      .then((r) => r.json())
      .then((j: { run: { info: { run_id: string } } }) => j.run.info.run_id);
    // The page "dies": its run stays RUNNING and its ownership goes with it.
    await dead.client().flush();
    const { runs } = dead as unknown as { runs: { stack: Array<{ release: () => void }> } };
    for (const e of runs.stack) e.release();
    await closeStores();

    const next = onServer();
    expect(await next.client().recoverOrphanedRuns()).toEqual([mine]);
    const ended = server.runs.get(mine)!.info;
    expect(ended.status).toBe('KILLED');
    expect(ended.end_time).toBe(server.runs.get(mine)!.metrics[0]!.timestamp);
    expect(server.runs.get(theirs)!.info.status).toBe('RUNNING');
    // Once ended, it is not this browser's to look after any more.
    await closeStores();
    expect(await onServer().client().recoverOrphanedRuns()).toEqual([]);
  });
});

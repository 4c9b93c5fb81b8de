// The MLflow stand-in itself, on the points where clients most often go wrong against a real server:
// the Default experiment, pagination, one-level artifact listings, JSON bodies on DELETE, absent empty
// fields, log-batch's limits and its all-or-nothing params, and MLflow's error codes and messages; and
// where real MLflow 2.x servers differ from the REST reference.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMlflowTestServer, type MlflowTestServer } from './mlflow-test-server';
import { registerModelAsMlflowPython } from './mlflow-python-client';

let server: MlflowTestServer;

beforeEach(async () => {
  server = await startMlflowTestServer();
});
afterEach(async () => {
  await server.close();
});

type Json = Record<string, any>;

/** One call: JSON body for POST/PATCH/DELETE, query string for GET. */
async function api(method: string, path: string, body?: Json): Promise<{ status: number; json: Json }> {
  const query = method === 'GET' && body ? `?${new URLSearchParams(body)}` : '';
  const res = await fetch(`${server.url}/api/2.0/mlflow/${path}${query}`, {
    method,
    ...(method !== 'GET' && body
      ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }
      : {}),
  });
  return { status: res.status, json: (await res.json()) as Json };
}

async function ok(method: string, path: string, body?: Json): Promise<Json> {
  const { status, json } = await api(method, path, body);
  expect(status, JSON.stringify(json)).toBe(200);
  return json;
}

async function newRun(experimentId = '0', startTime = 1000): Promise<string> {
  const { run } = await ok('POST', 'runs/create', {
    experiment_id: experimentId,
    user_id: 'ann',
    start_time: startTime,
  });
  return run.info.run_id as string;
}

describe('MLflow test server', () => {
  it('starts with experiment "0", "Default", like a real server, unless asked not to', async () => {
    const { experiment } = await ok('GET', 'experiments/get', { experiment_id: '0' });
    expect(experiment).toMatchObject({
      experiment_id: '0',
      name: 'Default',
      artifact_location: 'mlflow-artifacts:/0',
      lifecycle_stage: 'active',
    });
    expect(experiment).not.toHaveProperty('tags'); // empty lists are left out, as protobuf's JSON does
    expect(await ok('POST', 'experiments/create', { name: 'wine' })).toEqual({ experiment_id: '1' });
    expect(await api('POST', 'experiments/create', { name: 'wine' })).toEqual({
      status: 400,
      json: { error_code: 'RESOURCE_ALREADY_EXISTS', message: "Experiment 'wine' already exists." },
    });

    const bare = await startMlflowTestServer({ defaultExperiment: false });
    try {
      const res = await fetch(`${bare.url}/api/2.0/mlflow/experiments/create`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'wine' }),
      });
      expect(await res.json()).toEqual({ experiment_id: '0' });
    } finally {
      await bare.close();
    }
  });

  it('pages runs/search by opaque tokens, one for a full last page (as MLflow), honouring run_view_type', async () => {
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await newRun('0', 1000 + i));
    await ok('POST', 'runs/delete', { run_id: ids[0] });
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await ok('POST', 'runs/search', {
        experiment_ids: ['0'],
        run_view_type: 'ALL',
        max_results: 2,
        ...(token ? { page_token: token } : {}),
      });
      seen.push(...(page.runs ?? []).map((r: Json) => r.info.run_id));
      token = page.next_page_token;
      pages++;
    } while (token);
    expect(pages).toBe(3); // 2 + 2 + an empty page
    expect(seen).toEqual([...ids].reverse()); // newest start_time first
    const active = await ok('POST', 'runs/search', { experiment_ids: ['0'] });
    expect(active.runs.map((r: Json) => r.info.run_id)).toEqual([ids[3], ids[2], ids[1]]);
    const deleted = await ok('POST', 'runs/search', { experiment_ids: ['0'], run_view_type: 'DELETED_ONLY' });
    expect(deleted.runs.map((r: Json) => r.info.run_id)).toEqual([ids[0]]);
    expect(await api('POST', 'runs/search', { experiment_ids: ['0'], page_token: 'nonsense' })).toMatchObject({
      status: 400,
    });
  });

  it('filters runs/search on params, metrics, tags and attributes, ANDed', async () => {
    const a = await newRun();
    const b = await newRun();
    await ok('POST', 'runs/log-batch', {
      run_id: a,
      params: [{ key: 'alpha', value: '0.1' }],
      metrics: [{ key: 'r2', value: 0.9, timestamp: 1, step: 0 }],
    });
    await ok('POST', 'runs/log-batch', {
      run_id: b,
      params: [{ key: 'alpha', value: '0.2' }],
      metrics: [{ key: 'r2', value: 0.4, timestamp: 1, step: 0 }],
    });
    await ok('POST', 'runs/update', { run_id: b, status: 'FINISHED', end_time: 2000 });
    const search = async (filter: string) =>
      ((await ok('POST', 'runs/search', { experiment_ids: ['0'], filter })).runs ?? []).map((r: Json) => r.info.run_id);
    expect(await search("params.alpha = '0.1'")).toEqual([a]);
    expect(await search('metrics.r2 > 0.5')).toEqual([a]);
    expect(await search("attributes.status = 'FINISHED' and params.alpha LIKE '0.%'")).toEqual([b]);
    expect(await search("tags.`mlflow.user` = 'x'")).toEqual([]);
    expect(
      await api('POST', 'runs/search', {
        experiment_ids: ['0'],
        filter: "params.alpha = '0.1' OR params.alpha = '0.2'",
      }),
    ).toMatchObject({
      status: 400,
      json: { error_code: 'INVALID_PARAMETER_VALUE' },
    });
  });

  it('lists artifacts one level deep, for a run and through the proxy, and serves their bytes', async () => {
    const runId = await newRun();
    const root = `0/${runId}/artifacts`;
    const put = (path: string, text: string) =>
      fetch(`${server.url}/api/2.0/mlflow-artifacts/artifacts/${root}/${path}`, { method: 'PUT', body: text });
    await put('notes.txt', 'hello');
    await put('model/MLmodel', 'flavors: {}');
    await put('model/data/weights.bin', 'xyz');

    expect(await ok('GET', 'artifacts/list', { run_id: runId })).toEqual({
      root_uri: `mlflow-artifacts:/${root}`,
      files: [
        { path: 'model', is_dir: true },
        { path: 'notes.txt', is_dir: false, file_size: 5 },
      ],
    });
    expect((await ok('GET', 'artifacts/list', { run_id: runId, path: 'model' })).files).toEqual([
      { path: 'model/MLmodel', is_dir: false, file_size: 11 },
      { path: 'model/data', is_dir: true },
    ]);
    expect(await ok('GET', 'artifacts/list', { run_id: runId, path: 'nothing' })).toEqual({
      root_uri: `mlflow-artifacts:/${root}`,
    });

    const proxied = await fetch(
      `${server.url}/api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(`${root}/model`)}`,
    );
    expect(await proxied.json()).toEqual({
      files: [
        { path: 'MLmodel', is_dir: false, file_size: 11 },
        { path: 'data', is_dir: true },
      ],
    });

    const file = await fetch(`${server.url}/api/2.0/mlflow-artifacts/artifacts/${root}/notes.txt`);
    expect(file.headers.get('content-type')).toBe('text/plain');
    expect(await file.text()).toBe('hello');
    const missing = await fetch(`${server.url}/api/2.0/mlflow-artifacts/artifacts/${root}/missing.txt`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error_code: 'RESOURCE_DOES_NOT_EXIST' });
  });

  it("reads DELETE requests from a JSON body, as MLflow's Python client sends them", async () => {
    await ok('POST', 'registered-models/create', { name: 'wine' });
    const { model_version } = await ok('POST', 'model-versions/create', {
      name: 'wine',
      source: 'runs:/abc/model',
      run_id: 'abc',
    });
    expect(model_version).toMatchObject({
      name: 'wine',
      version: '1',
      status: 'READY',
      current_stage: 'None',
      run_id: 'abc',
    });
    expect(model_version).not.toHaveProperty('description');
    await ok('POST', 'registered-models/alias', { name: 'wine', alias: 'champion', version: '1' });
    expect(
      (await ok('GET', 'registered-models/alias', { name: 'wine', alias: 'champion' })).model_version,
    ).toMatchObject({ version: '1', aliases: ['champion'] });

    await ok('DELETE', 'registered-models/alias', { name: 'wine', alias: 'champion' });
    expect(await api('GET', 'registered-models/alias', { name: 'wine', alias: 'champion' })).toEqual({
      status: 404,
      json: {
        error_code: 'RESOURCE_DOES_NOT_EXIST',
        message: 'Registered model alias champion not found on model wine.',
      },
    });
    await ok('DELETE', 'model-versions/delete', { name: 'wine', version: '1' });
    expect((await api('GET', 'model-versions/get', { name: 'wine', version: '1' })).json.message).toBe(
      'Model Version (name=wine, version=1) not found',
    );
    // A deleted version's number is not given again.
    expect((await ok('POST', 'model-versions/create', { name: 'wine', source: 's' })).model_version.version).toBe('2');
    await ok('DELETE', 'registered-models/delete', { name: 'wine' });
    expect((await api('GET', 'registered-models/get', { name: 'wine' })).json.message).toBe(
      'Registered Model with name=wine not found',
    );
  });

  it('searches the registry by name and run id', async () => {
    for (const name of ['wine', 'wine-2', 'iris']) await ok('POST', 'registered-models/create', { name });
    await ok('POST', 'model-versions/create', { name: 'wine', source: 's', run_id: 'r1' });
    await ok('POST', 'model-versions/create', { name: 'wine', source: 's', run_id: 'r2' });
    const names = async (filter?: string) =>
      ((await ok('GET', 'registered-models/search', filter ? { filter } : {})).registered_models ?? []).map(
        (m: Json) => m.name,
      );
    expect(await names()).toEqual(['iris', 'wine', 'wine-2']);
    expect(await names("name = 'wine'")).toEqual(['wine']);
    expect(await names("name LIKE '%ine%'")).toEqual(['wine', 'wine-2']);
    const page = await ok('GET', 'registered-models/search', { max_results: '2' });
    expect(page.registered_models).toHaveLength(2);
    expect(
      (await ok('GET', 'registered-models/search', { page_token: page.next_page_token })).registered_models.map(
        (m: Json) => m.name,
      ),
    ).toEqual(['wine-2']);
    const versions = await ok('GET', 'model-versions/search', { filter: "name='wine' and run_id='r1'" });
    expect(versions.model_versions.map((v: Json) => v.version)).toEqual(['1']);
    expect(
      (await ok('GET', 'registered-models/get', { name: 'wine' })).registered_model.latest_versions.map(
        (v: Json) => v.version,
      ),
    ).toEqual(['2']);
  });

  it('refuses a log-batch over 1 MB, and writes nothing of a batch whose param would change value', async () => {
    const runId = await newRun();
    const big = { run_id: runId, tags: [{ key: 'blob', value: 'x'.repeat(1_000_001) }] };
    const refused = await api('POST', 'runs/log-batch', big);
    expect(refused.status).toBe(400);
    expect(refused.json.message).toMatch(
      /^Batched logging API requests must be at most 1000000 bytes, got a request of size \d+\.$/,
    );

    await ok('POST', 'runs/log-batch', { run_id: runId, params: [{ key: 'alpha', value: '0.1' }] });
    const conflict = await api('POST', 'runs/log-batch', {
      run_id: runId,
      params: [
        { key: 'beta', value: '1' },
        { key: 'alpha', value: '0.5' },
      ],
      metrics: [{ key: 'loss', value: 0.3, timestamp: 5, step: 0 }],
      tags: [{ key: 'team', value: 'ml' }],
    });
    expect(conflict).toEqual({
      status: 400,
      json: {
        error_code: 'INVALID_PARAMETER_VALUE',
        message:
          `Changing param values is not allowed. Param with key='alpha' was already logged with value='0.1' ` +
          `for run ID='${runId}'. Attempted logging new value '0.5'.`,
      },
    });
    const remote = server.runs.get(runId)!;
    expect(Object.fromEntries(remote.params)).toEqual({ alpha: '0.1' });
    expect(remote.metrics).toEqual([]);
    expect(remote.tags.has('team')).toBe(false);
    const tooMany = await api('POST', 'runs/log-batch', {
      run_id: runId,
      params: Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: '1' })),
    });
    expect(tooMany.json.message).toBe(
      'A batch logging request can contain at most 100 params. Got 101 params. Please split up params across ' +
        'multiple requests and try again.',
    );
  });

  it("answers MLflow's messages for deleted runs, missing tags and runs, and leaves empty fields out", async () => {
    const runId = await newRun();
    const { run } = await ok('GET', 'runs/get', { run_id: runId });
    expect(run.info).toMatchObject({
      run_id: runId,
      run_uuid: runId,
      status: 'RUNNING',
      lifecycle_stage: 'active',
      artifact_uri: `mlflow-artifacts:/0/${runId}/artifacts`,
    });
    expect(run.info).not.toHaveProperty('end_time');
    expect(run.data).not.toHaveProperty('params');
    // a generated name, also as the tag
    expect(run.data.tags).toEqual([{ key: 'mlflow.runName', value: run.info.run_name }]);
    expect(run.inputs).toEqual({});

    expect(await api('POST', 'runs/delete-tag', { run_id: runId, key: 'nope' })).toEqual({
      status: 404,
      json: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `No tag with name: nope in run with id ${runId}` },
    });
    await ok('POST', 'runs/delete', { run_id: runId });
    expect(await api('POST', 'runs/set-tag', { run_id: runId, key: 'k', value: 'v' })).toEqual({
      status: 400,
      json: {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: `The run ${runId} must be in the 'active' state. Current state is deleted.`,
      },
    });
    expect((await api('GET', 'runs/get', { run_id: 'f'.repeat(32) })).json).toEqual({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: `Run with id=${'f'.repeat(32)} not found`,
    });
    expect((await api('POST', 'runs/create', { experiment_id: '42' })).json.message).toBe(
      'No Experiment with id=42 exists',
    );
  });

  it('allows the methods and headers a browser client needs when started with cors (as behind a proxy)', async () => {
    const proxied = await startMlflowTestServer({ cors: true });
    try {
      const res = await fetch(`${proxied.url}/api/2.0/mlflow/registered-models/delete`, { method: 'OPTIONS' });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, PATCH, DELETE, OPTIONS');
      expect(res.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type');
      const get = await fetch(`${proxied.url}/api/2.0/mlflow/experiments/get?experiment_id=0`);
      expect(get.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await proxied.close();
    }
  });
});

// What real MLflow 2.x servers (2.12 and 2.17, sqlite backend, artifact proxy) do where the REST reference
// says otherwise or nothing. Kiroku met each of these against a real server; the stand-in must too, so a
// client that relies on the reference instead of the server fails here, in CI.
describe('MLflow test server, as real MLflow 2.x servers are', () => {
  it("keeps the source MLflow's Python client registers with: the run's artifact URI, not runs:/", async () => {
    const runId = await newRun();
    const version = await registerModelAsMlflowPython(server.url, `runs:/${runId}/model`, 'wine');
    expect(version).toMatchObject({
      name: 'wine',
      version: '1',
      source: `mlflow-artifacts:/0/${runId}/artifacts/model`,
      run_id: runId,
    });
    expect((await ok('GET', 'model-versions/get', { name: 'wine', version: '1' })).model_version.source).toBe(
      `mlflow-artifacts:/0/${runId}/artifacts/model`,
    );
    // get-download-uri answers the source as it is (a runs:/ source too: the client resolves it).
    expect(await ok('GET', 'model-versions/get-download-uri', { name: 'wine', version: '1' })).toEqual({
      artifact_uri: `mlflow-artifacts:/0/${runId}/artifacts/model`,
    });
    await ok('POST', 'model-versions/create', { name: 'wine', source: `runs:/${runId}/model`, run_id: runId });
    expect(await ok('GET', 'model-versions/get-download-uri', { name: 'wine', version: '2' })).toEqual({
      artifact_uri: `runs:/${runId}/model`,
    });
    // A models:/ source is stored as given, and downloads from where that version was.
    await ok('POST', 'model-versions/create', { name: 'wine', source: 'models:/wine/1' });
    expect((await ok('GET', 'model-versions/get', { name: 'wine', version: '3' })).model_version.source).toBe(
      'models:/wine/1',
    );
    expect(await ok('GET', 'model-versions/get-download-uri', { name: 'wine', version: '3' })).toEqual({
      artifact_uri: `mlflow-artifacts:/0/${runId}/artifacts/model`,
    });
  });

  it('names aliases in get-model-version, by-alias and get-registered-model, not model-versions/search', async () => {
    await ok('POST', 'registered-models/create', { name: 'wine' });
    await ok('POST', 'model-versions/create', { name: 'wine', source: 's', run_id: 'r1' });
    await ok('POST', 'registered-models/alias', { name: 'wine', alias: 'champion', version: '1' });
    expect((await ok('GET', 'model-versions/get', { name: 'wine', version: '1' })).model_version.aliases).toEqual([
      'champion',
    ]);
    expect(
      (await ok('GET', 'registered-models/alias', { name: 'wine', alias: 'champion' })).model_version.aliases,
    ).toEqual(['champion']);
    expect((await ok('GET', 'registered-models/get', { name: 'wine' })).registered_model.aliases).toEqual([
      { alias: 'champion', version: '1' },
    ]);
    const [found] = (await ok('GET', 'model-versions/search', { filter: "name='wine'" })).model_versions;
    expect(found).toMatchObject({ name: 'wine', version: '1' });
    expect(found).not.toHaveProperty('aliases');
    expect(
      (await ok('GET', 'registered-models/get', { name: 'wine' })).registered_model.latest_versions[0],
    ).not.toHaveProperty('aliases');
  });

  it('answers metrics/get-history with every point in one page, whatever max_results says', async () => {
    const runId = await newRun();
    const metrics = Array.from({ length: 30 }, (_, step) => ({
      key: 'loss',
      value: 1 / (step + 1),
      timestamp: 1000 + step,
      step,
    }));
    await ok('POST', 'runs/log-batch', { run_id: runId, metrics });
    const page = await ok('GET', 'metrics/get-history', { run_id: runId, metric_key: 'loss', max_results: '10' });
    expect(page.metrics.map((m: Json) => m.step)).toEqual(metrics.map((m) => m.step));
    expect(page).not.toHaveProperty('next_page_token');
  });

  it('answers an OPTIONS preflight 200 with no Access-Control-* headers, and sends none on other answers', async () => {
    const res = await fetch(`${server.url}/api/2.0/mlflow/runs/create`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(res.status).toBe(200);
    expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const get = await fetch(`${server.url}/api/2.0/mlflow/experiments/get?experiment_id=0`, {
      headers: { Origin: 'http://localhost:5173' },
    });
    expect(get.status).toBe(200);
    expect([...get.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it("refuses '#' in an artifact path with MLflow's bare 'Invalid path'; decodes a path till it's stable", async () => {
    const runId = await newRun();
    const root = `0/${runId}/artifacts`;
    const put = (path: string) =>
      fetch(`${server.url}/api/2.0/mlflow-artifacts/artifacts/${path}`, { method: 'PUT', body: 'x' });
    for (const bad of [
      `${root}/plots%23a.png`,
      `${root}/a%2F..%2F..%2F..%2F..%2Fb.txt`,
      '%2Fetc%2Fx.txt',
      'C%3A%2Fx.txt',
    ]) {
      const res = await put(bad);
      expect(res.status, bad).toBe(400);
      expect(await res.json(), bad).toEqual({ error_code: 'INVALID_PARAMETER_VALUE', message: 'Invalid path' });
    }
    // `a%20b.txt` sent as a%2520b.txt: Werkzeug decodes once, validate_path_is_safe again.
    expect((await put(`${root}/a%2520b.txt`)).status).toBe(200);
    expect((await put(`${root}/100%25.txt`)).status).toBe(200);
    expect([...server.artifacts.keys()].filter((k) => k.startsWith(root)).sort()).toEqual([
      `${root}/100%.txt`,
      `${root}/a b.txt`,
    ]);
  });

  it('fails on /graphql, which MLflow serves for its own UI only', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(res.ok).toBe(false);
  });

  it('gives back ±Infinity as ±1.7976931348623157e308, as the SQL store keeps them, and NaN as NaN', async () => {
    const runId = await newRun();
    await ok('POST', 'runs/log-batch', {
      run_id: runId,
      metrics: [
        { key: 'up', value: 'Infinity', timestamp: 1, step: 0 },
        { key: 'down', value: '-Infinity', timestamp: 1, step: 0 },
        { key: 'nan', value: 'NaN', timestamp: 1, step: 0 },
      ],
    });
    const { run } = await ok('GET', 'runs/get', { run_id: runId });
    expect(Object.fromEntries(run.data.metrics.map((m: Json) => [m.key, m.value]))).toEqual({
      up: 1.7976931348623157e308,
      down: -1.7976931348623157e308,
      nan: 'NaN',
    });
    expect((await ok('GET', 'metrics/get-history', { run_id: runId, metric_key: 'up' })).metrics[0].value).toBe(
      1.7976931348623157e308,
    );
  });
});

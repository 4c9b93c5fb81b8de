// What MLflow 2.x's own Python client sends to a tracking server for the calls Kiroku meets, so tests
// can put into the stand-in server exactly what a teammate using MLflow would.
//
// `mlflow.register_model("runs:/<run>/model", name)` (mlflow/tracking/_model_registry/fluent.py) does
// not keep the runs:/ URI: it creates the registered model (an existing one is fine), resolves the URI
// to the run's artifact location (`RunsArtifactRepository.get_underlying_uri`: the run's artifact_uri
// joined with the path, e.g. `mlflow-artifacts:/1/<run>/artifacts/model` on a server with the artifact
// proxy) and creates the version with that as its source and the run id beside it.

type Json = Record<string, any>;

async function call(
  url: string,
  method: 'GET' | 'POST',
  path: string,
  body: Json,
): Promise<{ status: number; json: Json }> {
  const query = method === 'GET' ? `?${new URLSearchParams(body)}` : '';
  const res = await fetch(`${url}/api/2.0/mlflow/${path}${query}`, {
    method,
    ...(method === 'POST' ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Json };
}

async function ok(url: string, method: 'GET' | 'POST', path: string, body: Json): Promise<Json> {
  const { status, json } = await call(url, method, path, body);
  if (status !== 200) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(json)}`);
  return json;
}

/** `mlflow.register_model(model_uri, name)` against the server at `url`; returns the model version JSON. */
export async function registerModelAsMlflowPython(url: string, modelUri: string, name: string): Promise<Json> {
  const created = await call(url, 'POST', 'registered-models/create', { name });
  if (created.status !== 200 && created.json.error_code !== 'RESOURCE_ALREADY_EXISTS')
    throw new Error(JSON.stringify(created.json));
  const runs = /^runs:\/+([^/]+)\/(.*)$/.exec(modelUri);
  if (!runs) return (await ok(url, 'POST', 'model-versions/create', { name, source: modelUri })).model_version;
  const [, runId, path] = runs;
  const { run } = await ok(url, 'GET', 'runs/get', { run_id: runId! });
  const source = `${String(run.info.artifact_uri).replace(/\/+$/, '')}/${path!.replace(/^\/+/, '')}`;
  return (await ok(url, 'POST', 'model-versions/create', { name, source, run_id: runId })).model_version;
}

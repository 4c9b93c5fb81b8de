// "Sync to MLflow": copy local runs to an MLflow tracking server through its REST API 2.0 —
// experiments by name, runs with params, tags, full metric histories, dataset inputs, artifacts
// (through the `mlflow-artifacts` proxy), status, and (given a registry) the runs' model versions.
// Resumable without duplicates: the remote run id is remembered on the local run (tag
// `kiroku.sync.<server>`), and a metric's points already on the server (its history length) and
// files it already has (same path and size) are not sent again.
import { KirokuError } from '../../lib/errors';
import { forEachLimit } from '../../lib/concurrency';
import type { TrackingClient } from '../../tracking/client';
import type { Run } from '../../tracking/entities';
import { api, MlflowServerError, type RestOptions } from './http';
import { datasetInputToJson } from './json';
import { logBatchRequests } from './log-batch';
import { proxyPath, proxyRoot } from './artifact-proxy';
import { syncModelVersions } from './sync-models';
import { RestTrackingStore } from './tracking-store';
import type { RegistryClient } from '../../registry/client';


export interface SyncOptions extends RestOptions {
  runIds: string[];
  /** Also register on the server the model versions made from these runs, with their aliases. */
  registry?: RegistryClient;
  onProgress?: (event: { done: number; total: number; runId: string; stage: string }) => void;
}

export interface SyncReport {
  synced: Array<{ runId: string; remoteRunId: string; createdRemotely: boolean; metricPointsSent: number; artifactsSent: number; modelVersionsSent: number }>;
  failed: Array<{ runId: string; error: string; code: string }>;
}

/** The local tag that remembers a run's id on one server. */
export function syncTagKey(baseUrl: string): string {
  const host = baseUrl.replace(/^https?:\/\//, '').replace(/\/+$/, '').replace(/[^\w.\- /]/g, '_');
  return `kiroku.sync.${host}`;
}

async function remoteExperimentId(o: RestOptions, name: string, cache: Map<string, string>): Promise<string> {
  const hit = cache.get(name);
  if (hit) return hit;
  let id: string;
  try {
    const r = await api<{ experiment: { experiment_id: string } }>(o, 'GET', 'experiments/get-by-name', undefined, { experiment_name: name });
    id = r.experiment.experiment_id;
  } catch (err) {
    if (!(err instanceof MlflowServerError) || err.code !== 'RESOURCE_DOES_NOT_EXIST') throw err;
    id = (await api<{ experiment_id: string }>(o, 'POST', 'experiments/create', { name })).experiment_id;
  }
  cache.set(name, id);
  return id;
}

async function remoteRun(o: RestOptions, client: TrackingClient, run: Run, experimentId: string, tagKey: string) {
  const known = run.data.tags[tagKey];
  if (known) {
    try {
      const r = await api<{ run: { info: { run_id: string; artifact_uri: string } } }>(o, 'GET', 'runs/get', undefined, { run_id: known });
      return { id: r.run.info.run_id, artifactUri: r.run.info.artifact_uri, created: false };
    } catch (err) {
      if (!(err instanceof MlflowServerError) || err.code !== 'RESOURCE_DOES_NOT_EXIST') throw err;
    }
  }
  const r = await api<{ run: { info: { run_id: string; artifact_uri: string } } }>(o, 'POST', 'runs/create', {
    experiment_id: experimentId,
    user_id: run.info.userId,
    run_name: run.info.runName,
    start_time: run.info.startTime,
    tags: [],
  });
  // Remember at once: a failure from here on resumes into this remote run instead of making another.
  await client.logBatchNow(run.info.runId, { tags: [{ key: tagKey, value: r.run.info.run_id }] });
  return { id: r.run.info.run_id, artifactUri: r.run.info.artifact_uri, created: true };
}

async function remoteHistoryLength(o: RestOptions, runId: string, key: string): Promise<number> {
  let n = 0;
  let token: string | undefined;
  do {
    const r = await api<{ metrics?: unknown[]; next_page_token?: string }>(o, 'GET', 'metrics/get-history', undefined, {
      run_id: runId, metric_key: key, max_results: '25000', ...(token ? { page_token: token } : {}),
    });
    n += r.metrics?.length ?? 0;
    token = r.next_page_token || undefined;
  } while (token);
  return n;
}

async function syncRun(o: SyncOptions, client: TrackingClient, runId: string, cache: Map<string, string>, progress: (stage: string) => void) {
  const tagKey = syncTagKey(o.baseUrl);
  const run = await client.getRun(runId);
  const exp = await client.getExperiment(run.info.experimentId);
  if (!exp) throw new KirokuError(`The experiment of run ${runId} is missing.`, 'RESOURCE_DOES_NOT_EXIST');
  const experimentId = await remoteExperimentId(o, exp.name, cache);
  const remote = await remoteRun(o, client, run, experimentId, tagKey);
  progress('params and tags');
  const params = Object.entries(run.data.params).map(([key, value]) => ({ key, value }));
  const tags = Object.entries(run.data.tags).filter(([k]) => !k.startsWith('kiroku.sync.')).map(([key, value]) => ({ key, value }));
  for (const body of logBatchRequests(remote.id, { params, tags })) await api(o, 'POST', 'runs/log-batch', body);
  progress('metrics');
  let metricPointsSent = 0;
  for (const key of Object.keys(run.data.metrics)) {
    const local = await client.getMetricHistory(runId, key);
    const already = remote.created ? 0 : await remoteHistoryLength(o, remote.id, key);
    for (const body of logBatchRequests(remote.id, { metrics: local.slice(already) })) {
      await api(o, 'POST', 'runs/log-batch', body);
      metricPointsSent += (body.metrics as unknown[]).length;
    }
  }
  if (run.inputs.datasetInputs.length) {
    await api(o, 'POST', 'runs/log-inputs', { run_id: remote.id, datasets: run.inputs.datasetInputs.map(datasetInputToJson) });
  }
  progress('artifacts');
  let artifactsSent = 0;
  const files = await client.listArtifactFiles(runId);
  const root = files.length ? proxyRoot(remote.artifactUri) : '';
  // A resumed sync sends only the files the server lacks (or has at another size).
  const there = files.length && !remote.created
    ? new Map((await new RestTrackingStore(o.baseUrl, () => o).listArtifactPaths(remote.id)).map((f) => [f.path, f.size]))
    : new Map<string, number>();
  await forEachLimit(files.filter((f) => there.get(f.path) !== f.size), 4, async (f) => {
    const bytes = new Uint8Array(await (await client.downloadArtifact(runId, f.path)).arrayBuffer());
    await api(o, 'PUT', proxyPath(root, f.path), bytes);
    artifactsSent++;
  });
  await api(o, 'POST', 'runs/update', { run_id: remote.id, status: run.info.status, ...(run.info.endTime ? { end_time: run.info.endTime } : {}) });
  let modelVersionsSent = 0;
  if (o.registry) {
    progress('models');
    modelVersionsSent = await syncModelVersions(o, o.registry, runId, remote.id);
  }
  return { runId, remoteRunId: remote.id, createdRemotely: remote.created, metricPointsSent, artifactsSent, modelVersionsSent };
}

/** Copy runs to an MLflow server; one run's failure does not stop the others. */
export async function syncRuns(client: TrackingClient, options: SyncOptions): Promise<SyncReport> {
  const report: SyncReport = { synced: [], failed: [] };
  const cache = new Map<string, string>();
  let done = 0;
  for (const runId of options.runIds) {
    const progress = (stage: string) => options.onProgress?.({ done, total: options.runIds.length, runId, stage });
    try {
      report.synced.push(await syncRun(options, client, runId, cache, progress));
    } catch (err) {
      if (options.signal?.aborted) throw err;
      report.failed.push({ runId, error: err instanceof Error ? err.message : String(err), code: (err as { code?: string }).code ?? 'UNKNOWN' });
    }
    done++;
    options.onProgress?.({ done, total: options.runIds.length, runId, stage: 'done' });
  }
  return report;
}

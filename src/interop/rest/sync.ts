// "Sync to MLflow": copy local runs to an MLflow tracking server through its REST API 2.0 —
// experiments by name, runs with params, tags, full metric histories, dataset inputs, artifacts
// (through the `mlflow-artifacts` proxy), status, and (given a registry) the runs' model versions.
// Resumable without duplicates: the remote run id is remembered on the local run (tag
// `kiroku.sync.<server>`), and a metric's points already on the server (its history length) and
// files it already has (same path and size) are not sent again. A run whose artifact paths MLflow would
// refuse fails before anything is sent; a run that fails once its remote run exists leaves that run
// FAILED (KILLED when cancelled), never RUNNING, and the next sync resumes into it and sets its status.
// The server gives the run another id, so what names the run — each logged model's MLmodel and the
// model history tag — is rewritten to name the remote run (run-id-rewrite.ts).
import { KirokuError } from '../../lib/errors';
import { forEachLimit } from '../../lib/concurrency';
import type { TrackingClient } from '../../tracking/client';
import type { Run, RunStatus } from '../../tracking/entities';
import { validateArtifactPath } from '../../tracking/artifact-path';
import { api, MlflowServerError, type RestOptions } from './http';
import { datasetInputToJson } from './json';
import { logBatchRequests } from './log-batch';
import { readAllPages } from './paging';
import { proxyPath, proxyRoot } from './artifact-proxy';
import { syncModelVersions } from './sync-models';
import { RestTrackingStore } from './tracking-store';
import { isMLmodel, rewriteMLmodel, rewriteRunTags } from './run-id-rewrite';
import type { RegistryClient } from '../../model-registry/client';

export interface SyncOptions extends RestOptions {
  runIds: string[];
  /** Also register on the server the model versions made from these runs, with their aliases. */
  registry?: RegistryClient;
  onProgress?: (event: { done: number; total: number; runId: string; stage: string }) => void;
}

export interface SyncReport {
  synced: Array<{
    runId: string;
    remoteRunId: string;
    createdRemotely: boolean;
    metricPointsSent: number;
    artifactsSent: number;
    modelVersionsSent: number;
  }>;
  failed: Array<{ runId: string; error: string; code: string }>;
}

/** The local tag that remembers a run's id on one server. */
export function syncTagKey(baseUrl: string): string {
  const host = baseUrl
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '')
    .replace(/[^\w.\- /]/g, '_');
  return `kiroku.sync.${host}`;
}

async function remoteExperimentId(o: RestOptions, name: string, cache: Map<string, string>): Promise<string> {
  const hit = cache.get(name);
  if (hit) return hit;
  let id: string;
  try {
    const r = await api<{ experiment: { experiment_id: string } }>(o, 'GET', 'experiments/get-by-name', undefined, {
      experiment_name: name,
    });
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
      const r = await api<{ run: { info: { run_id: string; artifact_uri: string } } }>(
        o,
        'GET',
        'runs/get',
        undefined,
        { run_id: known },
      );
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
  const points = await readAllPages(
    (token) =>
      api(o, 'GET', 'metrics/get-history', undefined, {
        run_id: runId,
        metric_key: key,
        max_results: '25000',
        ...(token ? { page_token: token } : {}),
      }),
    { endpoint: 'metrics/get-history', field: 'metrics', map: () => null, maxPages: 4000 },
  );
  return points.length;
}

async function syncRun(
  o: SyncOptions,
  client: TrackingClient,
  runId: string,
  cache: Map<string, string>,
  progress: (stage: string) => void,
) {
  const tagKey = syncTagKey(o.baseUrl);
  const run = await client.getRun(runId);
  const exp = await client.getExperiment(run.info.experimentId);
  if (!exp) throw new KirokuError(`The experiment of run ${runId} is missing.`, 'RESOURCE_DOES_NOT_EXIST');
  const files = await client.listArtifactFiles(runId);
  // An MLflow server would refuse these (or store them under other names): say so before sending anything.
  for (const f of files) validateArtifactPath(f.path);
  const experimentId = await remoteExperimentId(o, exp.name, cache);
  const remote = await remoteRun(o, client, run, experimentId, tagKey);
  try {
    return await sendRun(o, client, run, remote, files, progress);
  } catch (err) {
    await endUnfinished(o, remote.id, run, o.signal?.aborted ? 'KILLED' : 'FAILED');
    throw err;
  }
}

/** A remote run whose sync stopped part-way is ended, so it does not show as running forever. */
async function endUnfinished(o: SyncOptions, remoteId: string, run: Run, status: RunStatus): Promise<void> {
  try {
    // Without the caller's signal (it may be what stopped the sync) and without waiting out retries.
    await api({ ...o, signal: undefined, retries: 0 }, 'POST', 'runs/update', {
      run_id: remoteId,
      status,
      end_time: run.info.endTime ?? Date.now(),
    });
  } catch {
    // The server is out of reach: the run stays as it is until the next sync ends it.
  }
}

async function sendRun(
  o: SyncOptions,
  client: TrackingClient,
  run: Run,
  remote: { id: string; artifactUri: string; created: boolean },
  files: Array<{ path: string; size: number }>,
  progress: (stage: string) => void,
) {
  const runId = run.info.runId;
  progress('params and tags');
  const params = Object.entries(run.data.params).map(([key, value]) => ({ key, value }));
  const ownTags = Object.fromEntries(Object.entries(run.data.tags).filter(([k]) => !k.startsWith('kiroku.sync.')));
  const tags = Object.entries(rewriteRunTags(ownTags, runId, remote.id)).map(([key, value]) => ({ key, value }));
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
    await api(o, 'POST', 'runs/log-inputs', {
      run_id: remote.id,
      datasets: run.inputs.datasetInputs.map(datasetInputToJson),
    });
  }
  progress('artifacts');
  const artifactsSent = await sendArtifacts(o, client, runId, remote, files);
  await api(o, 'POST', 'runs/update', {
    run_id: remote.id,
    status: run.info.status,
    ...(run.info.endTime ? { end_time: run.info.endTime } : {}),
  });
  let modelVersionsSent = 0;
  if (o.registry) {
    progress('models');
    modelVersionsSent = await syncModelVersions(o, o.registry, runId, remote.id);
  }
  return {
    runId,
    remoteRunId: remote.id,
    createdRemotely: remote.created,
    metricPointsSent,
    artifactsSent,
    modelVersionsSent,
  };
}

/**
 * The run's files, each logged model's MLmodel naming the remote run. A resumed sync sends only the
 * files the server lacks or has at another size — and an MLmodel whose remote copy differs (an earlier
 * sync may have sent it naming the local run: the same size).
 */
async function sendArtifacts(
  o: SyncOptions,
  client: TrackingClient,
  runId: string,
  remote: { id: string; artifactUri: string; created: boolean },
  files: Array<{ path: string; size: number }>,
): Promise<number> {
  if (!files.length) return 0;
  const root = proxyRoot(remote.artifactUri);
  const store = new RestTrackingStore(o.baseUrl, () => o);
  const there = remote.created
    ? new Map<string, number>()
    : new Map((await store.listArtifactPaths(remote.id)).map((f) => [f.path, f.size]));
  let sent = 0;
  await forEachLimit(files, 4, async (f) => {
    const model = isMLmodel(f.path);
    if (!model && there.get(f.path) === f.size) return;
    let bytes = new Uint8Array(await (await client.downloadArtifact(runId, f.path)).arrayBuffer());
    if (model) {
      const rewritten = rewriteMLmodel(new TextDecoder().decode(bytes), runId, remote.id);
      if (rewritten !== null) bytes = new TextEncoder().encode(rewritten);
      if (there.get(f.path) === bytes.byteLength) {
        const current = await store.getArtifact(remote.id, f.path);
        if (
          current &&
          equalBytes(
            new Uint8Array(current.bytes instanceof Blob ? await current.bytes.arrayBuffer() : current.bytes),
            bytes,
          )
        )
          return;
      }
    }
    await api(o, 'PUT', proxyPath(root, f.path), bytes);
    sent++;
  });
  return sent;
}

const equalBytes = (a: Uint8Array, b: Uint8Array) => a.byteLength === b.byteLength && a.every((x, i) => x === b[i]);

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
      report.failed.push({
        runId,
        error: err instanceof Error ? err.message : String(err),
        code: (err as { code?: string }).code ?? 'UNKNOWN',
      });
    }
    done++;
    options.onProgress?.({ done, total: options.runIds.length, runId, stage: 'done' });
  }
  return report;
}

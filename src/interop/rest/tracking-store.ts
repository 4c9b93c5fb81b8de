// A TrackingStore on an MLflow tracking server, through its REST API 2.0 (MLflow's RestStore):
// `mlflow.setTrackingUri('https://mlflow.example.com')`. The server owns the data, so it chooses run
// ids, enforces params and names, and its errors (error_code and message) reach the caller as they are.
//
// What cannot be as with the local stores: a `commit` is several requests, not one transaction (a
// failure part-way leaves what was sent); and orphan recovery covers only the runs this browser
// started (owned-runs.ts) — another RUNNING run on a shared server may be a teammate's live session.
import { contentTypeFor } from '../../lib/content-type';
import { forEachLimit } from '../../lib/concurrency';
import { ShortCache } from '../../lib/short-cache';
import { runNotFound } from '../../tracking/errors';
import type { DatasetInput, Experiment, Metric, Run, RunInfo } from '../../tracking/entities';
import type {
  ExperimentPatch,
  LogBatch,
  RunChange,
  RunInfoPatch,
  RunSearch,
  StoredArtifact,
  TrackingStore,
  ViewType,
} from '../../tracking/store';
import { api, apiBytes, orUndefined, type RestOptions } from './http';
import {
  datasetInputToJson,
  experimentFromJson,
  list,
  metricFromJson,
  obj,
  runFromJson,
  runInfoFromJson,
  str,
  toKeyValues,
  type Json,
} from './json';
import { readAllPages } from './paging';
import { walkArtifactFolders } from './artifact-listing';
import { OwnedRuns } from './owned-runs';
import { logBatchRequests } from './log-batch';
import { proxyPath, proxyRoot, proxyTarget } from './artifact-proxy';

/** Page sizes: MLflow's maxima for runs/search and experiments/search, and get-history's default. */
const RUNS_PAGE = 1000;
const EXPERIMENTS_PAGE = 1000;
const HISTORY_PAGE = 25_000;
/** How long an experiment read stays good: a teammate's rename shows up after this at most. */
const EXPERIMENT_CACHE_MS = 2000;
/** Artifact uploads at once: a model folder's files overlap their round trips (browsers allow 6 per host). */
const UPLOADS_IN_FLIGHT = 4;
/**
 * The most pages a listing takes before the server is taken to be looping: a million runs, a hundred
 * thousand experiments, a hundred million metric points, a hundred thousand files in one folder.
 */
const MAX_PAGES = { runs: 1000, experiments: 100, history: 4000, files: 100 };

export class RestTrackingStore implements TrackingStore {
  readonly assignsRunIds = true;
  /** Each run's artifact root on the proxy, learned from the run (it never changes). */
  private readonly artifactRoots = new Map<string, string>();
  private readonly owned: OwnedRuns;
  /**
   * Experiments read in the last moments: starting a run looks its experiment up three times (the
   * active one, the client's check, the run's artifact location), each a round trip otherwise.
   */
  private readonly experiments = new ShortCache<Experiment | undefined>(EXPERIMENT_CACHE_MS);

  /** `options` is read per request, so new credentials apply to a store already in use. */
  constructor(
    readonly uri: string,
    private readonly options: () => RestOptions,
  ) {
    this.owned = new OwnedRuns(uri.replace(/\/+$/, ''));
  }

  private call<T = Json>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    query?: Record<string, string>,
  ): Promise<T> {
    return api<T>(this.options(), method, path, body, query);
  }

  // ── experiments ────────────────────────────────────────────────────────────

  async createExperiment(input: {
    name: string;
    artifactLocation?: string;
    tags?: Record<string, string>;
    creationTime: number;
  }): Promise<Experiment> {
    this.experiments.clear();
    const r = await this.call<{ experiment_id: string }>('POST', 'experiments/create', {
      name: input.name,
      ...(input.artifactLocation ? { artifact_location: input.artifactLocation } : {}),
      tags: toKeyValues(input.tags),
    });
    // The server's clock stamps it; read it back for its creation time and artifact location.
    return (await this.getExperiment(String(r.experiment_id)))!;
  }

  getExperiment(experimentId: string): Promise<Experiment | undefined> {
    return this.experiments.get(`id:${experimentId}`, () =>
      orUndefined(
        this.call<{ experiment: Json }>('GET', 'experiments/get', undefined, { experiment_id: experimentId }).then(
          (r) => experimentFromJson(r.experiment),
        ),
      ),
    );
  }

  getExperimentByName(name: string): Promise<Experiment | undefined> {
    return this.experiments.get(`name:${name}`, () =>
      orUndefined(
        this.call<{ experiment: Json }>('GET', 'experiments/get-by-name', undefined, { experiment_name: name }).then(
          (r) => experimentFromJson(r.experiment),
        ),
      ),
    );
  }

  listExperiments(viewType: ViewType = 'ACTIVE_ONLY'): Promise<Experiment[]> {
    return readAllPages(
      (token) =>
        this.call('POST', 'experiments/search', {
          max_results: EXPERIMENTS_PAGE,
          view_type: viewType,
          ...(token ? { page_token: token } : {}),
        }),
      {
        endpoint: 'experiments/search',
        field: 'experiments',
        map: experimentFromJson,
        key: (e) => e.experimentId,
        maxPages: MAX_PAGES.experiments,
      },
    );
  }

  async updateExperiment(experimentId: string, patch: ExperimentPatch): Promise<Experiment> {
    this.experiments.clear();
    if (patch.name !== undefined)
      await this.call('POST', 'experiments/update', { experiment_id: experimentId, new_name: patch.name });
    if (patch.lifecycleStage === 'deleted')
      await this.call('POST', 'experiments/delete', { experiment_id: experimentId });
    if (patch.lifecycleStage === 'active')
      await this.call('POST', 'experiments/restore', { experiment_id: experimentId });
    return (await this.getExperiment(experimentId))!;
  }

  async setExperimentTag(experimentId: string, key: string, value: string): Promise<void> {
    this.experiments.clear();
    await this.call('POST', 'experiments/set-experiment-tag', { experiment_id: experimentId, key, value });
  }

  // ── runs ───────────────────────────────────────────────────────────────────

  /** Created by the server, which gives it its own id; returned with that id. */
  async createRun(run: Run): Promise<Run> {
    const r = await this.call<{ run: Json }>('POST', 'runs/create', {
      experiment_id: run.info.experimentId,
      user_id: run.info.userId,
      run_name: run.info.runName,
      start_time: run.info.startTime,
      tags: toKeyValues(run.data.tags),
    });
    const created = this.remember(runFromJson(r.run));
    const id = created.info.runId;
    if (created.info.status === 'RUNNING') await this.owned.add(id);
    // A built run carries only tags; anything else it holds is logged now.
    const params = Object.entries(run.data.params).map(([key, value]) => ({ key, value }));
    const metrics = Object.entries(run.data.metrics).map(([key, value]) => ({
      key,
      value,
      step: 0,
      timestamp: run.info.startTime,
    }));
    if (params.length || metrics.length) await this.logBatch(id, { params, metrics });
    if (run.inputs.datasetInputs.length) await this.logInputs(id, run.inputs.datasetInputs);
    return params.length || metrics.length || run.inputs.datasetInputs.length ? (await this.getRun(id))! : created;
  }

  async getRun(runId: string): Promise<Run | undefined> {
    const r = await orUndefined(this.call<{ run: Json }>('GET', 'runs/get', undefined, { run_id: runId }));
    return r && this.remember(runFromJson(r.run));
  }

  async listRuns(experimentIds: string[], viewType: ViewType = 'ACTIVE_ONLY'): Promise<Run[]> {
    if (!experimentIds.length) return [];
    return readAllPages(
      (token) =>
        this.call('POST', 'runs/search', {
          experiment_ids: experimentIds,
          run_view_type: viewType,
          max_results: RUNS_PAGE,
          ...(token ? { page_token: token } : {}),
        }),
      {
        endpoint: 'runs/search',
        field: 'runs',
        map: (x) => this.remember(runFromJson(x)),
        key: (r) => r.info.runId,
        maxPages: MAX_PAGES.runs,
      },
    );
  }

  /** One page of runs/search: the server filters and sorts, so a page costs one request. */
  async searchRuns(search: RunSearch): Promise<{ runs: Run[]; nextPageToken: string | null }> {
    if (!search.experimentIds.length) return { runs: [], nextPageToken: null };
    const r = await this.call<{ runs?: Json[]; next_page_token?: string }>('POST', 'runs/search', {
      experiment_ids: search.experimentIds,
      run_view_type: search.viewType,
      max_results: search.maxResults,
      ...(search.filter ? { filter: search.filter } : {}),
      ...(search.orderBy?.length ? { order_by: search.orderBy } : {}),
      ...(search.pageToken ? { page_token: search.pageToken } : {}),
    });
    return {
      runs: list(r.runs).map((x) => this.remember(runFromJson(x))),
      nextPageToken: str(r.next_page_token) || null,
    };
  }

  /**
   * The runs this browser started that are still RUNNING (see owned-runs.ts), each with its last
   * activity: the latest metric point's time, else its start. Runs found ended are forgotten.
   */
  async listRunningRuns(): Promise<Array<{ info: RunInfo; lastActivity: number }>> {
    const out: Array<{ info: RunInfo; lastActivity: number }> = [];
    for (const runId of await this.owned.list()) {
      const r = await orUndefined(this.call<{ run: Json }>('GET', 'runs/get', undefined, { run_id: runId }));
      const run = r && runFromJson(r.run);
      if (!r || run?.info.status !== 'RUNNING' || run.info.lifecycleStage !== 'active') {
        await this.owned.remove(runId);
        continue;
      }
      const times = list(obj(obj(r.run).data).metrics).map((m) => metricFromJson(m).timestamp);
      out.push({ info: run.info, lastActivity: Math.max(run.info.startTime, ...times) });
    }
    return out;
  }

  async updateRunInfo(runId: string, patch: RunInfoPatch): Promise<RunInfo> {
    // runs/update changes the fields it is sent. An end time cannot be cleared there: a resumed run
    // keeps its old one until it ends again.
    const body = {
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.endTime !== undefined && patch.endTime !== null ? { end_time: patch.endTime } : {}),
      ...(patch.runName !== undefined ? { run_name: patch.runName } : {}),
    };
    let updated: Json | undefined;
    if (Object.keys(body).length)
      updated = (await this.call<{ run_info?: Json }>('POST', 'runs/update', { run_id: runId, ...body })).run_info;
    if (patch.status !== undefined)
      await (patch.status === 'RUNNING' ? this.owned.add(runId) : this.owned.remove(runId));
    if (patch.lifecycleStage === 'deleted') await this.call('POST', 'runs/delete', { run_id: runId });
    if (patch.lifecycleStage === 'active') await this.call('POST', 'runs/restore', { run_id: runId });
    // runs/update answers with the run's info: no second request unless the lifecycle changed after it.
    if (updated?.run_id && updated.run_name !== undefined && patch.lifecycleStage === undefined)
      return runInfoFromJson(updated);
    return (await this.requireRun(runId)).info;
  }

  async logBatch(runId: string, batch: LogBatch): Promise<void> {
    for (const body of logBatchRequests(runId, batch)) await this.call('POST', 'runs/log-batch', body);
  }

  async commit(runId: string, change: RunChange): Promise<RunInfo> {
    const id = change.create ? (await this.createRun(change.create)).info.runId : runId;
    if (change.batch) await this.logBatch(id, change.batch);
    if (change.inputs?.length) await this.logInputs(id, change.inputs);
    if (change.artifacts?.length) await this.putArtifacts(id, change.artifacts);
    return change.info ? this.updateRunInfo(id, change.info) : (await this.requireRun(id)).info;
  }

  async deleteTag(runId: string, key: string): Promise<void> {
    await this.call('POST', 'runs/delete-tag', { run_id: runId, key });
  }

  async logInputs(runId: string, inputs: DatasetInput[]): Promise<void> {
    await this.call('POST', 'runs/log-inputs', { run_id: runId, datasets: inputs.map(datasetInputToJson) });
  }

  getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    return readAllPages(
      (token) =>
        this.call('GET', 'metrics/get-history', undefined, {
          run_id: runId,
          metric_key: key,
          max_results: String(HISTORY_PAGE),
          ...(token ? { page_token: token } : {}),
        }),
      { endpoint: 'metrics/get-history', field: 'metrics', map: metricFromJson, maxPages: MAX_PAGES.history },
    );
  }

  // ── artifacts (through the mlflow-artifacts proxy) ────────────────────────

  async putArtifact(runId: string, artifact: StoredArtifact): Promise<void> {
    const root = await this.artifactRoot(runId);
    await this.call('PUT', proxyPath(root, artifact.path), await bodyBytes(artifact));
  }

  /** One request per file, a few at once: a folder may arrive in part if the connection fails midway. */
  async putArtifacts(runId: string, artifacts: StoredArtifact[]): Promise<void> {
    const root = await this.artifactRoot(runId);
    await forEachLimit(artifacts, UPLOADS_IN_FLIGHT, async (a) =>
      this.call('PUT', proxyPath(root, a.path), await bodyBytes(a)),
    );
  }

  async getArtifact(runId: string, path: string): Promise<StoredArtifact | undefined> {
    const root = await this.artifactRoot(runId);
    const got = await orUndefined(apiBytes(this.options(), proxyPath(root, path)));
    // The type comes from the name, as for local artifacts: servers guess differently, and previews
    // choose how to show a file by it.
    return got && { path, contentType: contentTypeFor(path), bytes: got.bytes };
  }

  /** A file below an `mlflow-artifacts:` URI (a model version's source, as MLflow's Python client registers it). */
  async getArtifactAtUri(artifactUri: string, path: string): Promise<StoredArtifact | undefined> {
    const options = this.options();
    const target = proxyTarget(artifactUri, options.baseUrl);
    // A URI naming another host is read there as MLflow does, but without this server's credentials.
    const elsewhere = new URL(target.baseUrl).origin !== new URL(options.baseUrl).origin;
    const { token: _t, username: _u, password: _p, ...anonymous } = options;
    const got = await orUndefined(
      apiBytes({ ...(elsewhere ? anonymous : options), baseUrl: target.baseUrl }, proxyPath(target.root, path)),
    );
    return got && { path, contentType: contentTypeFor(path), bytes: got.bytes };
  }

  /** Every file below the run's root, listed folder by folder (artifact-listing.ts guards the walk). */
  async listArtifactPaths(runId: string): Promise<Array<{ path: string; size: number }>> {
    await this.requireRun(runId);
    return walkArtifactFolders((dir) =>
      readAllPages(
        (token) =>
          this.call('GET', 'artifacts/list', undefined, {
            run_id: runId,
            ...(dir ? { path: dir } : {}),
            ...(token ? { page_token: token } : {}),
          }),
        { endpoint: 'artifacts/list', field: 'files', map: obj, key: (f) => str(f.path), maxPages: MAX_PAGES.files },
      ),
    );
  }

  async close(): Promise<void> {
    this.artifactRoots.clear();
  }

  // ── helpers ────────────────────────────────────────────────────────────────

  private remember(run: Run): Run {
    this.artifactRoots.set(run.info.runId, run.info.artifactUri);
    return run;
  }

  private async requireRun(runId: string): Promise<Run> {
    const run = await this.getRun(runId);
    if (!run) throw runNotFound(runId);
    return run;
  }

  private async artifactRoot(runId: string): Promise<string> {
    const uri = this.artifactRoots.get(runId) ?? (await this.requireRun(runId)).info.artifactUri;
    return proxyRoot(uri);
  }
}

/** A file's bytes for a PUT (a Blob, e.g. a large model, is read here). */
async function bodyBytes(a: StoredArtifact): Promise<Uint8Array> {
  return new Uint8Array(a.bytes instanceof Blob ? await a.bytes.arrayBuffer() : a.bytes);
}

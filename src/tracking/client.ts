// The tracking client (MLflow's MlflowClient): defaults, validation and entity construction over a
// TrackingStore. It knows nothing of an "active run"; that is the fluent layer's state.
import { TrackingError } from '../lib/errors';
import { newRunId } from '../lib/ids';
import { now } from '../lib/time';
import type { ArtifactEntry, DatasetInput, Experiment, Metric, Run, RunInfo, RunStatus } from './entities';
import { SYSTEM_TAGS, TERMINAL_STATUSES } from './entities';
import { artifactNotFound, artifactUriNeedsServer, experimentNotFound, runNotFound } from './errors';
import { announce } from './events';
import { generateRunName } from './names';
import { liveOwnedRuns } from './ownership';
import { listLevel, type TrackingStore, type ViewType } from './store';
import {
  stringifyValue,
  validBatch,
  validTags,
  validateExperimentName,
  validateKey,
  validateMetricPoint,
  validateRunName,
  validateRunTime,
  validateStatus,
  validateTagValue,
  type BatchInput,
} from './validation';
import { WriteQueue } from './write-queue';
import { normalizeArtifactPath, storedArtifact, type ArtifactData } from './artifact-data';
import { searchRuns, type PagedList, type SearchRunsOptions } from './run-search';

export { normalizeArtifactPath, type ArtifactData };

export const DEFAULT_EXPERIMENT_NAME = 'Default';

export type NewRunOptions = {
  runName?: string;
  tags?: Record<string, unknown>;
  startTime?: number;
  userId?: string;
  runId?: string;
};

export type { PagedList, SearchRunsOptions } from './run-search';

export class TrackingClient {
  private readonly queue: WriteQueue;
  private recovery: Promise<string[]> | null = null;

  constructor(readonly store: TrackingStore) {
    this.queue = new WriteQueue(store, { onWritten: (runId) => announce(store.uri, { type: 'run-updated', runId }) });
  }

  // ── experiments ────────────────────────────────────────────────────────────

  /** MLflow keeps a "Default" experiment with id "0"; it is made before any other. */
  getOrCreateDefaultExperiment(): Promise<Experiment> {
    return this.getOrCreateExperiment(DEFAULT_EXPERIMENT_NAME);
  }

  /**
   * The experiment of this name, made if missing. Another tab (or a teammate, on a server) may make it
   * between our read and our create: then theirs is the one, as MLflow's set_experiment allows for.
   */
  async getOrCreateExperiment(name: string): Promise<Experiment> {
    const found = await this.store.getExperimentByName(name);
    if (found) return found;
    try {
      const id =
        name === DEFAULT_EXPERIMENT_NAME
          ? (await this.store.createExperiment({ name, creationTime: now() })).experimentId
          : await this.createExperiment(name);
      return (await this.store.getExperiment(id))!;
    } catch (err) {
      const again = await this.store.getExperimentByName(name);
      if (again) return again;
      throw err;
    }
  }

  async createExperiment(
    name: string,
    options: { artifactLocation?: string; tags?: Record<string, unknown> } = {},
  ): Promise<string> {
    validateExperimentName(name);
    if (name !== DEFAULT_EXPERIMENT_NAME) await this.getOrCreateDefaultExperiment();
    const tags = validTags(options.tags ?? {});
    const exp = await this.store.createExperiment({
      name,
      tags,
      creationTime: now(),
      ...(options.artifactLocation ? { artifactLocation: options.artifactLocation } : {}),
    });
    announce(this.store.uri, { type: 'experiment-changed', experimentId: exp.experimentId });
    return exp.experimentId;
  }

  getExperiment(experimentId: string): Promise<Experiment | undefined> {
    return this.store.getExperiment(String(experimentId));
  }

  getExperimentByName(name: string): Promise<Experiment | undefined> {
    return this.store.getExperimentByName(name);
  }

  async searchExperiments(viewType: ViewType = 'ACTIVE_ONLY'): Promise<Experiment[]> {
    await this.getOrCreateDefaultExperiment();
    return this.store.listExperiments(viewType);
  }

  async renameExperiment(experimentId: string, newName: string): Promise<void> {
    validateExperimentName(newName);
    await this.store.updateExperiment(experimentId, { name: newName }, now());
    announce(this.store.uri, { type: 'experiment-changed', experimentId });
  }

  async deleteExperiment(experimentId: string): Promise<void> {
    const exp = await this.store.getExperiment(experimentId);
    if (!exp) throw experimentNotFound(experimentId);
    if (exp.experimentId === '0')
      throw new TrackingError(
        "Cannot delete the default experiment '0'. This is an internally reserved experiment.",
        'INVALID_PARAMETER_VALUE',
      );
    await this.store.updateExperiment(experimentId, { lifecycleStage: 'deleted' }, now());
    announce(this.store.uri, { type: 'experiment-changed', experimentId });
  }

  async restoreExperiment(experimentId: string): Promise<void> {
    await this.store.updateExperiment(experimentId, { lifecycleStage: 'active' }, now());
    announce(this.store.uri, { type: 'experiment-changed', experimentId });
  }

  async setExperimentTag(experimentId: string, key: string, value: unknown): Promise<void> {
    validateKey('tag', key);
    const v = stringifyValue(value);
    validateTagValue(key, v);
    await this.store.setExperimentTag(experimentId, key, v);
    announce(this.store.uri, { type: 'experiment-changed', experimentId });
  }

  // ── runs ───────────────────────────────────────────────────────────────────

  /** A new run entity (validated, defaults filled), not yet stored: createRun stores it, commitRun may. */
  async buildRun(experimentId: string, options: NewRunOptions = {}): Promise<Run> {
    const exp = await this.store.getExperiment(String(experimentId));
    if (!exp) throw experimentNotFound(String(experimentId));
    if (exp.lifecycleStage !== 'active') {
      throw new TrackingError(
        `The experiment ${exp.experimentId} must be in the 'active' state. Current state is deleted.`,
        'INVALID_STATE',
      );
    }
    if (options.startTime !== undefined) validateRunTime('start_time', options.startTime);
    const tags = validTags(options.tags ?? {});
    const runName = options.runName ?? tags[SYSTEM_TAGS.runName] ?? generateRunName();
    validateRunName(runName);
    tags[SYSTEM_TAGS.runName] = runName;
    const userId = options.userId ?? tags[SYSTEM_TAGS.user] ?? 'unknown';
    const runId = options.runId ?? newRunId();
    const info: RunInfo = {
      runId,
      runName,
      experimentId: exp.experimentId,
      userId,
      status: 'RUNNING',
      startTime: options.startTime ?? now(),
      endTime: null,
      artifactUri: `${exp.artifactLocation}/${runId}/artifacts`,
      lifecycleStage: 'active',
    };
    return { info, data: { params: {}, metrics: {}, tags }, inputs: { datasetInputs: [] } };
  }

  async createRun(experimentId: string, options: NewRunOptions = {}): Promise<Run> {
    return this.createBuiltRun(await this.buildRun(experimentId, options));
  }

  /** Store a run buildRun made earlier (autolog: at fit time); returns it with the id the store gave it. */
  async createBuiltRun(built: Run): Promise<Run> {
    const run = await this.store.createRun(built);
    announce(this.store.uri, { type: 'run-created', runId: run.info.runId, experimentId: run.info.experimentId });
    return run;
  }

  /** Whether the store chooses run ids (an MLflow server): a built run's id is replaced when it is stored. */
  get assignsRunIds(): boolean {
    return this.store.assignsRunIds;
  }

  /** The run with everything logged to it so far (pending writes are flushed first). */
  async getRun(runId: string): Promise<Run> {
    await this.queue.flush();
    const run = await this.store.getRun(runId);
    if (!run) throw runNotFound(runId);
    return run;
  }

  async updateRun(
    runId: string,
    patch: { status?: RunStatus; endTime?: number | null; runName?: string },
  ): Promise<RunInfo> {
    if (patch.status !== undefined) validateStatus(patch.status);
    if (patch.runName !== undefined) validateRunName(patch.runName);
    if (patch.endTime != null) validateRunTime('end_time', patch.endTime);
    await this.queue.flush();
    const info = await this.store.updateRunInfo(runId, patch);
    announce(this.store.uri, { type: 'run-updated', runId });
    return info;
  }

  /** End a run: MLflow's `set_terminated`. */
  setTerminated(runId: string, status: RunStatus = 'FINISHED', endTime: number = now()): Promise<RunInfo> {
    validateStatus(status);
    if (!TERMINAL_STATUSES.includes(status))
      throw new TrackingError(`Cannot end a run with status ${status}; use FINISHED, FAILED or KILLED.`);
    return this.updateRun(runId, { status, endTime });
  }

  async deleteRun(runId: string): Promise<void> {
    await this.queue.flush();
    await this.store.updateRunInfo(runId, { lifecycleStage: 'deleted' });
    announce(this.store.uri, { type: 'run-updated', runId });
  }

  async restoreRun(runId: string): Promise<void> {
    await this.store.updateRunInfo(runId, { lifecycleStage: 'active' });
    announce(this.store.uri, { type: 'run-updated', runId });
  }

  // ── logging: every call below is one logBatch underneath ──────────────────

  logMetric(
    runId: string,
    key: string,
    value: number,
    options: { step?: number; timestamp?: number } = {},
  ): Promise<void> {
    const step = options.step ?? 0;
    const timestamp = options.timestamp ?? now();
    try {
      validateMetricPoint(key, value, step, timestamp);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.queue.enqueueMetric(runId, key, value, step, timestamp);
  }

  logParam(runId: string, key: string, value: unknown): Promise<void> {
    return this.logBatch(runId, { params: [{ key, value: value as string }] });
  }

  setTag(runId: string, key: string, value: unknown): Promise<void> {
    return this.logBatch(runId, { tags: [{ key, value: value as string }] });
  }

  /** Validate and queue; values of params and tags are stringified as MLflow does (`str(value)`). */
  logBatch(runId: string, batch: BatchInput): Promise<void> {
    try {
      return this.queue.enqueue(runId, validBatch(batch));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** logBatch, written at once instead of after the batching delay (for callers about to read it back). */
  logBatchNow(runId: string, batch: BatchInput): Promise<void> {
    const done = this.logBatch(runId, batch);
    void this.queue.flush();
    return done;
  }

  async deleteTag(runId: string, key: string): Promise<void> {
    await this.queue.flush();
    await this.store.deleteTag(runId, key);
    announce(this.store.uri, { type: 'run-updated', runId });
  }

  async logInputs(runId: string, inputs: DatasetInput[]): Promise<void> {
    for (const d of inputs) {
      if (!d.dataset?.name || !d.dataset.digest) throw new TrackingError('A dataset input needs a name and a digest.');
    }
    await this.store.logInputs(runId, inputs);
    announce(this.store.uri, { type: 'run-updated', runId });
  }

  async getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    await this.queue.flush();
    return this.store.getMetricHistory(runId, key);
  }

  /** Resolves when every queued logging call is durable. */
  flush(): Promise<void> {
    return this.queue.flush();
  }

  // ── artifacts ──────────────────────────────────────────────────────────────

  async logArtifact(runId: string, path: string, data: ArtifactData, contentType?: string): Promise<void> {
    await this.store.putArtifact(runId, await storedArtifact(path, data, contentType));
    announce(this.store.uri, { type: 'run-updated', runId });
  }

  /**
   * Several changes to one run in one transaction — params, metrics, tags, dataset inputs, artifacts,
   * and optionally its end — so a run recorded at once (autolog) is stored whole or not at all.
   */
  async commitRun(
    runId: string,
    change: {
      params?: Record<string, unknown>;
      metrics?: Record<string, number>;
      tags?: Record<string, unknown>;
      inputs?: DatasetInput[];
      artifacts?: Array<{ path: string; data: ArtifactData; contentType?: string }>;
      /** Metric points with their own steps and times (a whole history), besides `metrics`. */
      history?: Metric[];
      end?: { status: RunStatus; endTime?: number | null };
      lifecycleStage?: 'active' | 'deleted';
      /** The artifacts are copied from an archive: they keep their paths (MLflow's rules hold what is newly logged). */
      copied?: boolean;
    },
    /** A run from buildRun to create in the same transaction (a run recorded whole, e.g. after a fit). */
    create?: Run,
  ): Promise<RunInfo> {
    const ts = now();
    const valid = validBatch({
      params: Object.entries(change.params ?? {}).map(([key, value]) => ({ key, value })),
      metrics: [
        ...Object.entries(change.metrics ?? {}).map(([key, value]) => ({ key, value, step: 0, timestamp: ts })),
        ...(change.history ?? []),
      ],
      tags: Object.entries(change.tags ?? {}).map(([key, value]) => ({ key, value })),
    });
    if (change.end) validateStatus(change.end.status);
    if (change.end?.endTime != null) validateRunTime('end_time', change.end.endTime);
    const artifacts = await Promise.all(
      (change.artifacts ?? []).map((f) => storedArtifact(f.path, f.data, f.contentType, change.copied)),
    );
    await this.queue.flush(); // earlier calls for this run land first
    const info = await this.store.commit(runId, {
      ...(create ? { create } : {}),
      batch: valid,
      ...(change.inputs?.length ? { inputs: change.inputs } : {}),
      ...(artifacts.length ? { artifacts } : {}),
      ...(change.end || change.lifecycleStage
        ? {
            info: {
              ...(change.end
                ? { status: change.end.status, endTime: change.end.endTime === undefined ? now() : change.end.endTime }
                : {}),
              ...(change.lifecycleStage ? { lifecycleStage: change.lifecycleStage } : {}),
            },
          }
        : {}),
    });
    // A store that assigns ids gave the created run its own: `info.runId` is the one to use from here.
    if (create)
      announce(this.store.uri, { type: 'run-created', runId: info.runId, experimentId: create.info.experimentId });
    announce(this.store.uri, { type: 'run-updated', runId: info.runId });
    return info;
  }

  /** Several files in one transaction: a logged model's folder is written whole or not at all. */
  async logArtifacts(
    runId: string,
    files: Array<{ path: string; data: ArtifactData; contentType?: string }>,
  ): Promise<void> {
    const stored = await Promise.all(files.map((f) => storedArtifact(f.path, f.data, f.contentType)));
    await this.store.putArtifacts(runId, stored);
    announce(this.store.uri, { type: 'run-updated', runId });
  }

  async listArtifacts(runId: string, path?: string): Promise<ArtifactEntry[]> {
    return listLevel(await this.store.listArtifactPaths(runId), path ? normalizeArtifactPath(path) : '');
  }

  /** Every artifact file below `path` (recursively), e.g. a logged model's folder. */
  async listArtifactFiles(runId: string, path = ''): Promise<Array<{ path: string; size: number }>> {
    const prefix = path ? normalizeArtifactPath(path) + '/' : '';
    return (await this.store.listArtifactPaths(runId)).filter((f) => f.path.startsWith(prefix));
  }

  /**
   * Deletes a file, or a folder with everything below it, for good (frees its space; works on a full
   * disk). Returns the deleted files. Stores that cannot (a tracking server) refuse.
   */
  async deleteArtifacts(runId: string, path: string): Promise<Array<{ path: string; size: number }>> {
    if (!this.store.deleteArtifacts)
      throw new TrackingError(`${this.store.uri} does not delete artifacts; delete them on the server.`, 'BAD_REQUEST');
    const clean = normalizeArtifactPath(path);
    const deleted = await this.store.deleteArtifacts(runId, clean);
    if (!deleted.length) throw artifactNotFound(runId, clean);
    announce(this.store.uri, { type: 'run-updated', runId });
    return deleted;
  }

  async downloadArtifact(runId: string, path: string): Promise<Blob> {
    const clean = normalizeArtifactPath(path);
    const a = await this.store.getArtifact(runId, clean);
    if (!a) throw artifactNotFound(runId, clean);
    return new Blob([a.bytes], { type: a.contentType });
  }

  /**
   * A file below an artifact URI (`mlflow-artifacts:/1/<run>/artifacts/model` and `MLmodel`), as
   * `mlflow.artifacts.download_artifacts(artifact_uri=…)` reads it: only a store on an MLflow server can.
   */
  async downloadArtifactAtUri(artifactUri: string, path: string): Promise<Blob> {
    if (!this.store.getArtifactAtUri) throw artifactUriNeedsServer(this.store.uri);
    const clean = normalizeArtifactPath(path);
    const a = await this.store.getArtifactAtUri(artifactUri, clean);
    if (!a) throw new TrackingError(`No artifact '${clean}' at ${artifactUri}`, 'RESOURCE_DOES_NOT_EXIST');
    return new Blob([a.bytes], { type: a.contentType });
  }

  // ── search ─────────────────────────────────────────────────────────────────

  /** MLflow's search_runs: a page of runs, filtered and ordered (by the store when it searches itself). */
  searchRuns(options: SearchRunsOptions): Promise<PagedList<Run>> {
    return searchRuns(this.store, options, () => this.queue.flush());
  }

  // ── recovery ───────────────────────────────────────────────────────────────

  /**
   * End, as KILLED, every RUNNING run that no live page owns: its page died before it could end it.
   * The end time is the run's last logged activity. Runs once per client; returns the ids it ended.
   */
  recoverOrphanedRuns(): Promise<string[]> {
    this.recovery ??= (async () => {
      const [running, owned] = await Promise.all([this.store.listRunningRuns(), liveOwnedRuns()]);
      const ended: string[] = [];
      for (const r of running) {
        if (owned.has(r.info.runId)) continue;
        await this.store.updateRunInfo(r.info.runId, {
          status: 'KILLED',
          endTime: Math.max(r.lastActivity, r.info.startTime),
        });
        announce(this.store.uri, { type: 'run-updated', runId: r.info.runId });
        ended.push(r.info.runId);
      }
      return ended;
    })();
    return this.recovery;
  }
}

// The tracking client (MLflow's MlflowClient): defaults, validation and entity construction over a
// TrackingStore, for runs — their logging, artifacts, search and a local store's upkeep — on top of the
// experiments half (experiments-client.ts). It knows nothing of an "active run"; that is the fluent
// layer's state. It announces every change it makes (announce.ts), and nothing else in tracking/ does.
import { TrackingError } from '../lib/errors';
import { now } from '../lib/time';
import type { DumpedRun } from './dump';
import type { ArtifactEntry, DatasetInput, Metric, Run, RunInfo, RunStatus } from './entities';
import { TERMINAL_STATUSES } from './entities';
import { artifactNotFound, artifactUriNeedsServer, experimentNotFound, runNotFound } from './errors';
import { announce } from './announce';
import { cannotRestore, ExperimentsClient } from './experiments-client';
import { newRun, type NewRunOptions } from './new-run';
import { liveOwnedRuns } from './ownership';
import { runChange, type RunRecord } from './run-commit';
import { listLevel, type PurgeResult, type TrackingStore } from './store';
import {
  validBatch,
  validateMetricPoint,
  validateRunName,
  validateRunTime,
  validateStatus,
  type BatchInput,
} from './validation';
import { WriteQueue } from './write-queue';
import { normalizeArtifactPath, storedArtifact, type ArtifactData } from './artifact-data';
import { searchRuns, type PagedList, type SearchRunsOptions } from './run-search';

export { normalizeArtifactPath, type ArtifactData };
export type { NewRunOptions } from './new-run';
export type { RunRecord } from './run-commit';
export type { PagedList, SearchRunsOptions } from './run-search';

export { DEFAULT_EXPERIMENT_NAME } from './experiments-client';

export class TrackingClient extends ExperimentsClient {
  private readonly queue: WriteQueue;
  private recovery: Promise<string[]> | null = null;

  constructor(store: TrackingStore) {
    super(store);
    this.queue = new WriteQueue(store, { onWritten: (runId) => this.runUpdated(runId) });
  }

  // Every change below is announced (announce.ts): views in every tab, and a notebook's kernel, hear of it.
  private runUpdated(runId: string): void {
    announce(this.store.uri, { type: 'run-updated', runId });
  }

  // ── runs ───────────────────────────────────────────────────────────────────

  /** A new run entity (validated, defaults filled), not yet stored: createRun stores it, commitRun may. */
  async buildRun(experimentId: string, options: NewRunOptions = {}): Promise<Run> {
    const exp = await this.store.getExperiment(String(experimentId));
    if (!exp) throw experimentNotFound(String(experimentId));
    return newRun(exp, options);
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
    this.runUpdated(runId);
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
    this.runUpdated(runId);
  }

  async restoreRun(runId: string): Promise<void> {
    await this.store.updateRunInfo(runId, { lifecycleStage: 'active' });
    this.runUpdated(runId);
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
    this.runUpdated(runId);
  }

  async logInputs(runId: string, inputs: DatasetInput[]): Promise<void> {
    for (const d of inputs) {
      if (!d.dataset?.name || !d.dataset.digest) throw new TrackingError('A dataset input needs a name and a digest.');
    }
    await this.store.logInputs(runId, inputs);
    this.runUpdated(runId);
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
    this.runUpdated(runId);
  }

  /**
   * Several changes to one run in one transaction — params, metrics, tags, dataset inputs, artifacts,
   * and optionally its end — so a run recorded at once (autolog) is stored whole or not at all.
   */
  async commitRun(
    runId: string,
    record: RunRecord,
    /** A run from buildRun to create in the same transaction (a run recorded whole, e.g. after a fit). */
    create?: Run,
  ): Promise<RunInfo> {
    const change = await runChange(record, create);
    await this.queue.flush(); // earlier calls for this run land first
    const info = await this.store.commit(runId, change);
    // A store that assigns ids gave the created run its own: `info.runId` is the one to use from here.
    if (create)
      announce(this.store.uri, { type: 'run-created', runId: info.runId, experimentId: create.info.experimentId });
    this.runUpdated(info.runId);
    return info;
  }

  /** Several files in one transaction: a logged model's folder is written whole or not at all. */
  async logArtifacts(
    runId: string,
    files: Array<{ path: string; data: ArtifactData; contentType?: string }>,
  ): Promise<void> {
    const stored = await Promise.all(files.map((f) => storedArtifact(f.path, f.data, f.contentType)));
    await this.store.putArtifacts(runId, stored);
    this.runUpdated(runId);
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
    this.runUpdated(runId);
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

  // ── a local store's upkeep: archives restored, runs deleted for good ────────

  /** An archived run whole, in one transaction (see TrackingStore.restoreRun); local stores only. */
  async restoreDumpedRun(
    run: DumpedRun,
    options: { onlyIfNewer?: boolean } = {},
  ): Promise<'added' | 'replaced' | 'kept'> {
    if (!this.store.restoreRun) throw cannotRestore(this.store.uri);
    const { runId, experimentId } = run.info;
    const outcome = await this.store.restoreRun(run, options);
    if (outcome === 'added') announce(this.store.uri, { type: 'run-created', runId, experimentId });
    if (outcome === 'replaced') this.runUpdated(runId);
    return outcome;
  }

  /**
   * Deletes for good the runs `select` picks (MLflow's `gc`: tracking/gc.ts picks deleted runs), after
   * pending writes land, and announces each. A tracking server (it has its own `mlflow gc`) is refused
   * before anything is read.
   */
  async purgeRuns(select: () => Promise<string[]>): Promise<PurgeResult> {
    const purge = this.store.purgeRuns?.bind(this.store);
    if (!purge)
      throw new TrackingError(
        `${this.store.uri} cannot purge runs here; run \`mlflow gc\` on the server.`,
        'BAD_REQUEST',
      );
    await this.queue.flush();
    const result = await purge(await select());
    for (const runId of result.runs) this.runUpdated(runId);
    return result;
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
        this.runUpdated(r.info.runId);
        ended.push(r.info.runId);
      }
      return ended;
    })();
    return this.recovery;
  }
}

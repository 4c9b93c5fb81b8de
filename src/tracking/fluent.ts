// MLflow's fluent API in camelCase: the active-run stack (active-runs.ts) and the active experiment, and
// nothing else. Every call goes through a TrackingClient; this layer only decides *which* run or experiment.
import { isInterrupt, TrackingError } from '../lib/errors';
import { now } from '../lib/time';
import type { ArtifactEntry, DatasetInfo, Experiment, Metric, Run, RunStatus } from './entities';
import { SYSTEM_TAGS } from './entities';
import { ActiveRuns } from './active-runs';
import { TrackingClient, type ArtifactData, type PagedList } from './client';
import { defaultContext, type RunContext } from './context';
import { deletedExperimentNotActive, experimentIdNotFound } from './errors';
import { imageToBlob, type ImageInput } from './images';
import { isChartFigure, type ChartFigure } from './figures';
import { artifactFilePath, chartFile, dictText } from './artifact-files';
import type { ViewType } from './store';
import type { SearchOptions, StartRunOptions } from './fluent-options';
import { defaultTrackingUri, storeForUri } from './uri';
import { setServerOptions, type ServerOptions } from '../lib/server-options';

export type { SearchOptions, StartRunOptions } from './fluent-options';

export class Fluent {
  private uri: string;
  private clientInstance: TrackingClient | null = null;
  private pending = new Set<Promise<unknown>>();
  private experimentId: string | undefined;
  private context: RunContext = defaultContext();
  private readonly runs = new ActiveRuns({
    client: () => this.client(),
    experimentId: () => this.activeExperimentId(),
    tags: () => this.contextTags(),
    user: () => this.context.user,
  });

  constructor(uri?: string) {
    this.uri = uri ?? defaultTrackingUri();
  }

  // ── configuration ──────────────────────────────────────────────────────────

  /**
   * Where runs go: `indexeddb:<db>` (this browser, the default), `memory:`, or an MLflow tracking
   * server `https://<host>` with optional credentials and timeouts (kept in memory only).
   */
  setTrackingUri(uri: string, server?: ServerOptions): void {
    if (this.runs.active())
      throw new TrackingError(
        'Cannot change the tracking URI while a run is active; end it first with mlflow.endRun().',
      );
    if (server) setServerOptions(uri, server);
    storeForUri(uri); // refuse an unsupported URI now, not at the first log call
    this.uri = uri;
    this.clientInstance = null;
    this.experimentId = undefined;
  }

  getTrackingUri(): string {
    return this.uri;
  }

  /** The MlflowClient behind this API. Opening a store also ends runs orphaned by a dead page. */
  client(): TrackingClient {
    if (!this.clientInstance) {
      this.clientInstance = new TrackingClient(storeForUri(this.uri));
      this.clientInstance
        .recoverOrphanedRuns()
        .catch((err) => console.warn('kiroku: could not recover orphaned runs', err));
    }
    return this.clientInstance;
  }

  /** Set who and what new runs are attributed to (the notebook kernel sets the cell here). */
  setRunContext(context: Partial<RunContext>): void {
    this.context = { ...this.context, ...context, tags: { ...this.context.tags, ...context.tags } };
  }

  /** The tags every new run gets from the context: user, source name and type, and the extra tags. */
  contextTags(): Record<string, string> {
    const c = this.context;
    return {
      [SYSTEM_TAGS.user]: c.user,
      [SYSTEM_TAGS.sourceName]: c.sourceName,
      [SYSTEM_TAGS.sourceType]: c.sourceType,
      ...c.tags,
    };
  }

  getRunContext(): RunContext {
    return { ...this.context, tags: { ...this.context.tags } };
  }

  // ── experiments ────────────────────────────────────────────────────────────

  async setExperiment(name: string | { experimentId: string }): Promise<Experiment> {
    const c = this.client();
    const exp =
      typeof name === 'string' ? await c.getOrCreateExperiment(name) : await c.getExperiment(name.experimentId);
    if (!exp) throw experimentIdNotFound((name as { experimentId: string }).experimentId);
    if (exp.lifecycleStage === 'deleted') throw deletedExperimentNotActive(exp.name);
    this.experimentId = exp.experimentId;
    return exp;
  }

  createExperiment(
    name: string,
    options: { artifactLocation?: string; tags?: Record<string, unknown> } = {},
  ): Promise<string> {
    return this.client().createExperiment(name, options);
  }

  getExperiment(experimentId: string): Promise<Experiment | undefined> {
    return this.client().getExperiment(experimentId);
  }

  getExperimentByName(name: string): Promise<Experiment | undefined> {
    return this.client().getExperimentByName(name);
  }

  searchExperiments(viewType: ViewType = 'ACTIVE_ONLY'): Promise<Experiment[]> {
    return this.client().searchExperiments(viewType);
  }

  deleteExperiment(experimentId: string): Promise<void> {
    return this.client().deleteExperiment(experimentId);
  }

  restoreExperiment(experimentId: string): Promise<void> {
    return this.client().restoreExperiment(experimentId);
  }

  private async activeExperimentId(): Promise<string> {
    if (this.experimentId !== undefined) return this.experimentId;
    return (await this.client().getOrCreateDefaultExperiment()).experimentId;
  }

  /** The experiment new runs go to (set with setExperiment, else "Default"). */
  async activeExperiment(): Promise<Experiment> {
    const id = await this.activeExperimentId();
    const exp = await this.client().getExperiment(id);
    if (!exp) throw experimentIdNotFound(id);
    return exp;
  }

  // ── runs ───────────────────────────────────────────────────────────────────

  /**
   * Start a run (or resume one with `runId`) and make it active. With a callback, the run ends when
   * the callback settles: FINISHED, or FAILED with the error rethrown (KILLED when interrupted) —
   * MLflow's `with start_run():`.
   */
  startRun(options?: StartRunOptions): Promise<Run>;
  startRun<T>(options: StartRunOptions, callback: (run: Run) => T | Promise<T>): Promise<T>;
  startRun<T>(callback: (run: Run) => T | Promise<T>): Promise<T>;
  async startRun<T>(
    optionsOrCallback: StartRunOptions | ((run: Run) => T | Promise<T>) = {},
    callback?: (run: Run) => T | Promise<T>,
  ): Promise<Run | T> {
    const options = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback;
    const body = typeof optionsOrCallback === 'function' ? optionsOrCallback : callback;
    const run = await this.runs.begin(options);
    if (!body) return run;
    let result: T;
    try {
      result = await body(run);
    } catch (err) {
      // An interrupted cell ends its run KILLED, as MLflow does for a KeyboardInterrupt.
      await this.runs.end(run.info.runId, isInterrupt(err) ? 'KILLED' : 'FAILED');
      throw err;
    }
    await this.runs.end(run.info.runId, 'FINISHED');
    return result;
  }

  /** End the active run (the innermost, when nested). */
  async endRun(status: RunStatus = 'FINISHED'): Promise<void> {
    const top = this.runs.active();
    if (top) await this.runs.end(top.info.runId, status);
  }

  /** The active run as it was when started, or undefined. */
  activeRun(): Run | undefined {
    return this.runs.active();
  }

  /** The last run started (active or ended), with its data as of its end. */
  lastActiveRun(): Run | undefined {
    return this.runs.lastActive();
  }

  /** The active run's id, starting a run when none is active (for APIs layered on this one). */
  activeRunId(): Promise<string> {
    return Promise.resolve(this.runs.runIdFor());
  }

  // ── logging ────────────────────────────────────────────────────────────────

  logParam(key: string, value: unknown): Promise<void> {
    return this.runs.withRun((id) => this.client().logParam(id, key, value));
  }

  logParams(params: Record<string, unknown>): Promise<void> {
    return this.runs.withRun((id) =>
      this.client().logBatch(id, { params: Object.entries(params).map(([key, value]) => ({ key, value })) }),
    );
  }

  logMetric(
    key: string,
    value: number,
    options: { step?: number; timestamp?: number; runId?: string } = {},
  ): Promise<void> {
    // The hot path of a training loop: no closure, no extra promise when a run is active.
    const id = options.runId ?? this.runs.active()?.info.runId;
    if (id) return this.client().logMetric(id, key, value, options);
    return this.runs.withRun((runId) => this.client().logMetric(runId, key, value, options));
  }

  logMetrics(
    metrics: Record<string, number>,
    options: { step?: number; timestamp?: number; runId?: string } = {},
  ): Promise<void> {
    const timestamp = options.timestamp ?? now();
    const list: Metric[] = Object.entries(metrics).map(([key, value]) => ({
      key,
      value,
      step: options.step ?? 0,
      timestamp,
    }));
    return this.runs.withRun((id) => this.client().logBatch(id, { metrics: list }), options.runId);
  }

  setTag(key: string, value: unknown): Promise<void> {
    return this.runs.withRun((id) => this.client().setTag(id, key, value));
  }

  setTags(tags: Record<string, unknown>): Promise<void> {
    return this.runs.withRun((id) =>
      this.client().logBatch(id, { tags: Object.entries(tags).map(([key, value]) => ({ key, value })) }),
    );
  }

  deleteTag(key: string): Promise<void> {
    return this.runs.withRun((id) => this.client().deleteTag(id, key));
  }

  /** Log text as an artifact file, e.g. `logText(report, 'reports/summary.txt')`. */
  logText(text: string, artifactFile: string): Promise<void> {
    return this.runs.withRun((id) => this.client().logArtifact(id, artifactFile, text));
  }

  /** Log an object as JSON (`.json`) or YAML (`.yaml`/`.yml`), as MLflow's `log_dict`. */
  async logDict(object: unknown, artifactFile: string): Promise<void> {
    const text = await dictText(object, artifactFile);
    return this.runs.withRun((id) => this.client().logArtifact(id, artifactFile, text));
  }

  /** Log a file: a `File` under the folder `artifactPath` with its own name; other data at `artifactPath`. */
  async logArtifact(data: ArtifactData | File, artifactPath?: string): Promise<void> {
    const path = artifactFilePath(data, artifactPath); // a missing path rejects, never throws
    return this.runs.withRun((id) => this.client().logArtifact(id, path, data));
  }

  /** Log an image as PNG (MLflow's `log_image`): a Blob, canvas, ImageData or array of pixels. */
  async logImage(image: ImageInput, artifactFile: string): Promise<void> {
    const blob = await imageToBlob(image);
    return this.runs.withRun((id) => this.client().logArtifact(id, artifactFile, blob, blob.type || undefined));
  }

  /**
   * Log a figure (MLflow's `log_figure`): a chart spec `{type: 'line'|'scatter'|'bar', x, series}` as
   * the same display the notebook shows, saved as JSON the run page draws; or an image of one.
   */
  async logFigure(figure: ChartFigure | ImageInput, artifactFile = 'figure.json'): Promise<void> {
    if (isChartFigure(figure)) {
      const { path, text, contentType } = chartFile(figure, artifactFile);
      return this.runs.withRun((id) => this.client().logArtifact(id, path, text, contentType));
    }
    return this.logImage(figure, artifactFile);
  }

  listArtifacts(runId?: string, path?: string): Promise<ArtifactEntry[]> {
    return this.runs.withRun((id) => this.client().listArtifacts(id, path), runId);
  }

  /** An artifact's content as a Blob (with its content type). */
  getArtifact(runId: string, path: string): Promise<Blob> {
    return this.client().downloadArtifact(runId, path);
  }

  /** Record a dataset the run used; `context` is "training", "eval", … as in MLflow. */
  logInput(
    dataset: DatasetInfo | { toDatasetInfo(): DatasetInfo },
    context?: string,
    tags: Record<string, string> = {},
  ): Promise<void> {
    const info = 'toDatasetInfo' in dataset ? dataset.toDatasetInfo() : dataset;
    const inputTags = { ...tags, ...(context ? { 'mlflow.data.context': context } : {}) };
    return this.runs.withRun((id) => this.client().logInputs(id, [{ dataset: info, tags: inputTags }]));
  }

  // ── reading ────────────────────────────────────────────────────────────────

  getRun(runId: string): Promise<Run> {
    return this.client().getRun(runId);
  }

  getMetricHistory(runId: string, key: string): Promise<Array<{ step: number; value: number; timestamp: number }>> {
    return this.client()
      .getMetricHistory(runId, key)
      .then((h) => h.map(({ step, value, timestamp }) => ({ step, value, timestamp })));
  }

  async searchRuns(options: SearchOptions = {}): Promise<PagedList<Run>> {
    const c = this.client();
    let ids = options.experimentIds?.map(String);
    if (options.experimentNames) {
      const found = await Promise.all(options.experimentNames.map((n) => c.getExperimentByName(n)));
      ids = [...(ids ?? []), ...found.filter((e): e is Experiment => !!e).map((e) => e.experimentId)];
    }
    if (!ids) ids = [await this.activeExperimentId()];
    return c.searchRuns({ ...options, experimentIds: ids });
  }

  deleteRun(runId: string): Promise<void> {
    return this.client().deleteRun(runId);
  }

  restoreRun(runId: string): Promise<void> {
    return this.client().restoreRun(runId);
  }

  /** Resolves when every logging call made so far is durable. */
  async flush(): Promise<void> {
    // Background work first (autolog finishing a run after a synchronous fit), then queued writes.
    while (this.pending.size) await Promise.allSettled([...this.pending]);
    if (this.clientInstance) await this.clientInstance.flush();
  }

  /** Work done in the background on this API's behalf (autolog); `flush()` waits for it. */
  trackPending(work: Promise<unknown>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work)).catch(() => {});
  }

  /** Record a run ended outside the active-run stack (autolog's own runs) as the last active run. */
  setLastRun(run: Run): void {
    this.runs.setLast(run);
  }
}

/** Fluent's public API (what `mlflow` offers of it): its methods, without the class's private state. */
export type FluentApi = Pick<Fluent, keyof Fluent>;

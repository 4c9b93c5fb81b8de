// Records one autologged fit into a run. Everything that reads the model or the data happens
// synchronously when the fit returns (the caller may refit or change them right after); the writes
// then happen in the background, and `mlflow.flush()` waits for them.
import { environmentInfo, requirementsText } from '../lib/environment';
import { isInterrupt } from '../lib/errors';
import { now } from '../lib/time';
import type { FluentApi } from '../tracking/fluent';
import type { ModelApi } from '../logged-model/api';
import { claimRun, reclaim } from '../tracking/ownership';
import { newRunId } from '../lib/ids';
import type { Run, RunStatus } from '../tracking/entities';
import type { ResolvedOptions } from './options';

export interface FitSnapshot {
  params: Record<string, string>;
  metrics: Record<string, number>;
  tags: Record<string, string>;
  /** A model to log, and how (taken at fit time so later changes don't leak in). */
  model?: { object: unknown; inputExample?: unknown; signature?: unknown };
  dataset?: () => Promise<import('../tracking/entities').DatasetInfo>;
  extraArtifacts?: Record<string, string>;
}

export type Api = FluentApi & ModelApi;
type CommitContent = Omit<Parameters<import('../tracking/client').TrackingClient['commitRun']>[1], 'end'>;

/**
 * A run for one fit: the user's active run, or one autolog starts (and ends). `runId` is known at
 * once, so per-epoch metrics can be logged while the fit is still going.
 */
export class FitRecorder {
  /** The run's id; a store that assigns ids (an MLflow server) replaces it when the run is created. */
  runId: string;
  readonly ownsRun: boolean;
  /** Set once the run exists in the store (autolog's own runs are created on first need). */
  private created: Promise<void> | null;
  private release: (() => void) | null = null;
  private readonly entity: Promise<Run> | null;

  constructor(
    private readonly api: Api,
    private readonly options: ResolvedOptions,
    flavor: string,
    readonly startTime = now(),
  ) {
    const active = api.activeRun();
    this.ownsRun = !active;
    this.runId = active ? active.info.runId : newRunId();
    this.created = this.ownsRun ? null : Promise.resolve();
    // The run's entity is built now (its context: user, source, cell) but stored only when needed:
    // a synchronous fit's run is created, filled and ended in a single transaction at finish.
    this.entity = this.ownsRun ? this.buildRun(flavor) : null;
    this.entity?.catch(() => {});
  }

  private async buildRun(flavor: string): Promise<Run> {
    const ctx = this.api.getRunContext();
    const exp = await this.experimentId();
    return this.api.client().buildRun(exp, {
      runId: this.runId,
      startTime: this.startTime,
      userId: ctx.user,
      tags: { ...this.api.contextTags(), 'mlflow.autologging': flavor },
    });
  }

  /** Store the run now (a fit that logs while it runs: per-epoch metrics), holding its Web Lock. */
  private ensureCreated(): Promise<void> {
    this.created ??= (async () => {
      this.release = await claimRun(this.runId);
      const run = await this.api.client().createBuiltRun(await this.entity!);
      this.release = await reclaim(run.info.runId, this.runId, this.release);
      this.runId = run.info.runId;
    })();
    return this.created;
  }

  private async experimentId(): Promise<string> {
    return (await this.api.activeExperiment()).experimentId;
  }

  /** Log a metric point while the fit runs (per-epoch history). */
  logMetric(key: string, value: number, step: number): Promise<void> {
    return this.ensureCreated().then(() => this.api.client().logMetric(this.runId, key, value, { step }));
  }

  /** Whether autolog may write into this run (`exclusive` keeps it out of the user's runs). */
  get writable(): boolean {
    return this.ownsRun || !this.options.exclusive;
  }

  /**
   * Write the snapshot and, if autolog started the run, end it — all in one transaction, so the run
   * appears complete or not at all. Runs in the background.
   */
  async finish(snapshot: FitSnapshot, status: RunStatus, endTime = now()): Promise<void> {
    const client = this.api.client();
    try {
      // Created with the rest in one transaction, unless the store chooses the id: the logged model's
      // MLmodel names its run, so that run must exist first.
      if (client.assignsRunIds) await this.ensureCreated();
      const create = this.ownsRun && this.created === null ? await this.entity! : undefined;
      if (!create) await this.created;
      const content = this.writable ? await this.content(snapshot) : {};
      const info = await client.commitRun(
        this.runId,
        { ...content, ...(this.ownsRun ? { end: { status, endTime } } : {}) },
        create,
      );
      this.runId = info.runId;
    } catch (err) {
      this.warn(`could not record the fit: ${String(err)}`);
      if (this.ownsRun) {
        // Leave a trace of the fit even when its content could not be written.
        if (this.created === null) await this.ensureCreated().catch(() => {});
        await client.setTerminated(this.runId, status === 'FINISHED' ? 'FAILED' : status, endTime).catch(() => {});
      }
    } finally {
      if (this.ownsRun) {
        this.release?.();
        await client.getRun(this.runId).then(
          (run) => this.api.setLastRun(run),
          () => {},
        );
      }
    }
  }

  private async content(s: FitSnapshot): Promise<CommitContent> {
    const artifacts: CommitContent['artifacts'] = Object.entries(s.extraArtifacts ?? {}).map(([path, data]) => ({
      path,
      data,
    }));
    if (this.ownsRun) {
      artifacts!.push(
        { path: 'environment/requirements.txt', data: requirementsText() },
        { path: 'environment/environment.json', data: JSON.stringify(environmentInfo(), null, 2) },
      );
    }
    const tags: Record<string, string> = { ...s.tags };
    if (s.model && this.options.logModels) {
      const { prepareModel, historyWith, HISTORY_TAG } = await import('../logged-model/logged-model');
      const prepared = await prepareModel(this.runId, s.model.object, 'model', {
        ...(s.model.inputExample !== undefined ? { inputExample: s.model.inputExample } : {}),
        signature: (s.model.signature as never) ?? false,
      });
      artifacts!.push(...prepared.files);
      const current = this.ownsRun ? undefined : (await this.api.client().getRun(this.runId)).data.tags[HISTORY_TAG];
      tags[HISTORY_TAG] = historyWith(current, prepared.doc);
    }
    let inputs: CommitContent['inputs'] = [];
    if (s.dataset && this.options.logDatasets) {
      try {
        inputs = [{ dataset: await s.dataset(), tags: { 'mlflow.data.context': 'train' } }];
      } catch (err) {
        this.warn(`could not record the training dataset: ${String(err)}`);
      }
    }
    return { params: s.params, metrics: s.metrics, tags, inputs, artifacts };
  }

  /** The status a run ends with when the fit threw. */
  static failureStatus(err: unknown): RunStatus {
    return isInterrupt(err) ? 'KILLED' : 'FAILED';
  }

  warn(message: string): void {
    if (!this.options.silent) console.warn(`kiroku autolog: ${message}`);
  }
}

// Records one autologged fit into a run. Everything that reads the model or the data happens
// synchronously when the fit returns (the caller may refit or change them right after); the writes
// then happen in the background, and `mlflow.flush()` waits for them.
import { environmentInfo, requirementsText } from '../lib/environment';
import { isInterrupt } from '../lib/errors';
import { now } from '../lib/time';
import type { Fluent } from '../tracking/fluent';
import type { ModelApi } from '../models/api';
import { claimRun } from '../tracking/ownership';
import { newRunId } from '../lib/ids';
import type { RunStatus } from '../tracking/entities';
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

export type Api = Fluent & ModelApi;

/**
 * A run for one fit: the user's active run, or one autolog starts (and ends). `runId` is known at
 * once, so per-epoch metrics can be logged while the fit is still going.
 */
export class FitRecorder {
  readonly runId: string;
  readonly ownsRun: boolean;
  private readonly ready: Promise<void>;
  private release: (() => void) | null = null;

  constructor(private readonly api: Api, private readonly options: ResolvedOptions, flavor: string, readonly startTime = now()) {
    const active = api.activeRun();
    this.ownsRun = !active;
    this.runId = active ? active.info.runId : newRunId();
    this.ready = this.ownsRun ? this.createRun(flavor) : Promise.resolve();
    this.ready.catch(() => {});
  }

  private async createRun(flavor: string): Promise<void> {
    this.release = await claimRun(this.runId);
    const ctx = this.api.getRunContext();
    const exp = await this.experimentId();
    await this.api.client().createRun(exp, {
      runId: this.runId,
      startTime: this.startTime,
      userId: ctx.user,
      tags: {
        'mlflow.user': ctx.user,
        'mlflow.source.name': ctx.sourceName,
        'mlflow.source.type': ctx.sourceType,
        ...ctx.tags,
        'mlflow.autologging': flavor,
      },
    });
    await this.api.client().logArtifacts(this.runId, [
      { path: 'environment/requirements.txt', data: requirementsText() },
      { path: 'environment/environment.json', data: JSON.stringify(environmentInfo(), null, 2) },
    ]);
  }

  private async experimentId(): Promise<string> {
    return (await this.api.activeExperiment()).experimentId;
  }

  /** Log a metric point while the fit runs (per-epoch history). */
  logMetric(key: string, value: number, step: number): Promise<void> {
    return this.ready.then(() => this.api.client().logMetric(this.runId, key, value, { step }));
  }

  /** Whether autolog may write into this run (`exclusive` keeps it out of the user's runs). */
  get writable(): boolean {
    return this.ownsRun || !this.options.exclusive;
  }

  /** Write the snapshot, then end the run if autolog started it. Runs in the background. */
  async finish(snapshot: FitSnapshot, status: RunStatus, endTime = now()): Promise<void> {
    try {
      await this.ready;
      if (this.writable) await this.write(snapshot);
    } finally {
      if (this.ownsRun) await this.end(status, endTime);
    }
  }

  private async write(s: FitSnapshot): Promise<void> {
    const client = this.api.client();
    const ts = now();
    await client.logBatchNow(this.runId, {
      params: Object.entries(s.params).map(([key, value]) => ({ key, value })),
      metrics: Object.entries(s.metrics).map(([key, value]) => ({ key, value, step: 0, timestamp: ts })),
      tags: Object.entries(s.tags).map(([key, value]) => ({ key, value })),
    });
    const extra = Object.entries(s.extraArtifacts ?? {});
    if (extra.length) await client.logArtifacts(this.runId, extra.map(([path, data]) => ({ path, data })));
    if (s.dataset && this.options.logDatasets) {
      try {
        await client.logInputs(this.runId, [{ dataset: await s.dataset(), tags: { 'mlflow.data.context': 'train' } }]);
      } catch (err) {
        this.warn(`could not record the training dataset: ${String(err)}`);
      }
    }
    if (s.model && this.options.logModels) {
      const { logModel } = await import('../models/logged-model');
      await logModel(client, this.runId, s.model.object, 'model', {
        ...(s.model.inputExample !== undefined ? { inputExample: s.model.inputExample } : {}),
        signature: (s.model.signature as never) ?? false,
      });
    }
  }

  private async end(status: RunStatus, endTime: number): Promise<void> {
    try {
      await this.ready;
      const info = await this.api.client().setTerminated(this.runId, status, endTime);
      this.api.setLastRun(await this.api.client().getRun(info.runId));
    } finally {
      this.release?.();
    }
  }

  /** The status a run ends with when the fit threw. */
  static failureStatus(err: unknown): RunStatus {
    return isInterrupt(err) ? 'KILLED' : 'FAILED';
  }

  warn(message: string): void {
    if (!this.options.silent) console.warn(`kiroku autolog: ${message}`);
  }
}

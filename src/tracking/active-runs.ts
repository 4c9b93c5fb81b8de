// MLflow's active-run stack (fluent.py's `_active_run_stack`) behind one fluent API: starting a run —
// nested or not — or resuming one, each holding its ownership lock (ownership.ts) while it is active;
// ending a run with the runs nested in it; and the run a logging call without a run id goes to, started
// on demand as MLflow's `_get_or_start_run` does. Fluent (fluent.ts) is the API; this is its state.
import { TrackingError } from '../lib/errors';
import { newRunId } from '../lib/ids';
import type { TrackingClient } from './client';
import { type Run, type RunStatus, SYSTEM_TAGS } from './entities';
import type { StartRunOptions } from './fluent-options';
import { claimRun, reclaim } from './ownership';

/** What the stack asks of its fluent API: the client, the active experiment, and the run context. */
export interface ActiveRunsHost {
  client(): TrackingClient;
  /** The experiment a new run goes to when startRun names none. */
  experimentId(): Promise<string>;
  /** The tags every new run gets (user, source). */
  tags(): Record<string, string>;
  user(): string;
}

interface ActiveEntry {
  run: Run;
  release: () => void;
}

export class ActiveRuns {
  private stack: ActiveEntry[] = [];
  private last: Run | undefined;
  private autoStart: Promise<Run> | null = null;

  constructor(private readonly host: ActiveRunsHost) {}

  /** The innermost active run as it was when started, or undefined. */
  active(): Run | undefined {
    return this.stack.at(-1)?.run;
  }

  /** The innermost active run, else the last one ended (with its data as of its end). */
  lastActive(): Run | undefined {
    return this.stack.at(-1)?.run ?? this.last;
  }

  /** Record a run ended outside the stack (autolog's own runs) as the last active run. */
  setLast(run: Run): void {
    this.last = run;
  }

  /** Start a run (or resume `options.runId`) and push it on the stack. */
  async begin(options: StartRunOptions): Promise<Run> {
    const c = this.host.client();
    const parent = this.stack.at(-1);
    if (parent && !options.nested && options.runId !== parent.run.info.runId) {
      throw new TrackingError(
        `Run with UUID ${parent.run.info.runId} is already active. To start a new run, first end the current run ` +
          'with mlflow.endRun(). To start a nested run, call startRun with {nested: true}',
        'INVALID_STATE',
      );
    }
    if (options.runId) return this.resume(options.runId);
    const runId = newRunId();
    let release = await claimRun(runId);
    try {
      const experimentId = options.experimentId ?? (await this.host.experimentId());
      const tags: Record<string, unknown> = { ...this.host.tags(), ...options.tags };
      const parentRunId = options.parentRunId ?? (options.nested ? parent?.run.info.runId : undefined);
      if (parentRunId) tags[SYSTEM_TAGS.parentRunId] = parentRunId;
      if (options.description) tags[SYSTEM_TAGS.note] = options.description;
      const run = await c.createRun(experimentId, {
        runId,
        userId: this.host.user(),
        tags,
        ...(options.runName !== undefined ? { runName: options.runName } : {}),
      });
      release = await reclaim(run.info.runId, runId, release);
      this.stack.push({ run, release });
      return run;
    } catch (err) {
      release();
      throw err;
    }
  }

  private async resume(runId: string): Promise<Run> {
    const c = this.host.client();
    const existing = await c.getRun(runId);
    if (existing.info.lifecycleStage === 'deleted') {
      throw new TrackingError(`Cannot start run with ID ${runId} because it is in the deleted state.`, 'INVALID_STATE');
    }
    const release = await claimRun(runId);
    try {
      await c.updateRun(runId, { status: 'RUNNING', endTime: null });
      const run = await c.getRun(runId);
      this.stack.push({ run, release });
      return run;
    } catch (err) {
      release();
      throw err;
    }
  }

  /** End the run `runId` if it is active, with the runs nested in it. */
  async end(runId: string, status: RunStatus): Promise<void> {
    const i = this.stack.findIndex((e) => e.run.info.runId === runId);
    if (i === -1) return;
    // Runs nested inside it end with it, as MLflow ends children before the parent.
    const ending = this.stack.splice(i).reverse();
    try {
      for (const e of ending) {
        await this.host
          .client()
          .setTerminated(
            e.run.info.runId,
            e.run.info.runId === runId ? status : status === 'FINISHED' ? 'FINISHED' : 'KILLED',
          );
      }
    } finally {
      for (const e of ending) e.release();
      this.last = ending.at(-1)!.run;
      this.autoStart = null;
    }
    this.last = await this.host.client().getRun(runId);
  }

  /** The active run's id, starting a run first when none is active (MLflow's `_get_or_start_run`). */
  runIdFor(explicit?: string): string | Promise<string> {
    if (explicit) return explicit;
    const top = this.stack.at(-1);
    if (top) return top.run.info.runId;
    this.autoStart ??= this.begin({});
    return this.autoStart.then((r) => r.info.runId);
  }

  /** `fn` on the run `explicit`, else on the active run (started when none is). */
  withRun<T>(fn: (runId: string) => Promise<T>, explicit?: string): Promise<T> {
    const id = this.runIdFor(explicit);
    return typeof id === 'string' ? fn(id) : id.then(fn);
  }
}

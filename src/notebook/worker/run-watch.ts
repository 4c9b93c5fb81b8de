// Runs a cell creates show up under the cell: the kernel names the notebook and cell in the run
// context (MLflow's `mlflow.source.*` tags plus `kiroku.notebook.id` / `kiroku.cell.id`), listens to
// tracking events while cells run, and for each run the cell creates
//   - logs the cell's code as the artifact `source/cell.ts` (or `.js`), so the run's page shows it;
//   - sends a run link (`application/vnd.kiroku.run+json`, display id = run id) that updates in place
//     as the run's status and metric count change (also for a run the cell resumes with startRun({runId}));
//   - sends training progress (`application/vnd.kiroku.progress+json`, display id `progress-<runId>`)
//     when metrics arrive with steps, at most every 250 ms; during a TensorFlow.js fit (fit-tap.ts)
//     the steps are its epochs, with their total and the time left.
//
// Step numbers are not part of a Run (its data holds each metric's latest value only), and reading the
// metric history back at 4 Hz would cost a store read per key; so the steps come from the metric tap
// (metric-tap.ts), which sees each point as the cell logs it.
import type { Fluent } from '../../tracking/fluent';
import type { Run } from '../../tracking/entities';
import { subscribe, type TrackingMessage } from '../../tracking/events';
import type { KernelMessage, Progress, RunLink } from '../protocol';
import { tapMetrics, type MetricPoint } from './metric-tap';
import { fitInProgress, type FitInProgress } from './fit-tap';
import { isServerUri } from '../../lib/server-options';

export const NOTEBOOK_TAG = 'kiroku.notebook.id';
export const CELL_TAG = 'kiroku.cell.id';
const TERMINAL = new Set(['FINISHED', 'FAILED', 'KILLED']);
/** Runs watched after their cell ended (left RUNNING by `startRun()` without a callback). */
const MAX_WATCHED = 100;

export interface CellRun {
  cellId: string;
  executionId: string;
  code: string;
  language: 'typescript' | 'javascript';
  notebook: { id: string; name: string };
}

interface Watched {
  cell: CellRun;
  link?: RunLink;
  runName: string;
  steps: Map<string, MetricPoint>;
  /** The fit its metrics came from (they are its epochs), and when its latest epoch's metrics came. */
  fit?: FitInProgress;
  lastStepAt?: number;
  progressDirty: boolean;
  refreshTimer?: ReturnType<typeof setTimeout>;
  progressTimer?: ReturnType<typeof setTimeout>;
  lastProgress: number;
  lastRefresh: number;
}

export class RunWatcher {
  private current: (CellRun & { startedAt: number }) | null = null;
  private readonly runs = new Map<string, Watched>();
  /** Points logged to a run before it was adopted (adopting reads the run first). */
  private readonly early = new Map<string, Map<string, MetricPoint>>();
  private readonly pending = new Set<Promise<unknown>>();
  /** Runs whose creation this watcher is checking (adopt reads the run first). */
  private readonly adopting = new Set<string>();
  private unsubscribe: (() => void) | null = null;
  private readonly metricListener = (runId: string, point: MetricPoint) => this.onMetric(runId, point);

  /** Where the page keeps runs (the kernel's init): links name a server only when a cell logs elsewhere. */
  pageTrackingUri: string | null = null;

  constructor(
    private readonly mlflow: Fluent,
    private readonly send: (message: KernelMessage) => void,
    private readonly intervalMs = 250,
  ) {}

  /** Before a cell runs: attribute new runs to it and start listening. */
  begin(cell: CellRun, user?: string): void {
    this.current = { ...cell, startedAt: Date.now() };
    this.mlflow.setRunContext({
      sourceType: 'NOTEBOOK',
      sourceName: cell.notebook.name,
      tags: { [NOTEBOOK_TAG]: cell.notebook.id, [CELL_TAG]: cell.cellId },
      ...(user ? { user } : {}),
    });
    this.unsubscribe ??= subscribe((m) => this.onEvent(m));
    tapMetrics(this.mlflow.client(), this.metricListener);
  }

  /** After the cell: wait for its logging, then send each of its runs' final link and progress. */
  async end(): Promise<void> {
    const cell = this.current;
    // The cell stays current while its writes land: a run written in the background (an autologged
    // fit is created and ended in one transaction after the fit returns) is still the cell's.
    await this.mlflow.flush().catch(() => {});
    while (this.pending.size) await Promise.allSettled([...this.pending]);
    // A cell that outlived the kernel's wait may find the next cell current already: leave it.
    if (this.current === cell) this.current = null;
    if (!cell) return;
    this.early.clear();
    const mine = [...this.runs].filter(([, w]) => w.cell.executionId === cell.executionId);
    await Promise.allSettled(mine.map(([runId]) => this.refresh(runId)));
    for (const [runId, w] of mine) if (w.progressDirty) this.sendProgress(runId, w);
    this.prune();
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const w of this.runs.values()) {
      clearTimeout(w.refreshTimer);
      clearTimeout(w.progressTimer);
    }
    this.runs.clear();
  }

  private track<T>(p: Promise<T>): void {
    this.pending.add(p);
    void p.catch(() => {}).finally(() => this.pending.delete(p));
  }

  private onEvent(m: TrackingMessage): void {
    if (m.store !== this.mlflow.client().store.uri) return;
    if (m.type === 'run-created' && this.current) {
      this.adopting.add(m.runId);
      const adopted = this.adopt(m.runId, this.current);
      this.track(adopted);
      void adopted.catch(() => {}).finally(() => this.adopting.delete(m.runId));
    } else if (m.type === 'run-updated') {
      if (this.runs.has(m.runId)) this.scheduleRefresh(m.runId);
      else if (this.current && !this.adopting.has(m.runId) && this.mlflow.activeRun()?.info.runId === m.runId)
        this.track(this.adoptResumed(m.runId, this.current));
    }
  }

  /**
   * A run an earlier cell (or another notebook) created, made active again by this cell (`startRun({ runId })`): linked
   * here too.
   */
  private async adoptResumed(runId: string, cell: CellRun): Promise<void> {
    const run = await this.mlflow.client().getRun(runId);
    if (this.runs.has(runId) || this.adopting.has(runId)) return;
    const w: Watched = {
      cell,
      runName: run.info.runName,
      steps: new Map(),
      progressDirty: false,
      lastProgress: 0,
      lastRefresh: 0,
    };
    this.runs.set(runId, w);
    this.sendLink(runId, w, run);
  }

  /** A new run: keep it if this cell made it (another tab's runs come through the channel too). */
  private async adopt(runId: string, cell: CellRun & { startedAt: number }): Promise<void> {
    const client = this.mlflow.client();
    const run = await client.getRun(runId);
    const tags = run.data.tags;
    if (
      tags[CELL_TAG] !== cell.cellId ||
      tags[NOTEBOOK_TAG] !== cell.notebook.id ||
      run.info.startTime < cell.startedAt - 1000
    )
      return;
    if (this.runs.has(runId)) return;
    const w: Watched = {
      cell,
      runName: run.info.runName,
      steps: new Map(),
      progressDirty: false,
      lastProgress: 0,
      lastRefresh: 0,
    };
    this.runs.set(runId, w);
    this.sendLink(runId, w, run);
    for (const point of this.early.get(runId)?.values() ?? []) this.onMetric(runId, point);
    this.early.delete(runId);
    const path = `source/cell.${cell.language === 'typescript' ? 'ts' : 'js'}`;
    await client.logArtifact(runId, path, cell.code);
  }

  private scheduleRefresh(runId: string): void {
    const w = this.runs.get(runId);
    if (!w || w.refreshTimer) return;
    const wait = Math.max(0, w.lastRefresh + this.intervalMs - Date.now());
    w.refreshTimer = setTimeout(() => {
      w.refreshTimer = undefined;
      this.track(this.refresh(runId));
    }, wait);
  }

  private async refresh(runId: string): Promise<void> {
    const w = this.runs.get(runId);
    if (!w) return;
    clearTimeout(w.refreshTimer);
    w.refreshTimer = undefined;
    w.lastRefresh = Date.now();
    const run = await this.mlflow.client().getRun(runId);
    w.runName = run.info.runName;
    this.sendLink(runId, w, run);
  }

  private sendLink(runId: string, w: Watched, run: Run): void {
    const link: RunLink = {
      runId,
      runName: run.info.runName,
      experimentId: run.info.experimentId,
      status: run.info.status,
      metricCount: Object.keys(run.data.metrics).length,
    };
    const uri = this.mlflow.getTrackingUri();
    if (isServerUri(uri) && uri !== this.pageTrackingUri) link.server = uri.replace(/\/+$/, '');
    const prev = w.link;
    if (prev && prev.status === link.status && prev.metricCount === link.metricCount && prev.runName === link.runName)
      return;
    w.link = link;
    this.send({
      type: 'display_data',
      cellId: w.cell.cellId,
      executionId: w.cell.executionId,
      data: { 'application/vnd.kiroku.run+json': link },
      displayId: runId,
    });
  }

  private onMetric(runId: string, point: MetricPoint): void {
    const w = this.runs.get(runId);
    if (!w) {
      if (!this.current) return;
      const points = this.early.get(runId) ?? new Map<string, MetricPoint>();
      this.early.set(runId, points.set(point.key, point));
      return;
    }
    w.steps.set(point.key, point);
    const fit = fitInProgress();
    if (fit) {
      w.fit = fit;
      w.lastStepAt = Date.now();
    }
    // Not a training loop (yet), unless a fit's first epoch.
    if (point.step <= 0 && !w.fit && !w.progressDirty && !w.lastProgress) return;
    w.progressDirty = true;
    if (w.progressTimer) return;
    const wait = Math.max(0, w.lastProgress + this.intervalMs - Date.now());
    w.progressTimer = setTimeout(() => {
      w.progressTimer = undefined;
      this.sendProgress(runId, w);
    }, wait);
  }

  private sendProgress(runId: string, w: Watched): void {
    clearTimeout(w.progressTimer);
    w.progressTimer = undefined;
    w.progressDirty = false;
    w.lastProgress = Date.now();
    const metrics: Record<string, number> = {};
    let step = 0;
    for (const [key, p] of w.steps) {
      metrics[key] = p.value;
      step = Math.max(step, p.step);
    }
    const progress: Progress = { id: runId, label: w.runName, step, metrics, ...epochsOf(w, step) };
    this.send({
      type: 'display_data',
      cellId: w.cell.cellId,
      executionId: w.cell.executionId,
      data: { 'application/vnd.kiroku.progress+json': progress },
      displayId: `progress-${runId}`,
    });
  }

  /** Forget ended runs of ended cells; keep a bounded number of those still running. */
  private prune(): void {
    for (const [runId, w] of this.runs) {
      if (w.link && TERMINAL.has(w.link.status) && !w.progressTimer && !w.refreshTimer) this.runs.delete(runId);
    }
    const extra = this.runs.size - MAX_WATCHED;
    if (extra > 0) [...this.runs.keys()].slice(0, extra).forEach((id) => this.runs.delete(id));
  }
}

/** A fit's progress: epochs done of its total, time so far and time left (at the same pace). */
function epochsOf(
  w: Watched,
  step: number,
): Partial<Pick<Progress, 'step' | 'total' | 'unit' | 'elapsedMs' | 'etaMs'>> {
  const fit = w.fit;
  if (!fit || step < fit.initialEpoch || step >= fit.epochs) return {};
  const done = step + 1;
  const elapsedMs = Math.max(0, (w.lastStepAt ?? Date.now()) - fit.startedAt);
  const etaMs = (elapsedMs / (done - fit.initialEpoch)) * (fit.epochs - done);
  return { step: done, total: fit.epochs, unit: 'epoch', elapsedMs, etaMs };
}

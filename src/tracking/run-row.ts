// The run row both stores keep, and the one function that applies a log batch to it, so the in-memory
// and IndexedDB stores cannot drift apart on MLflow's rules (param immutability, latest-metric choice).
import { TrackingError } from '../lib/errors';
import type { DatasetInput, Run, RunInfo } from './entities';
import type { LogBatch } from './store';

export interface LatestMetric {
  value: number;
  step: number;
  timestamp: number;
}

export interface RunRow {
  info: RunInfo;
  params: Record<string, string>;
  metrics: Record<string, LatestMetric>;
  /** Points stored per metric key: where the next history point goes. */
  metricCounts: Record<string, number>;
  tags: Record<string, string>;
  inputs: DatasetInput[];
  lastActivity: number;
}

export function newRunRow(run: Run): RunRow {
  const metrics: Record<string, LatestMetric> = {};
  for (const [k, v] of Object.entries(run.data.metrics)) metrics[k] = { value: v, step: 0, timestamp: run.info.startTime };
  return {
    info: { ...run.info },
    params: { ...run.data.params },
    metrics,
    metricCounts: {},
    tags: { ...run.data.tags },
    inputs: [...run.inputs.datasetInputs],
    lastActivity: run.info.startTime,
  };
}

export function rowToRun(row: RunRow): Run {
  const metrics: Record<string, number> = {};
  for (const [k, m] of Object.entries(row.metrics)) metrics[k] = m.value;
  return {
    info: { ...row.info },
    data: { params: { ...row.params }, metrics, tags: { ...row.tags } },
    inputs: { datasetInputs: row.inputs.map((d) => ({ dataset: { ...d.dataset }, tags: { ...d.tags } })) },
  };
}

/** MLflow's ordering for "latest": highest step, then latest timestamp, then largest value (NaN lowest). */
export function isNewer(a: LatestMetric, b: LatestMetric | undefined): boolean {
  if (!b) return true;
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  const av = Number.isNaN(a.value) ? -Infinity : a.value;
  const bv = Number.isNaN(b.value) ? -Infinity : b.value;
  return av >= bv;
}

export function changedParamMessage(key: string, old: string, value: string, runId: string): string {
  return (
    `Changing param values is not allowed. Param with key='${key}' was already logged with value='${old}' ` +
    `for run ID='${runId}'. Attempted logging new value '${value}'.`
  );
}

/** Mutates `row` with the batch; throws (changing nothing) when a param would change value. */
export function applyBatch(row: RunRow, batch: LogBatch, time: number): void {
  assertActive(row);
  const params = batch.params ?? [];
  const pending = new Map<string, string>();
  for (const p of params) {
    const old = row.params[p.key] ?? pending.get(p.key);
    if (old !== undefined && old !== p.value) {
      throw new TrackingError(changedParamMessage(p.key, old, p.value, row.info.runId), 'INVALID_PARAMETER_VALUE');
    }
    pending.set(p.key, p.value);
  }
  for (const [k, v] of pending) row.params[k] = v;
  for (const t of batch.tags ?? []) {
    row.tags[t.key] = t.value;
    if (t.key === 'mlflow.runName') row.info.runName = t.value;
  }
  for (const m of batch.metrics ?? []) {
    const latest = { value: m.value, step: m.step, timestamp: m.timestamp };
    if (isNewer(latest, row.metrics[m.key])) row.metrics[m.key] = latest;
  }
  row.lastActivity = Math.max(row.lastActivity, time);
}

/** MLflow de-duplicates dataset inputs by (name, digest, context). */
export function mergeInputs(existing: DatasetInput[], added: DatasetInput[]): DatasetInput[] {
  const key = (d: DatasetInput) => `${d.dataset.name}\u0000${d.dataset.digest}\u0000${d.tags['mlflow.data.context'] ?? ''}`;
  const seen = new Set(existing.map(key));
  const out = [...existing];
  for (const d of added) {
    if (!seen.has(key(d))) {
      seen.add(key(d));
      out.push(d);
    }
  }
  return out;
}

export function assertActive(row: RunRow): void {
  if (row.info.lifecycleStage === 'deleted') {
    throw new TrackingError(`The run ${row.info.runId} must be in the 'active' state. Current state is deleted.`, 'INVALID_STATE');
  }
}

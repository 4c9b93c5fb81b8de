// The run row both stores keep, and the one function that applies a log batch to it, so the in-memory
// and IndexedDB stores cannot drift apart on MLflow's rules (param immutability, latest-metric choice).
import { TrackingError } from '../lib/errors';
import type { DatasetInput, Run, RunInfo } from './entities';
import type { Metric } from './entities';
import type { LogBatch, MetricSeries } from './store';

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
  /** Store-wide change counter at this row's last write: lets readers fetch only what changed. */
  version: number;
}

export function newRunRow(run: Run): RunRow {
  const metrics: Record<string, LatestMetric> = {};
  for (const [k, v] of Object.entries(run.data.metrics))
    metrics[k] = { value: v, step: 0, timestamp: run.info.startTime };
  return {
    info: { ...run.info },
    params: { ...run.data.params },
    metrics,
    metricCounts: {},
    tags: { ...run.data.tags },
    inputs: [...run.inputs.datasetInputs],
    lastActivity: run.info.startTime,
    version: 0,
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

// MLflow's ordering for "latest": highest step, then latest timestamp, then largest value (NaN lowest).
function orderValue(v: number): number {
  return Number.isNaN(v) ? -Infinity : v;
}

export function changedParamMessage(key: string, old: string, value: string, runId: string): string {
  return (
    `Changing param values is not allowed. Param with key='${key}' was already logged with value='${old}' ` +
    `for run ID='${runId}'. Attempted logging new value '${value}'.`
  );
}

/** Mutates `row` with the batch written at `time`; throws (changing nothing) when a param would change value. */
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
  for (const s of batchSeries(batch)) {
    // Scan with scalars: a flush may carry 100k points of one key.
    const prev = row.metrics[s.key];
    let best = -1;
    let step = prev ? prev.step : -Infinity;
    let ts = prev ? prev.timestamp : -Infinity;
    let value = prev ? prev.value : -Infinity;
    for (let i = 0; i < s.values.length; i++) {
      const st = s.steps[i]!;
      const t = s.timestamps[i]!;
      const v = s.values[i]!;
      if (st > step || (st === step && (t > ts || (t === ts && !(orderValue(v) < orderValue(value)))))) {
        best = i;
        step = st;
        ts = t;
        value = v;
      }
    }
    if (best >= 0)
      row.metrics[s.key] = { value: s.values[best]!, step: s.steps[best]!, timestamp: s.timestamps[best]! };
  }
  row.lastActivity = Math.max(row.lastActivity, time);
}

/** Every metric of a batch as columns, single points first, in the order they were logged. */
export function batchSeries(batch: LogBatch): MetricSeries[] {
  const points = batch.metrics ?? [];
  if (!points.length) return batch.series ?? [];
  return [...pointsToSeries(points), ...(batch.series ?? [])];
}

function pointsToSeries(points: Metric[]): MetricSeries[] {
  const byKey = new Map<string, { key: string; steps: number[]; values: number[]; timestamps: number[] }>();
  for (const m of points) {
    let s = byKey.get(m.key);
    if (!s) byKey.set(m.key, (s = { key: m.key, steps: [], values: [], timestamps: [] }));
    s.steps.push(m.step);
    s.values.push(m.value);
    s.timestamps.push(m.timestamp);
  }
  return [...byKey.values()];
}

/** MLflow de-duplicates dataset inputs by (name, digest, context). */
export function mergeInputs(existing: DatasetInput[], added: DatasetInput[]): DatasetInput[] {
  const key = (d: DatasetInput) =>
    `${d.dataset.name}\u0000${d.dataset.digest}\u0000${d.tags['mlflow.data.context'] ?? ''}`;
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
    throw new TrackingError(
      `The run ${row.info.runId} must be in the 'active' state. Current state is deleted.`,
      'INVALID_STATE',
    );
  }
}

// Sees each metric point as cells log it, for live training progress. It wraps two methods of the
// kernel's TrackingClient instance (never the class, never another context's client): `logMetric` and
// `logBatch`, the two doors every metric goes through (the fluent API, autolog and estimators all use
// them). The wrapped methods call the originals unchanged and return their promises.
import type { TrackingClient } from '../../tracking/client';

export interface MetricPoint {
  key: string;
  value: number;
  step: number;
}

export type MetricListener = (runId: string, point: MetricPoint) => void;

const tapped = new WeakMap<TrackingClient, Set<MetricListener>>();

/** Calls `listener` for every metric point logged through `client` from now on. */
export function tapMetrics(client: TrackingClient, listener: MetricListener): void {
  let listeners = tapped.get(client);
  if (listeners) {
    listeners.add(listener);
    return;
  }
  listeners = new Set([listener]);
  tapped.set(client, listeners);
  const all = listeners;
  const emit = (runId: string, point: MetricPoint) => {
    for (const l of all) {
      try {
        l(runId, point);
      } catch {
        // progress is best effort; logging must never fail because of it
      }
    }
  };
  const logMetric = client.logMetric.bind(client);
  const logBatch = client.logBatch.bind(client);
  client.logMetric = (runId, key, value, options = {}) => {
    const result = logMetric(runId, key, value, options);
    if (typeof value === 'number') emit(runId, { key, value, step: options.step ?? 0 });
    return result;
  };
  client.logBatch = (runId, batch) => {
    const result = logBatch(runId, batch);
    for (const m of batch.metrics ?? [])
      if (typeof m.value === 'number') emit(runId, { key: m.key, value: m.value, step: m.step ?? 0 });
    return result;
  };
}

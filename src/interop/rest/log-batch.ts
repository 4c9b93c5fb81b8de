// A LogBatch cut into `runs/log-batch` requests within MLflow's limits: at most 1000 metrics, 100
// params and 100 tags (1000 entities in all) and 1 MB per request. A small batch stays one request,
// so the server applies it whole; params travel first, so a refused param change stops the rest.
import type { LogBatch } from '../../tracking/store';
import { metricValue, type Json } from './json';

export const LOG_BATCH_LIMITS = { metrics: 1000, params: 100, tags: 100, entities: 1000, bytes: 1_000_000 } as const;

/** Room for `{"run_id":"…","params":[],"tags":[],"metrics":[]}` around the entities. */
const ENVELOPE_BYTES = 200;

export function logBatchRequests(runId: string, batch: LogBatch): Json[] {
  const params = (batch.params ?? []).map((p) => ({ key: p.key, value: p.value }));
  const tags = (batch.tags ?? []).map((t) => ({ key: t.key, value: t.value }));
  const metrics: Json[] = (batch.metrics ?? []).map((m) => ({
    key: m.key,
    value: metricValue(m.value),
    timestamp: m.timestamp,
    step: m.step,
  }));
  for (const s of batch.series ?? []) {
    for (let i = 0; i < s.values.length; i++) {
      metrics.push({ key: s.key, value: metricValue(s.values[i]!), timestamp: s.timestamps[i]!, step: s.steps[i]! });
    }
  }
  const requests: Json[] = [];
  let current = { params: [] as Json[], tags: [] as Json[], metrics: [] as Json[], bytes: ENVELOPE_BYTES };
  const flush = () => {
    const { params: p, tags: t, metrics: m } = current;
    if (p.length || t.length || m.length) {
      requests.push({
        run_id: runId,
        ...(p.length ? { params: p } : {}),
        ...(t.length ? { tags: t } : {}),
        ...(m.length ? { metrics: m } : {}),
      });
    }
    current = { params: [], tags: [], metrics: [], bytes: ENVELOPE_BYTES };
  };
  const add = (kind: 'params' | 'tags' | 'metrics', item: Json) => {
    const size = utf8Length(JSON.stringify(item)) + 1;
    const count = current.params.length + current.tags.length + current.metrics.length;
    if (
      current[kind].length >= LOG_BATCH_LIMITS[kind] ||
      count >= LOG_BATCH_LIMITS.entities ||
      current.bytes + size > LOG_BATCH_LIMITS.bytes
    )
      flush();
    current[kind].push(item);
    current.bytes += size;
  };
  for (const p of params) add('params', p);
  for (const t of tags) add('tags', t);
  for (const m of metrics) add('metrics', m);
  flush();
  return requests;
}

function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1; // surrogate pairs: 4 bytes for 2 units
  }
  return n;
}

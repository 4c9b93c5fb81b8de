// Responses as MLflow writes them: protobuf messages as JSON (`message_to_json`), where a field that
// is not set is left out. The server leaves out empty lists and empty strings, so a client must cope
// with `tags`, `metrics`, `files`, `description`, … being absent.
import type { MetricPoint } from './state';

export type Json = Record<string, unknown>;

/** The object without its unset fields: undefined, null, '' and []. */
export function compact(o: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

export const keyValues = (m: Map<string, string>) => [...m].map(([key, value]) => ({ key, value }));

/** A double as protobuf's JSON writes it: JSON has no NaN or Infinity, so they become strings. */
export function doubleJson(v: number): number | string {
  return Number.isFinite(v) ? v : String(v);
}

/** A double as protobuf's JSON reads it: a number, a numeric string, "NaN", "Infinity", "-Infinity". */
export function parseDouble(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isNaN(n) && v !== 'NaN' ? undefined : n;
}

export const metricJson = (m: MetricPoint) => ({
  key: m.key,
  value: doubleJson(m.value),
  timestamp: m.timestamp,
  step: m.step,
});

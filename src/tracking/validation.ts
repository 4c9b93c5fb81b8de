// MLflow's validation rules (mlflow/utils/validation.py), with its messages, so a call that MLflow would
// refuse is refused here too, at the call, before anything is queued.
import { TrackingError } from '../lib/errors';
import { isTimeMs } from '../lib/time';
import type { Metric, Param, RunStatus, RunTag } from './entities';
import { RUN_STATUSES } from './entities';

export const MAX_ENTITY_KEY_LENGTH = 250;
export const MAX_PARAM_VAL_LENGTH = 6000;
export const MAX_TAG_VAL_LENGTH = 8000;
export const MAX_EXPERIMENT_NAME_LENGTH = 500;
export const MAX_RUN_NAME_LENGTH = 250;

// Alphanumerics, underscores, dashes, periods, spaces and slashes; no "..", no leading "/".
const VALID_KEY = /^[/\w.\- ]*$/;

export function validateKey(kind: 'metric' | 'param' | 'tag', key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new TrackingError(`Invalid ${kind} name: ${JSON.stringify(key)}. Names must be non-empty strings.`);
  }
  if (!VALID_KEY.test(key)) {
    throw new TrackingError(
      `Invalid ${kind} name: '${key}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods ` +
        `(.), spaces ( ), and slashes (/).`,
    );
  }
  if (key.startsWith('/') || key.split('/').some((part) => part === '..' || part === '.')) {
    throw new TrackingError(
      `Invalid ${kind} name: '${key}'. Names cannot be a relative path ('.', '..') or start with '/'.`,
    );
  }
  if (key.length > MAX_ENTITY_KEY_LENGTH) {
    throw new TrackingError(
      `'${key.slice(0, 40)}…' exceeds the maximum length of ${MAX_ENTITY_KEY_LENGTH} for a ${kind} name.`,
    );
  }
}

/** Params and tags are stored as strings, as in MLflow (`str(value)`); objects become JSON. */
export function stringifyValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value))
    return `[${value.map((v) => (typeof v === 'string' ? `'${v}'` : stringifyValue(v))).join(', ')}]`;
  return JSON.stringify(value);
}

export function validateParamValue(key: string, value: string): void {
  if (value.length > MAX_PARAM_VAL_LENGTH) {
    throw new TrackingError(
      `Param value '${value.slice(0, 40)}…' had length ${value.length}, which exceeded length limit ` +
        `of ${MAX_PARAM_VAL_LENGTH} (param '${key}').`,
    );
  }
}

export function validateTagValue(key: string, value: string): void {
  if (value.length > MAX_TAG_VAL_LENGTH) {
    throw new TrackingError(
      `Tag value '${value.slice(0, 40)}…' had length ${value.length}, which exceeded length limit ` +
        `of ${MAX_TAG_VAL_LENGTH} (tag '${key}').`,
    );
  }
}

/** Tags as MLflow stores them: valid keys, values stringified (`str(value)`) and checked. */
export function validTags(tags: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags)) {
    validateKey('tag', k);
    const value = stringifyValue(v);
    validateTagValue(k, value);
    out[k] = value;
  }
  return out;
}

export function validateMetric(m: Metric): void {
  validateMetricPoint(m.key, m.value, m.step, m.timestamp);
}

// Keys already found valid: a training loop logs the same few keys thousands of times.
const validMetricKeys = new Set<string>();

export function validateMetricPoint(key: string, value: unknown, step: unknown, timestamp: unknown): void {
  if (!validMetricKeys.has(key)) {
    validateKey('metric', key);
    if (validMetricKeys.size < 10_000) validMetricKeys.add(key);
  }
  if (typeof value !== 'number') {
    throw new TrackingError(
      `Got invalid value ${stringifyValue(value)} for metric '${key}' (timestamp=${String(timestamp)}). Please ` +
        `specify value as a valid double (64-bit floating point)`,
    );
  }
  if (!Number.isInteger(timestamp) || (timestamp as number) < 0) {
    throw new TrackingError(
      `Got invalid timestamp ${String(timestamp)} for metric '${key}' (value=${value}). Timestamp must be a ` +
        `nonnegative long (64-bit integer)`,
    );
  }
  if (!Number.isInteger(step)) {
    throw new TrackingError(
      `Got invalid step ${String(step)} for metric '${key}' (value=${value}). Step must be a valid long (64-bit ` +
        `integer).`,
    );
  }
}

export function validateExperimentName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new TrackingError(
      `Invalid experiment name: ${JSON.stringify(name)}. An experiment name must be a non-empty string.`,
    );
  }
  if (name.length > MAX_EXPERIMENT_NAME_LENGTH) {
    throw new TrackingError(`Experiment name exceeds the maximum length of ${MAX_EXPERIMENT_NAME_LENGTH} characters.`);
  }
}

export function validateRunName(name: string): void {
  if (name.length > MAX_RUN_NAME_LENGTH) {
    throw new TrackingError(
      `Run name '${name.slice(0, 40)}…' exceeds the maximum length of ${MAX_RUN_NAME_LENGTH} characters.`,
    );
  }
}

/** A run's start or end time (MLflow's int64 milliseconds): anything else would make it unreadable later. */
export function validateRunTime(field: 'start_time' | 'end_time', value: unknown): asserts value is number {
  if (!isTimeMs(value)) {
    throw new TrackingError(
      `Invalid value ${typeof value === 'string' ? `'${value}'` : String(value)} for parameter '${field}' ` +
        `supplied: a run's time must be a nonnegative integer of milliseconds since the epoch.`,
    );
  }
}

export function validateStatus(status: unknown): asserts status is RunStatus {
  if (!RUN_STATUSES.includes(status as RunStatus)) {
    throw new TrackingError(
      `Invalid run status: ${JSON.stringify(status)}. Expected one of ${RUN_STATUSES.join(', ')}.`,
    );
  }
}

/** Input of a log batch as callers give it: values of any type, stringified as MLflow's `str()`. */
export interface BatchInput {
  metrics?: Metric[];
  params?: Array<{ key: string; value: unknown }>;
  tags?: Array<{ key: string; value: unknown }>;
}

/** Validate a batch with MLflow's rules and stringify param and tag values; throws on the first bad item. */
export function validBatch(batch: BatchInput): { metrics: Metric[]; params: Param[]; tags: RunTag[] } {
  for (const m of batch.metrics ?? []) validateMetric(m);
  return {
    metrics: batch.metrics ?? [],
    params: (batch.params ?? []).map((p) => {
      validateKey('param', p.key);
      const value = stringifyValue(p.value);
      validateParamValue(p.key, value);
      return { key: p.key, value };
    }),
    tags: (batch.tags ?? []).map((t) => {
      validateKey('tag', t.key);
      const value = stringifyValue(t.value);
      validateTagValue(t.key, value);
      return { key: t.key, value };
    }),
  };
}

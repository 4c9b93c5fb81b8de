// MLflow's REST JSON ⇄ Kiroku's entities. The server writes protobuf-as-JSON: empty lists and strings
// are left out, int64 fields may arrive as strings, and non-finite doubles as "NaN" / "Infinity".
// Whatever else a server sends is checked here, where it enters: a field of the wrong type reads as
// missing (protobuf's default), so one odd run cannot make a view unreadable ("Invalid time value").
import { isTimeMs } from '../../lib/time';
import {
  RUN_STATUSES,
  type DatasetInput,
  type Experiment,
  type LifecycleStage,
  type Metric,
  type Run,
  type RunStatus,
} from '../../tracking/entities';
import type { ModelVersion, ModelVersionStatus, RegisteredModel } from '../../model-registry/entities';

export interface KeyValue {
  key: string;
  value: string;
}

export type Json = Record<string, any>;

export const toKeyValues = (record: Record<string, string> = {}): KeyValue[] =>
  Object.entries(record).map(([key, value]) => ({ key, value }));

export const fromKeyValues = (items: unknown): Record<string, string> =>
  Object.fromEntries(
    list(items)
      .filter((t): t is Json => isObject(t) && typeof t.key === 'string')
      .map((t) => [t.key, str(t.value)]),
  );

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A repeated field: a list, or empty when the server left it out (or sent something else). */
export const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** A message field: an object, or empty. */
export const obj = (x: unknown): Json => (isObject(x) ? x : {});

/** A string field; numbers (ids sent as int64) become strings, anything else the default. */
export const str = (x: unknown, fallback = ''): string =>
  typeof x === 'string' ? x : typeof x === 'number' && Number.isFinite(x) ? String(x) : fallback;

/** A number field as the server may send it: number, numeric string, "NaN", "Infinity". */
export const num = (x: unknown, fallback = 0): number => {
  if (typeof x === 'number') return x;
  if (typeof x === 'string' && x.trim() !== '') {
    const n = Number(x);
    return Number.isNaN(n) && x.trim() !== 'NaN' ? fallback : n;
  }
  return fallback;
};

/** An int64 field (a step): an integer, else the default. */
export const int = (x: unknown, fallback = 0): number => {
  const n = num(x, fallback);
  return Number.isSafeInteger(n) ? n : fallback;
};

/** A time in milliseconds: a nonnegative integer a Date can show, else the default (missing). */
export const time = <T extends number | null>(x: unknown, fallback: T): number | T => {
  const n = num(x, NaN);
  return isTimeMs(n) ? n : fallback;
};

/** A metric value for a request body: JSON has no NaN or Infinity, protobuf's JSON spells them. */
export const metricValue = (v: number): number | string => (Number.isFinite(v) ? v : String(v));

const lifecycle = (x: unknown): LifecycleStage => (x === 'deleted' ? 'deleted' : 'active');

/**
 * MLflow's RunStatus by name, or by its protobuf number (1 RUNNING … 5 KILLED, RUN_STATUSES' order); anything else is
 * the default.
 */
function runStatus(x: unknown): RunStatus {
  if (RUN_STATUSES.includes(x as RunStatus)) return x as RunStatus;
  return (typeof x === 'number' && RUN_STATUSES[x - 1]) || 'RUNNING';
}

export function experimentFromJson(raw: unknown): Experiment {
  const e = obj(raw);
  const creationTime = time(e.creation_time, 0);
  return {
    experimentId: str(e.experiment_id),
    name: str(e.name),
    artifactLocation: str(e.artifact_location),
    lifecycleStage: lifecycle(e.lifecycle_stage),
    tags: fromKeyValues(e.tags),
    creationTime,
    lastUpdateTime: time(e.last_update_time, creationTime),
  };
}

export function metricFromJson(raw: unknown): Metric {
  const m = obj(raw);
  return { key: str(m.key), value: num(m.value, NaN), timestamp: time(m.timestamp, 0), step: int(m.step) };
}

function datasetInputFromJson(raw: unknown): DatasetInput {
  const d = obj(raw);
  const ds = obj(d.dataset);
  const schema = str(ds.schema);
  const profile = str(ds.profile);
  return {
    dataset: {
      name: str(ds.name),
      digest: str(ds.digest),
      sourceType: str(ds.source_type),
      source: str(ds.source),
      ...(schema ? { schema } : {}),
      ...(profile ? { profile } : {}),
    },
    tags: fromKeyValues(d.tags),
  };
}

export function datasetInputToJson(d: DatasetInput): Json {
  return {
    dataset: {
      name: d.dataset.name,
      digest: d.dataset.digest,
      source_type: d.dataset.sourceType,
      source: d.dataset.source,
      ...(d.dataset.schema ? { schema: d.dataset.schema } : {}),
      ...(d.dataset.profile ? { profile: d.dataset.profile } : {}),
    },
    tags: toKeyValues(d.tags),
  };
}

export function runInfoFromJson(raw: unknown, tags: Record<string, string> = {}): Run['info'] {
  const info = obj(raw);
  return {
    runId: str(info.run_id) || str(info.run_uuid),
    runName: str(info.run_name, tags['mlflow.runName'] ?? ''),
    experimentId: str(info.experiment_id),
    userId: str(info.user_id),
    status: runStatus(info.status),
    startTime: time(info.start_time, 0),
    endTime: time(info.end_time, null),
    artifactUri: str(info.artifact_uri),
    lifecycleStage: lifecycle(info.lifecycle_stage),
  };
}

export function runFromJson(raw: unknown): Run {
  const r = obj(raw);
  const data = obj(r.data);
  const tags = fromKeyValues(data.tags);
  return {
    info: runInfoFromJson(r.info, tags),
    data: {
      params: fromKeyValues(data.params),
      metrics: Object.fromEntries(
        list(data.metrics)
          .map(metricFromJson)
          .map((m) => [m.key, m.value]),
      ),
      tags,
    },
    inputs: { datasetInputs: list(obj(r.inputs).dataset_inputs).map(datasetInputFromJson) },
  };
}

export function registeredModelFromJson(raw: unknown): RegisteredModel {
  const m = obj(raw);
  const created = time(m.creation_timestamp, 0);
  return {
    name: str(m.name),
    creationTimestamp: created,
    lastUpdatedTimestamp: time(m.last_updated_timestamp, created),
    description: str(m.description),
    tags: fromKeyValues(m.tags),
    aliases: Object.fromEntries(
      list(m.aliases)
        .map(obj)
        .filter((a) => str(a.alias))
        .map((a) => [str(a.alias), str(a.version)]),
    ),
  };
}

export function modelVersionFromJson(raw: unknown): ModelVersion {
  const v = obj(raw);
  const created = time(v.creation_timestamp, 0);
  return {
    name: str(v.name),
    version: str(v.version),
    creationTimestamp: created,
    lastUpdatedTimestamp: time(v.last_updated_timestamp, created),
    description: str(v.description),
    userId: str(v.user_id),
    source: str(v.source),
    runId: str(v.run_id) || null,
    status: str(v.status, 'READY') as ModelVersionStatus,
    tags: fromKeyValues(v.tags),
    aliases: list(v.aliases).filter((a): a is string => typeof a === 'string'),
  };
}

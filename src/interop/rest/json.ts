// MLflow's REST JSON ⇄ Kiroku's entities. The server writes protobuf-as-JSON: empty lists and strings
// are left out, int64 fields may arrive as strings, and non-finite doubles as "NaN" / "Infinity".
import type { DatasetInput, Experiment, LifecycleStage, Metric, Run, RunStatus } from '../../tracking/entities';
import type { ModelVersion, ModelVersionStatus, RegisteredModel } from '../../registry/entities';

export interface KeyValue {
  key: string;
  value: string;
}

export type Json = Record<string, any>;

export const toKeyValues = (record: Record<string, string> = {}): KeyValue[] =>
  Object.entries(record).map(([key, value]) => ({ key, value }));

export const fromKeyValues = (list: KeyValue[] | undefined): Record<string, string> =>
  Object.fromEntries((list ?? []).map((t) => [t.key, t.value ?? '']));

/** A number field as the server may send it: number, numeric string, "NaN", "Infinity". */
export const num = (x: unknown, fallback = 0): number => (x === undefined || x === null || x === '' ? fallback : Number(x));

/** A metric value for a request body: JSON has no NaN or Infinity, protobuf's JSON spells them. */
export const metricValue = (v: number): number | string => (Number.isFinite(v) ? v : String(v));

export function experimentFromJson(e: Json): Experiment {
  const creationTime = num(e.creation_time);
  return {
    experimentId: String(e.experiment_id),
    name: e.name ?? '',
    artifactLocation: e.artifact_location ?? '',
    lifecycleStage: (e.lifecycle_stage ?? 'active') as LifecycleStage,
    tags: fromKeyValues(e.tags),
    creationTime,
    lastUpdateTime: num(e.last_update_time, creationTime),
  };
}

export function metricFromJson(m: Json): Metric {
  return { key: m.key, value: num(m.value, NaN), timestamp: num(m.timestamp), step: num(m.step) };
}

function datasetInputFromJson(d: Json): DatasetInput {
  const ds = d.dataset ?? {};
  return {
    dataset: {
      name: ds.name ?? '', digest: ds.digest ?? '', sourceType: ds.source_type ?? '', source: ds.source ?? '',
      ...(ds.schema ? { schema: ds.schema } : {}), ...(ds.profile ? { profile: ds.profile } : {}),
    },
    tags: fromKeyValues(d.tags),
  };
}

export function datasetInputToJson(d: DatasetInput): Json {
  return {
    dataset: {
      name: d.dataset.name, digest: d.dataset.digest, source_type: d.dataset.sourceType, source: d.dataset.source,
      ...(d.dataset.schema ? { schema: d.dataset.schema } : {}), ...(d.dataset.profile ? { profile: d.dataset.profile } : {}),
    },
    tags: toKeyValues(d.tags),
  };
}

export function runInfoFromJson(info: Json, tags: Record<string, string> = {}): Run['info'] {
  const endTime = info.end_time;
  return {
    runId: info.run_id ?? info.run_uuid,
    runName: info.run_name ?? tags['mlflow.runName'] ?? '',
    experimentId: String(info.experiment_id),
    userId: info.user_id ?? '',
    status: (info.status ?? 'RUNNING') as RunStatus,
    startTime: num(info.start_time),
    endTime: endTime === undefined || endTime === null ? null : num(endTime),
    artifactUri: info.artifact_uri ?? '',
    lifecycleStage: (info.lifecycle_stage ?? 'active') as LifecycleStage,
  };
}

export function runFromJson(r: Json): Run {
  const data = r.data ?? {};
  const tags = fromKeyValues(data.tags);
  return {
    info: runInfoFromJson(r.info ?? {}, tags),
    data: {
      params: fromKeyValues(data.params),
      metrics: Object.fromEntries((data.metrics ?? []).map((m: Json) => [m.key, num(m.value, NaN)])),
      tags,
    },
    inputs: { datasetInputs: (r.inputs?.dataset_inputs ?? []).map(datasetInputFromJson) },
  };
}

export function registeredModelFromJson(m: Json): RegisteredModel {
  const created = num(m.creation_timestamp);
  return {
    name: m.name,
    creationTimestamp: created,
    lastUpdatedTimestamp: num(m.last_updated_timestamp, created),
    description: m.description ?? '',
    tags: fromKeyValues(m.tags),
    aliases: Object.fromEntries((m.aliases ?? []).map((a: Json) => [a.alias, String(a.version)])),
  };
}

export function modelVersionFromJson(v: Json): ModelVersion {
  const created = num(v.creation_timestamp);
  return {
    name: v.name,
    version: String(v.version),
    creationTimestamp: created,
    lastUpdatedTimestamp: num(v.last_updated_timestamp, created),
    description: v.description ?? '',
    userId: v.user_id ?? '',
    source: v.source ?? '',
    runId: v.run_id || null,
    status: (v.status ?? 'READY') as ModelVersionStatus,
    tags: fromKeyValues(v.tags),
    aliases: [...(v.aliases ?? [])],
  };
}

// MLflow's file store ("mlruns/") conventions: integer status codes in run meta.yaml, Python's float
// repr in metric files (`<timestamp> <value> <step>` per line), and the folder names.
import { md5 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { ModelVersion, RegisteredModel } from '../../model-registry/entities';
import type { DatasetInfo, RunStatus } from '../../tracking/entities';

export const STATUS_CODES: Record<RunStatus, number> = { RUNNING: 1, SCHEDULED: 2, FINISHED: 3, FAILED: 4, KILLED: 5 };
export const STATUS_NAMES: Record<number, RunStatus> = {
  1: 'RUNNING',
  2: 'SCHEDULED',
  3: 'FINISHED',
  4: 'FAILED',
  5: 'KILLED',
};
/** mlflow.entities.SourceType.LOCAL, which the file store always writes. */
export const SOURCE_TYPE_LOCAL = 4;

/** Python's `repr(float)`: `3.0`, `0.0001`, `1e-05`, `1.5e+16`, `nan`, `inf`. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const a = Math.abs(x);
  if (a >= 1e16 || a < 1e-4) {
    const [mant, exp] = x.toExponential().split('e') as [string, string];
    const sign = exp.startsWith('-') ? '-' : '+';
    return `${mant}e${sign}${exp.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  const s = String(x);
  return Number.isInteger(x) ? `${s}.0` : s;
}

/** Python float() of a metric file value (nan, inf, 1e-05, …). */
export function parsePyFloat(s: string): number {
  const t = s.trim().toLowerCase();
  if (t === 'nan') return NaN;
  if (t === 'inf' || t === 'infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  return Number(t);
}

// ── dataset inputs ─────────────────────────────────────────────────────────────────────────────────
// MLflow's FileStore (mlflow/store/tracking/file_store.py, `log_inputs` and `_get_all_inputs`) keeps a
// dataset once per experiment, `<experiment>/datasets/<dataset_id>/meta.yaml` (the Dataset entity's
// fields), and links it to a run with `<experiment>/<run>/inputs/<input_id>/meta.yaml`. Both ids are
// deterministic: dataset_id = md5(name + digest), input_id = md5(dataset_id + run_id), hex. The first
// write wins for both, so a run holds one input per dataset (a second context for the same dataset is
// not kept) and an experiment one description per name + digest.

export const DATASETS_FOLDER = 'datasets';
export const INPUTS_FOLDER = 'inputs';
/** mlflow.protos.internal_pb2.InputVertexType names, as the file store writes them. */
export const INPUT_SOURCE_DATASET = 'DATASET';
export const INPUT_DESTINATION_RUN = 'RUN';

/** `FileStore._get_dataset_id`: md5 of the name then the digest (UTF-8), hex. */
export function datasetId(name: string, digest: string): string {
  return md5Hex(name + digest);
}

/** `FileStore._get_input_id`: md5 of the dataset id then the run id, hex. */
export function inputId(datasetIdHex: string, runId: string): string {
  return md5Hex(datasetIdHex + runId);
}

/**
 * A dataset's meta.yaml: `dict(Dataset)`, the entity's properties in sorted order (`write_yaml` sorts
 * keys), a missing schema or profile written as null.
 */
export function datasetMeta(d: DatasetInfo): Record<string, string | null> {
  return {
    digest: d.digest,
    name: d.name,
    profile: d.profile ?? null,
    schema: d.schema ?? null,
    source: d.source,
    source_type: d.sourceType,
  };
}

/**
 * An input's meta.yaml, as `FileStore._FileStoreInput.write_yaml` writes it, keys sorted. MLflow writes
 * `destination_id: self.source_id` — the dataset id, not the run id — and its reader ignores the field;
 * this follows what MLflow writes so an export reads the same as MLflow's own folder.
 */
export function inputMeta(datasetIdHex: string, tags: Record<string, string>): Record<string, unknown> {
  return {
    destination_id: datasetIdHex,
    destination_type: INPUT_DESTINATION_RUN,
    source_id: datasetIdHex,
    source_type: INPUT_SOURCE_DATASET,
    tags: Object.fromEntries(
      Object.keys(tags)
        .sort()
        .map((k) => [k, tags[k]!]),
    ),
  };
}

/** MD5 of a string's UTF-8 bytes, lowercase hex: Python's `hashlib.md5(s.encode()).hexdigest()`. */
export function md5Hex(text: string): string {
  return bytesToHex(md5(utf8ToBytes(text)));
}

// ── model registry ─────────────────────────────────────────────────────────────────────────────────
// MLflow's file-based registry (mlflow/store/model_registry/file_store.py, FileStore) beside the
// experiments: `mlruns/models/<name>/meta.yaml` (`_save_registered_model_as_meta_file`: the
// RegisteredModel's dict without tags and latest_versions), `tags/<key>` one file per tag,
// `aliases/<alias>` one file per alias holding the version number, and per version
// `version-<n>/meta.yaml` (`_save_model_version_as_meta_file`: FileModelVersion's dict without tags,
// aliases, metrics and params) with `version-<n>/tags/<key>`. A deleted version stays on disk with
// current_stage `Deleted_Internal`. The fields are MLflow 3's, less its nullable additions (model_id,
// deployment_job_id, deployment_job_state), which its reader (`from_dictionary`) defaults to None and
// MLflow 2.x does not know; MLflow 2.x also wrote the version's alias names into its meta.yaml, which
// no reader uses (aliases are read from `aliases/`).

export const MODELS_FOLDER = 'models';
export const MODEL_TAGS_FOLDER = 'tags';
export const MODEL_ALIASES_FOLDER = 'aliases';
export const MODEL_VERSION_PREFIX = 'version-';
/** mlflow.entities.model_registry.model_version_stages: what create_model_version writes, and a deleted version's. */
export const STAGE_NONE = 'None';
export const STAGE_DELETED_INTERNAL = 'Deleted_Internal';

/**
 * A registered model's meta.yaml, keys sorted as write_yaml sorts them. `aliases` is the dict MLflow
 * re-saves after set_registered_model_alias (alias → version, as the string read from its file); its
 * reader takes aliases from `aliases/` and ignores this copy.
 */
export function registeredModelMeta(m: RegisteredModel, aliases: Record<string, string>): Record<string, unknown> {
  return {
    aliases: Object.fromEntries(
      Object.keys(aliases)
        .sort()
        .map((a) => [a, aliases[a]!]),
    ),
    creation_timestamp: m.creationTimestamp,
    description: m.description,
    last_updated_timestamp: m.lastUpdatedTimestamp,
    name: m.name,
  };
}

/**
 * A model version's meta.yaml, keys sorted: the version number as an integer (FileStore's
 * next_version), current_stage `None`, run_link and status_message null as create_model_version
 * leaves them, and storage_location the resolved source (the source itself unless it is `models:/`).
 */
export function modelVersionMeta(v: ModelVersion, storageLocation: string): Record<string, unknown> {
  return {
    creation_timestamp: v.creationTimestamp,
    current_stage: STAGE_NONE,
    description: v.description,
    last_updated_timestamp: v.lastUpdatedTimestamp,
    name: v.name,
    run_id: v.runId,
    run_link: null,
    source: v.source,
    status: v.status,
    status_message: null,
    storage_location: storageLocation,
    user_id: v.userId,
    version: Number(v.version),
  };
}

// MLflow's file store ("mlruns/") conventions: integer status codes in run meta.yaml, Python's float
// repr in metric files (`<timestamp> <value> <step>` per line), and the folder names.
import { md5 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { DatasetInfo, RunStatus } from '../../tracking/entities';

export const STATUS_CODES: Record<RunStatus, number> = { RUNNING: 1, SCHEDULED: 2, FINISHED: 3, FAILED: 4, KILLED: 5 };
export const STATUS_NAMES: Record<number, RunStatus> = { 1: 'RUNNING', 2: 'SCHEDULED', 3: 'FINISHED', 4: 'FAILED', 5: 'KILLED' };
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
    tags: Object.fromEntries(Object.keys(tags).sort().map((k) => [k, tags[k]!])),
  };
}

/** MD5 of a string's UTF-8 bytes, lowercase hex: Python's `hashlib.md5(s.encode()).hexdigest()`. */
export function md5Hex(text: string): string {
  return bytesToHex(md5(utf8ToBytes(text)));
}

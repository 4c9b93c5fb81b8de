// MLflow's file store ("mlruns/") conventions: integer status codes in run meta.yaml, Python's float
// repr in metric files (`<timestamp> <value> <step>` per line), and the folder names.
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

/** MD5 (RFC 1321) of a string's UTF-8 bytes, lowercase hex: Python's `hashlib.md5(s.encode()).hexdigest()`. */
export function md5Hex(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const padded = new Uint8Array((((bytes.length + 8) >>> 6) + 1) << 6);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = bytes.length * 8;
  view.setUint32(padded.length - 8, bits >>> 0, true);
  view.setUint32(padded.length - 4, Math.floor(bits / 0x1_0000_0000), true);
  let a0 = 0x67452301, b0 = 0xefcdab89, c0 = 0x98badcfe, d0 = 0x10325476;
  const m = new Uint32Array(16);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) m[i] = view.getUint32(off + i * 4, true);
    let a = a0, b = b0, c = c0, d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number, g: number;
      if (i < 16) { f = (b & c) | (~b & d); g = i; }
      else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
      else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) % 16; }
      else { f = c ^ (b | ~d); g = (7 * i) % 16; }
      const t = d;
      d = c;
      c = b;
      const x = (a + f + MD5_K[i]! + m[g]!) | 0;
      b = (b + ((x << MD5_S[i]!) | (x >>> (32 - MD5_S[i]!)))) | 0;
      a = t;
    }
    a0 = (a0 + a) | 0; b0 = (b0 + b) | 0; c0 = (c0 + c) | 0; d0 = (d0 + d) | 0;
  }
  const out = new DataView(new ArrayBuffer(16));
  [a0, b0, c0, d0].forEach((w, i) => out.setUint32(i * 4, w, true));
  return [...new Uint8Array(out.buffer)].map((x) => x.toString(16).padStart(2, '0')).join('');
}

const MD5_S = [[7, 12, 17, 22], [5, 9, 14, 20], [4, 11, 16, 23], [6, 10, 15, 21]].flatMap((r) => [...r, ...r, ...r, ...r]);
const MD5_K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 0x1_0000_0000) | 0);

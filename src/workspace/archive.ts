// The layout of a workspace archive (one .zip): what is where, and the JSON codec that keeps numbers
// JSON cannot hold (NaN, ±Infinity — valid metric values). Metric history is stored as raw float64
// columns, not JSON, so 100k points cost 2.4 MB, not a parse of millions of characters.
//
//   kiroku-workspace.json                       manifest: format, version, app version, counts, and
//                                               (format 2) `entries`: every other entry with its size;
//                                               an importer reads only entries the manifest names
//   notebooks/<id>.json                         one notebook document, outputs included
//   files/index.json                            [{name, type, size, lastModified}]
//   files/data/<n>                              the bytes of the n-th file in index.json
//   tracking/experiments.json                   Experiment[]
//   tracking/runs/<runId>/run.json              the run (info, params, latest metrics, tags, inputs,
//                                               lastActivity), metricKeys and its artifact list
//                                               [{path, contentType, size}]
//   tracking/runs/<runId>/metrics/<n>.f64       history of the n-th key of run.json's metricKeys:
//                                               count steps, then count values, then count timestamps
//   tracking/runs/<runId>/artifacts/<path>      artifact bytes
//   registry/models.json                        RegisteredModel[]
//   registry/versions.json                      stored model versions (version numbers as numbers)

export const MANIFEST = 'kiroku-workspace.json';
export const FORMAT = 'kiroku-workspace';
export const FORMAT_VERSION = 2;

export interface Manifest {
  format: typeof FORMAT;
  version: number;
  app: string;
  exportedAt: number;
  counts: WorkspaceCounts;
  /** Format 2: every other entry of the archive and its size in bytes. */
  entries?: Record<string, number>;
}

export interface WorkspaceCounts {
  notebooks: number;
  files: number;
  experiments: number;
  runs: number;
  artifacts: number;
  registeredModels: number;
  modelVersions: number;
}

export function emptyCounts(): WorkspaceCounts {
  return { notebooks: 0, files: 0, experiments: 0, runs: 0, artifacts: 0, registeredModels: 0, modelVersions: 0 };
}

/** The database names a workspace spans (tests use their own). */
export interface WorkspaceDatabases {
  tracking: string;
  notebooks: string;
  files: string;
}

export const DEFAULT_DATABASES: WorkspaceDatabases = {
  tracking: 'kiroku',
  notebooks: 'kiroku-notebooks',
  files: 'kiroku-files',
};

const NUMBER_TAG = '$kiroku.number';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** JSON with NaN and ±Infinity kept (as `{"$kiroku.number": "NaN"}`). */
export function encodeJSON(value: unknown): Uint8Array {
  return encoder.encode(
    JSON.stringify(value, (_k, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? { [NUMBER_TAG]: String(v) } : v,
    ),
  );
}

export function decodeJSON<T>(bytes: Uint8Array): T {
  return JSON.parse(decoder.decode(bytes), (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && NUMBER_TAG in v)
      return Number((v as Record<string, string>)[NUMBER_TAG]);
    return v;
  }) as T;
}

/** The three columns of a metric's history as one float64 block. */
export function encodeSeries(
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  timestamps: ArrayLike<number>,
): Uint8Array {
  const n = steps.length;
  const out = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    out[i] = steps[i]!;
    out[n + i] = values[i]!;
    out[2 * n + i] = timestamps[i]!;
  }
  return new Uint8Array(out.buffer);
}

export function decodeSeries(bytes: Uint8Array): {
  steps: Float64Array;
  values: Float64Array;
  timestamps: Float64Array;
} {
  if (bytes.byteLength % 24 !== 0)
    throw new Error(`a metric history block has ${bytes.byteLength} bytes, not a multiple of 24`);
  const all = new Float64Array(bytes.slice().buffer);
  const n = all.length / 3;
  return { steps: all.subarray(0, n), values: all.subarray(n, 2 * n), timestamps: all.subarray(2 * n) };
}

export function runDir(runId: string): string {
  return `tracking/runs/${runId}`;
}

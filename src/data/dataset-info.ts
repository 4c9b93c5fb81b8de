// A DataFrame described the way `mlflow.data.from_pandas(df)` describes it, for a run's dataset inputs:
// a short content digest, an MLflow column schema and a profile (row and element counts).
//
// Digest: MLflow hashes (md5) the pandas hash of the first 10,000 rows, the row count and the column
// names, and keeps 8 hex characters. pandas' hash can't be reproduced here, so the digest isn't
// MLflow's value for the same data, but it follows the same recipe with SHA-256 (Web Crypto, in Node and
// in browsers): the column names and dtypes, the row count, and every cell of the first 10,000 rows, so
// the same data always gets the same digest and changing any of those changes it. Like MLflow's, an
// edit past row 10,000 that keeps the row count is not seen; that keeps the cost bounded on big frames.
import type { DatasetInfo } from '../tracking/entities';
import { DATA_ERROR_CODES, dataError } from './errors';
import type { Dtype, Table } from './table';
import { toTable, type TableInput } from './table-from';

export interface DatasetInfoOptions {
  /** MLflow's default name is "dataset". */
  name?: string;
  /** Where the data came from, as MLflow stores it: a JSON string such as `{"url": "https://…"}`. */
  source?: string;
  /** MLflow's source types: "http", "local", "code", … (default "code", data made in the notebook). */
  sourceType?: string;
}

/** MLflow's column type for each Table dtype (what MLflow infers for the pandas dtype of that name). */
export const MLFLOW_TYPES = {
  float64: 'double',
  int64: 'long',
  bool: 'boolean',
  string: 'string',
} as const satisfies Record<Dtype, string>;

export const DIGEST_MAX_ROWS = 10_000;

/** A dataset input for a Table, a danfojs DataFrame, rows, records or a Matrix. */
export async function datasetInfo(df: TableInput, options: DatasetInfoOptions = {}): Promise<DatasetInfo> {
  const t = toTable(df);
  return {
    name: options.name ?? 'dataset',
    digest: await datasetDigest(t),
    sourceType: options.sourceType ?? 'code',
    source: options.source ?? '{}',
    schema: JSON.stringify(mlflowSchema(t)),
    profile: JSON.stringify({ num_rows: t.rows, num_elements: t.rows * t.columns.length }),
  };
}

export interface MlflowColSpec {
  type: string;
  name: string;
  /** False when the column has missing values, as MLflow infers for optional columns. */
  required: boolean;
}

/** MLflow's `{"mlflow_colspec": [...]}` schema of a table. */
export function mlflowSchema(df: TableInput): { mlflow_colspec: MlflowColSpec[] } {
  const t = toTable(df);
  return {
    mlflow_colspec: t.columns.map((name, j) => ({
      type: MLFLOW_TYPES[t.dtypes[j]!],
      name,
      required: t.missing(j) === 0,
    })),
  };
}

/** 8 hex characters of SHA-256 over the frame's names, dtypes, row count and first 10,000 rows. */
export async function datasetDigest(df: TableInput): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw dataError(
      'Computing a dataset digest needs Web Crypto (crypto.subtle), which browsers only provide on ' +
        'https:// pages and localhost. Open Kiroku over https or from localhost.',
      DATA_ERROR_CODES.badOption,
    );
  }
  const bytes = serialize(toTable(df));
  const hash = new Uint8Array(await subtle.digest('SHA-256', bytes));
  let hex = '';
  for (let i = 0; i < 4; i++) hex += hash[i]!.toString(16).padStart(2, '0');
  return hex;
}

/** A byte encoding of the hashed content in which distinct frames can't collide by concatenation. */
function serialize(t: Table): Uint8Array<ArrayBuffer> {
  const out = new ByteWriter();
  const n = Math.min(t.rows, DIGEST_MAX_ROWS);
  out.number(t.rows);
  out.number(t.columns.length);
  t.columns.forEach((name, j) => {
    out.string(name);
    out.string(t.dtypes[j]!);
    for (let i = 0; i < n; i++) out.value(t.cell(i, j));
  });
  return out.bytes();
}

class ByteWriter {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  private len = 0;
  private readonly encoder = new TextEncoder();

  value(v: unknown): void {
    if (typeof v === 'number') {
      this.tag(1);
      this.number(v);
    } else if (typeof v === 'string') {
      this.tag(2);
      this.string(v);
    } else if (typeof v === 'boolean') {
      this.tag(v ? 4 : 3);
    } else if (v === null || v === undefined) {
      this.tag(0);
    } else {
      this.tag(5);
      this.string(String(v));
    }
  }

  number(x: number): void {
    this.reserve(8);
    // One NaN bit pattern, so "missing" hashes the same however it was produced.
    this.view.setFloat64(this.len, Number.isNaN(x) ? NaN : x, true);
    this.len += 8;
  }

  string(s: string): void {
    const encoded = this.encoder.encode(s);
    this.reserve(4 + encoded.length);
    this.view.setUint32(this.len, encoded.length, true);
    this.buf.set(encoded, this.len + 4);
    this.len += 4 + encoded.length;
  }

  bytes(): Uint8Array<ArrayBuffer> {
    return this.buf.slice(0, this.len);
  }

  private tag(t: number): void {
    this.reserve(1);
    this.buf[this.len++] = t;
  }

  private reserve(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.len));
    this.buf = grown;
    this.view = new DataView(grown.buffer);
  }
}

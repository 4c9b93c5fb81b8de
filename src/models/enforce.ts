// Signature enforcement at predict time, with MLflow's rules and messages: missing inputs are an
// error, extra inputs are dropped with a warning, columns are put in the signature's order, and a
// column is converted only when the conversion is safe (int → double, never double → int).
import { SchemaError } from '../lib/errors';
import { frameColumns, isFrame, isMatrix, type FrameLike } from '../data/frame';
import { NUMPY_NAMES, isTensorSchema, type ColSpec, type MlflowType, type Schema, type TensorSpec } from './signature';

export interface Enforced {
  /** The input as a frame whose columns follow the signature (or the input itself for tensor schemas). */
  data: unknown;
  warnings: string[];
}

/** Python's list repr, as MLflow's messages print column names: ['alcohol', 'pH']. */
export function pyList(names: string[]): string {
  return `[${names.map((n) => `'${n.replace(/'/g, "\\'")}'`).join(', ')}]`;
}

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/** The input's columns by name (frames, records), or positional arrays for unnamed rows. */
function namedColumns(input: unknown): { names: string[] | null; columns: unknown[][]; rows: number } {
  if (isFrame(input)) return { names: input.columns.map(String), columns: frameColumns(input), rows: input.shape[0]! };
  if (isMatrix(input)) {
    const columns = Array.from({ length: input.cols }, (_, j) => Array.from(input.data.subarray(j * input.rows, (j + 1) * input.rows)));
    return { names: null, columns, rows: input.rows };
  }
  if (Array.isArray(input)) {
    if (input.length === 0) return { names: null, columns: [], rows: 0 };
    if (Array.isArray(input[0])) {
      const rows = input as unknown[][];
      const width = rows[0]!.length;
      return { names: null, columns: Array.from({ length: width }, (_, j) => rows.map((r) => r[j])), rows: rows.length };
    }
    if (typeof input[0] === 'object' && input[0] !== null) {
      const records = input as Array<Record<string, unknown>>;
      const names = [...new Set(records.flatMap((r) => Object.keys(r)))];
      return { names, columns: names.map((n) => records.map((r) => r[n])), rows: records.length };
    }
  }
  throw new SchemaError('Model input must be a DataFrame, an array of rows (arrays or records), or a Matrix.');
}

/**
 * The numpy kind MLflow would see for a column: int64, float64, bool or object (null when all are
 * missing). JS numbers cannot tell 7.0 from 7, so integral doubles count as int64, which converts
 * safely to every numeric type.
 */
function valueKind(values: unknown[]): string | null {
  let ints = false;
  let floats = false;
  let bools = false;
  let other = false;
  for (const v of values) {
    if (isMissing(v)) continue;
    if (typeof v === 'number') {
      if (Number.isInteger(v)) ints = true;
      else floats = true;
    } else if (typeof v === 'boolean') bools = true;
    else other = true;
  }
  if (other || (bools && (ints || floats))) return 'object';
  if (bools) return 'bool';
  if (floats) return 'float64';
  return ints ? 'int64' : null;
}

/** Whether values of numpy kind `from` convert safely to MLflow type `to`. */
function safe(from: string, to: MlflowType): boolean {
  switch (to) {
    case 'double':
    case 'float':
      return from === 'int64' || from === 'float64';
    case 'long':
    case 'integer':
      return from === 'int64';
    case 'boolean':
      return from === 'bool';
    case 'string':
      return from === 'object';
    default:
      return true;
  }
}

function enforceColumns(schema: ColSpec[], input: unknown): Enforced {
  const { names, columns, rows } = namedColumns(input);
  const warnings: string[] = [];
  let byName: Map<string, unknown[]>;
  if (names === null) {
    // Unnamed rows take the signature's names by position, when the width matches.
    if (columns.length !== schema.length || schema.some((c) => c.name === undefined)) {
      throw new SchemaError(
        `This model has a column-based signature of ${schema.length} columns ${pyList(schema.map((c) => c.name ?? '?'))}; ` +
          `the input has ${columns.length} unnamed columns. Pass a DataFrame or records with those column names.`,
      );
    }
    byName = new Map(schema.map((c, j) => [c.name!, columns[j]!]));
  } else {
    byName = new Map(names.map((n, j) => [n, columns[j]!]));
  }
  const expected = schema.map((c) => c.name).filter((n): n is string => n !== undefined);
  const missing = schema.filter((c) => c.required && c.name !== undefined && !byName.has(c.name)).map((c) => c.name!);
  const extra = [...byName.keys()].filter((n) => !expected.includes(n));
  if (missing.length) {
    throw new SchemaError(`Model is missing inputs ${pyList(missing)}.${extra.length ? ` Note that there were extra inputs: ${pyList(extra)}.` : ''}`);
  }
  if (extra.length) {
    warnings.push(`Found extra inputs in the model input that are not defined in the model signature: ${pyList(extra)}. These inputs will be ignored.`);
  }
  const out: unknown[][] = [];
  for (const spec of schema) {
    const name = spec.name!;
    const values = byName.get(name) ?? new Array(rows).fill(null);
    const gaps = values.reduce<number[]>((acc, v, i) => (isMissing(v) && acc.length < 5 ? [...acc, i] : acc), []);
    if (gaps.length && spec.required) {
      throw new SchemaError(
        `Incompatible input types for column ${name}. Column ${name} is required by the model's signature but has missing values (rows ${gaps.join(', ')}${gaps.length === 5 ? ', …' : ''}). Fill or drop them first.`,
      );
    }
    const kind = valueKind(values);
    if (kind !== null && !safe(kind, spec.type)) {
      throw new SchemaError(`Incompatible input types for column ${name}. Can not safely convert ${kind} to ${NUMPY_NAMES[spec.type]}.`);
    }
    out.push(values);
  }
  const frame: FrameLike & { $dataIncolumnFormat: unknown[][] } = {
    columns: expected,
    shape: [rows, expected.length],
    get values() {
      return Array.from({ length: rows }, (_, i) => out.map((c) => c[i]));
    },
    $dataIncolumnFormat: out,
  };
  return { data: frame, warnings };
}

function enforceTensor(schema: TensorSpec[], input: unknown): Enforced {
  const spec = schema[0]!['tensor-spec'];
  const { columns, rows } = namedColumns(input);
  const shape = spec.shape;
  const width = shape.length > 1 ? shape[1]! : 1;
  if (shape.length > 1 && width !== -1 && columns.length !== width) {
    throw new SchemaError(`Shape of input (${rows}, ${columns.length}) does not match expected shape (${shape.join(', ')}).`);
  }
  const numeric = /^(float|int|uint)/.test(spec.dtype);
  columns.forEach((col, j) => {
    const kind = valueKind(col);
    if (numeric && kind !== null && kind !== 'int64' && kind !== 'float64') {
      throw new SchemaError(`dtype of input ${kind} does not match expected dtype ${spec.dtype} (column ${j}).`);
    }
    if (numeric && spec.dtype.startsWith('int') && kind === 'float64') {
      throw new SchemaError(`dtype of input float64 does not match expected dtype ${spec.dtype} (column ${j}).`);
    }
  });
  return { data: input, warnings: [] };
}

/** Check and conform model input to a signature's inputs (MLflow's `_enforce_schema`). */
export function enforceSchema(schema: Schema | undefined, input: unknown): Enforced {
  if (!schema || schema.length === 0) return { data: input, warnings: [] };
  return isTensorSchema(schema) ? enforceTensor(schema, input) : enforceColumns(schema as ColSpec[], input);
}

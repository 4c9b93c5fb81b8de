// Model signatures, MLflow's: a schema of named columns (ColSpec) or of a tensor (TensorSpec) for the
// inputs and the outputs, plus optional inference params. Stored in MLmodel as JSON strings.
import { SchemaError } from '../lib/errors';
import { frameColumns, isFrame, isMatrix, isSeries, type FrameLike, type Matrix } from '../data/frame';

export type MlflowType = 'boolean' | 'integer' | 'long' | 'float' | 'double' | 'string' | 'binary' | 'datetime';

export interface ColSpec {
  type: MlflowType;
  name?: string;
  required: boolean;
}

export interface TensorSpec {
  type: 'tensor';
  'tensor-spec': { dtype: string; shape: number[] };
}

export interface ParamSpec {
  name: string;
  type: MlflowType;
  default: unknown;
  shape: number[] | null;
}

export type Schema = ColSpec[] | TensorSpec[];

export interface ModelSignature {
  inputs: Schema;
  outputs?: Schema;
  params?: ParamSpec[];
}

/** As written in MLmodel: each part a JSON string (or null). */
export interface SignatureDict {
  inputs: string;
  outputs: string | null;
  params: string | null;
}

export function signatureToDict(sig: ModelSignature): SignatureDict {
  return {
    inputs: JSON.stringify(sig.inputs),
    outputs: sig.outputs ? JSON.stringify(sig.outputs) : null,
    params: sig.params ? JSON.stringify(sig.params) : null,
  };
}

export function signatureFromDict(d: SignatureDict): ModelSignature {
  const sig: ModelSignature = { inputs: JSON.parse(d.inputs) as Schema };
  if (d.outputs) sig.outputs = JSON.parse(d.outputs) as Schema;
  if (d.params) sig.params = JSON.parse(d.params) as ParamSpec[];
  return sig;
}

export function isTensorSchema(s: Schema): s is TensorSpec[] {
  return s.length > 0 && s[0]!.type === 'tensor';
}

/** numpy's names for MLflow's types, the words MLflow's messages use. */
export const NUMPY_NAMES: Record<MlflowType, string> = {
  boolean: 'bool', integer: 'int32', long: 'int64', float: 'float32', double: 'float64', string: 'object', binary: 'bytes', datetime: 'datetime64[ns]',
};

// danfojs labels columns int32/float32, but the values are JS doubles read as pandas would read
// int64/float64, which MLflow calls long/double.
const DANFO_TYPES: Record<string, MlflowType> = { int32: 'long', float32: 'double', string: 'string', boolean: 'boolean', datetime: 'datetime' };

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/** The MLflow type of a column from its values (missing cells ignored). */
export function inferColumnType(values: ArrayLike<unknown>): MlflowType {
  let kind: MlflowType | null = null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) continue;
    const t: MlflowType = typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? (Number.isInteger(v) ? 'long' : 'double') : v instanceof Date ? 'datetime' : 'string';
    if (kind === null) kind = t;
    else if (kind !== t) {
      if ((kind === 'long' && t === 'double') || (kind === 'double' && t === 'long')) kind = 'double';
      else return 'string';
    }
  }
  return kind ?? 'double';
}

function hasMissing(values: ArrayLike<unknown>): boolean {
  for (let i = 0; i < values.length; i++) if (isMissing(values[i])) return true;
  return false;
}

/** The schema of model input or output data, as MLflow's `_infer_schema`. */
export function inferSchema(data: unknown): Schema {
  if (isFrame(data)) {
    const cols = frameColumns(data);
    const dtypes = (data as FrameLike & { dtypes?: string[] }).dtypes;
    return data.columns.map((name, j) => ({
      type: (dtypes ? DANFO_TYPES[dtypes[j]!] : undefined) ?? inferColumnType(cols[j]!),
      name: String(name),
      required: !hasMissing(cols[j]!),
    }));
  }
  if (isSeries(data)) {
    const dtype = (data as { dtypes?: string[] }).dtypes?.[0];
    return [{ type: (dtype ? DANFO_TYPES[dtype] : undefined) ?? inferColumnType(data.values), required: !hasMissing(data.values) }];
  }
  if (isMatrix(data)) return [tensor('float64', [-1, data.cols])];
  if (data instanceof Float64Array) return [tensor('float64', [-1])];
  if (data instanceof Float32Array) return [tensor('float32', [-1])];
  if (data instanceof Int32Array) return [tensor('int32', [-1])];
  if (Array.isArray(data)) {
    if (data.length && Array.isArray(data[0])) {
      const first = data[0] as unknown[];
      const all = (data as unknown[][]).flat();
      const t = inferColumnType(all);
      return [tensor(t === 'long' ? 'int64' : t === 'double' ? 'float64' : t === 'boolean' ? 'bool' : 'object', [-1, first.length])];
    }
    if (data.length && typeof data[0] === 'object' && data[0] !== null) {
      // Rows as records: {alcohol: 9.4, …}
      const names = Object.keys(data[0] as object);
      return names.map((name) => {
        const col = (data as Array<Record<string, unknown>>).map((r) => r[name]);
        return { type: inferColumnType(col), name, required: !hasMissing(col) };
      });
    }
    const t = inferColumnType(data);
    if (t === 'string' || t === 'boolean') return [{ type: t, required: !hasMissing(data) }];
    return [tensor(t === 'long' ? 'int64' : 'float64', [-1])];
  }
  throw new SchemaError(`Cannot infer a schema from ${describeType(data)}; give a DataFrame, an array of rows, or a typed array.`);
}

function tensor(dtype: string, shape: number[]): TensorSpec {
  return { type: 'tensor', 'tensor-spec': { dtype, shape } };
}

function describeType(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x !== 'object') return `a ${typeof x}`;
  return `a ${(x as object).constructor?.name ?? 'object'}`;
}

/** MLflow's `infer_signature(model_input, model_output, params)`. */
export function inferSignature(modelInput: unknown, modelOutput?: unknown, params?: Record<string, unknown>): ModelSignature {
  const sig: ModelSignature = { inputs: inferSchema(modelInput) };
  if (modelOutput !== undefined && modelOutput !== null) sig.outputs = inferSchema(modelOutput);
  if (params) {
    sig.params = Object.entries(params).map(([name, value]) => ({
      name,
      type: typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? (Number.isInteger(value) ? 'long' : 'double') : 'string',
      default: value,
      shape: Array.isArray(value) ? [-1] : null,
    }));
  }
  return sig;
}

export type { Matrix };

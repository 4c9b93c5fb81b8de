// Model signatures, MLflow's: a schema of named columns (ColSpec) or of a tensor (TensorSpec) for the
// inputs and the outputs, plus optional inference params. Stored in MLmodel as JSON strings.
import { SchemaError } from '../lib/errors';
import { isMatrix, type Matrix } from '../data/frame';
import { isDanfoSeries, tableFromDanfo } from '../data/danfo';
import { MLFLOW_TYPES } from '../data/dataset-info';
import { inferColumn } from '../data/infer';
import type { Dtype, Table } from '../data/table';
import { toTable } from '../data/table-from';

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
  boolean: 'bool',
  integer: 'int32',
  long: 'int64',
  float: 'float32',
  double: 'float64',
  string: 'object',
  binary: 'bytes',
  datetime: 'datetime64[ns]',
};

/** numpy's dtype for a Table dtype, as a tensor spec names it. */
const TENSOR_DTYPES: Record<Dtype, string> = { float64: 'float64', int64: 'int64', bool: 'bool', string: 'object' };

/** numpy's dtype for an array whose columns have these types (numpy's promotion: ints widen to floats). */
function arrayDtype(dtypes: readonly Dtype[]): string {
  const kinds = new Set(dtypes);
  if (kinds.has('string') || (kinds.has('bool') && kinds.size > 1)) return 'object';
  if (kinds.has('float64')) return 'float64';
  if (kinds.has('int64')) return 'int64';
  return kinds.has('bool') ? 'bool' : 'float64';
}

/** The tensor schema of rows of values (a 2-D numpy array in MLflow), from their columns' types. */
export function tensorSchema(t: Table): TensorSpec[] {
  return [tensor(arrayDtype(t.dtypes), [-1, t.columns.length])];
}

/**
 * The schema of model input or output data, as MLflow's `_infer_schema`: named columns for tables
 * (a Table, a danfojs DataFrame, records, an object of columns), their types from all the values;
 * a tensor for matrices and rows of numbers (numpy arrays in MLflow); an unnamed column or a 1-D
 * tensor for a Series or a list of values.
 */
export function inferSchema(data: unknown): Schema {
  if (isMatrix(data)) return [tensor('float64', [-1, data.cols])];
  if (data instanceof Float64Array) return [tensor('float64', [-1])];
  if (data instanceof Float32Array) return [tensor('float32', [-1])];
  if (data instanceof Int32Array) return [tensor('int32', [-1])];
  if (isDanfoSeries(data)) {
    const t = tableFromDanfo(data);
    return [{ type: MLFLOW_TYPES[t.dtypes[0]!], required: t.missing(0) === 0 }];
  }
  if (Array.isArray(data) && data.length && (Array.isArray(data[0]) || ArrayBuffer.isView(data[0]))) {
    // Rows of values: a 2-D numpy array in MLflow, so a tensor of the type of all its values.
    return tensorSchema(toTable(data));
  }
  if (Array.isArray(data) && data.length && (typeof data[0] !== 'object' || data[0] === null)) {
    const { dtype, data: values } = inferColumn(data);
    const required = !Array.from(values as ArrayLike<unknown>).some(
      (v) => v === null || (typeof v === 'number' && v !== v),
    );
    if (dtype === 'string' || dtype === 'bool') return [{ type: MLFLOW_TYPES[dtype], required }];
    return [tensor(TENSOR_DTYPES[dtype], [-1])];
  }
  let t: ReturnType<typeof toTable>;
  try {
    t = toTable(data);
  } catch {
    throw new SchemaError(
      `Cannot infer a schema from ${describeType(data)}; give a DataFrame, a Table, an array of rows, or a typed ` +
        `array.`,
    );
  }
  return t.columns.map((name, j) => ({ type: MLFLOW_TYPES[t.dtypes[j]!], name, required: t.missing(j) === 0 }));
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
export function inferSignature(
  modelInput: unknown,
  modelOutput?: unknown,
  params?: Record<string, unknown>,
): ModelSignature {
  const sig: ModelSignature = { inputs: inferSchema(modelInput) };
  if (modelOutput !== undefined && modelOutput !== null) sig.outputs = inferSchema(modelOutput);
  if (params) {
    sig.params = Object.entries(params).map(([name, value]) => ({
      name,
      type:
        typeof value === 'boolean'
          ? 'boolean'
          : typeof value === 'number'
            ? Number.isInteger(value)
              ? 'long'
              : 'double'
            : 'string',
      default: value,
      shape: Array.isArray(value) ? [-1] : null,
    }));
  }
  return sig;
}

export type { Matrix };

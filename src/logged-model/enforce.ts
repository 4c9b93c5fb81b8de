// Signature enforcement at predict time, MLflow's `_enforce_schema` with its rules and messages: a
// missing required input is an error; extra inputs are dropped with a warning; columns are put in the
// signature's order; a column is converted only when the conversion is safe.
//
// The input becomes a Table first (table-from.ts), so a column's type is what pandas would infer from
// ALL its values, whatever a library declared. Then, per column (MLflow's `_enforce_mlflow_datatype`):
//
//   signature   accepts                    refuses (MLflow's message)
//   double      float64, int64             bool, string
//   long        int64                      float64 (with MLflow's hint when it is whole numbers and
//                                          NaN), bool, string
//   integer     —                          int64 (int64 → int32 is not safe), everything else
//   float       int64 of 0/1 only          float64 (float64 → float32 is not safe), everything else
//   boolean     bool                       everything else
//   string      string                     everything else
//
// One difference from MLflow, on purpose: MLflow lets only integers of up to 6 bytes become doubles
// (an int64 above 2^53 would lose digits); Kiroku's int64 columns hold safe integers, which every
// double represents exactly, so a long column always passes as double. Missing values pass through,
// as in MLflow (a float64 column with NaN is a double column); an estimator that cannot take them
// says so itself. An optional input that is absent is filled with missing values, so a pipeline with
// an imputer can still use the model.
import { SchemaError } from '../lib/errors';
import { MLFLOW_TYPES } from '../data/dataset-info';
import { areDefaultNames, isMatrix } from '../data/matrix';
import { Table, pyList, type ColumnData, type Dtype } from '../data/table';
import { toTable } from '../data/table-from';
import { NUMPY_NAMES, isTensorSchema, type ColSpec, type MlflowType, type Schema, type TensorSpec } from './signature';

export { pyList };

export interface Enforced {
  /** The input as a Table whose columns follow the signature (or the input itself for tensor schemas). */
  data: unknown;
  warnings: string[];
}

export type CheckStatus = 'ok' | 'converted' | 'missing' | 'optional-missing' | 'mismatch' | 'extra';

/** What enforcement does with one column: the model's type, the input's, and the outcome. */
export interface ColumnCheck {
  column: string;
  /** The signature's type; null for a column the signature does not name. */
  expected: MlflowType | null;
  /** The MLflow type of the input column's values; null when the input lacks it. */
  found: MlflowType | null;
  status: CheckStatus;
  /** MLflow's message for a refusal; otherwise what happens to the column. */
  message: string;
}

/** numpy's names for Table dtypes, the words MLflow's messages use for the input side. */
const NUMPY_DTYPES: Record<Dtype, string> = { float64: 'float64', int64: 'int64', bool: 'bool', string: 'object' };

const MISSING_HINT =
  ' Hint: the type mismatch is likely caused by missing values. Integer columns in python can not represent missing ' +
  'values and are therefore encoded as floats. The best way to avoid this problem is to infer the model schema based ' +
  'on a realistic data sample (training dataset) that includes missing values. Alternatively, you can declare ' +
  'integer ' +
  'columns as doubles (float64) whenever these columns may have missing values. See `Handling Integers With Missing ' +
  'Values <https://www.mlflow.org/docs/latest/models.html#handling-integers-with-missing-values>`_ for more details.';

function incompatible(name: string, dtype: Dtype, to: MlflowType, hint = ''): string {
  return (
    `Incompatible input types for column ${name}. Can not safely convert ${NUMPY_DTYPES[dtype]} ` +
    `to ${NUMPY_NAMES[to]}.${hint}`
  );
}

function wholeWithGaps(values: ColumnData): boolean {
  let gaps = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v) gaps = true;
    else if (!Number.isInteger(v)) return false;
  }
  return gaps;
}

function zerosAndOnes(values: ColumnData): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== 0 && values[i] !== 1) return false;
  return true;
}

/** MLflow's rule for one column: the dtype it becomes, or the refusal. */
function convert(name: string, dtype: Dtype, values: ColumnData, to: MlflowType): { dtype: Dtype } | { error: string } {
  const same = MLFLOW_TYPES[dtype] === to;
  switch (to) {
    case 'double':
      if (dtype === 'float64' || dtype === 'int64') return { dtype: 'float64' };
      break;
    case 'long':
      if (same) return { dtype };
      if (dtype === 'float64')
        return { error: incompatible(name, dtype, to, wholeWithGaps(values) ? MISSING_HINT : '') };
      break;
    case 'float':
      if (dtype === 'int64' && zerosAndOnes(values)) return { dtype: 'float64' };
      break;
    case 'datetime':
    case 'binary':
      // MLflow converts text (object columns) to these; Kiroku's estimators never see them.
      if (dtype === 'string') return { dtype };
      break;
    default:
      if (same) return { dtype };
  }
  return { error: incompatible(name, dtype, to) };
}

/** The input's columns by name; unnamed input (rows, a bare Matrix) takes the signature's names by position. */
function namedInput(schema: ColSpec[], input: unknown): Table {
  const unnamed = isMatrix(input)
    ? input.columns === undefined || areDefaultNames(input.columns)
    : Array.isArray(input) && input.length > 0 && (Array.isArray(input[0]) || ArrayBuffer.isView(input[0]));
  let t: Table;
  try {
    t = toTable(input, 'the model input');
  } catch (e) {
    throw new SchemaError(
      `Model input must be a DataFrame, a Table, records, rows or a Matrix: ${(e as Error).message}`,
    );
  }
  if (!unnamed) return t;
  if (t.columns.length !== schema.length || schema.some((c) => c.name === undefined)) {
    throw new SchemaError(
      `This model has a column-based signature of ${schema.length} ` +
        `columns ${pyList(schema.map((c) => c.name ?? '?'))}; ` +
        `the input has ${t.columns.length} unnamed columns. Pass a DataFrame or records with those column names.`,
    );
  }
  return new Table(
    schema.map((c, j) => ({ ...t.spec(j), name: c.name! })),
    t.rows,
  );
}

/**
 * Column by column, what enforcing `schema` on `table` does: each signature input (ok, converted,
 * missing, or refused with MLflow's message), then each extra column (dropped). The Predict page
 * shows this before predicting; `enforceSchema` throws the first refusal.
 */
export function checkColumns(schema: ColSpec[], table: Table): ColumnCheck[] {
  const out: ColumnCheck[] = [];
  for (const spec of schema) {
    const name = spec.name!;
    const j = table.indexOf(name);
    if (j < 0) {
      out.push(
        spec.required
          ? {
              column: name,
              expected: spec.type,
              found: null,
              status: 'missing',
              message: `Model is missing inputs ${pyList([name])}.`,
            }
          : {
              column: name,
              expected: spec.type,
              found: null,
              status: 'optional-missing',
              message: 'Optional input, filled with missing values.',
            },
      );
      continue;
    }
    const dtype = table.dtypes[j]!;
    const found = MLFLOW_TYPES[dtype];
    const result = convert(name, dtype, table.data[j]!, spec.type);
    if ('error' in result)
      out.push({ column: name, expected: spec.type, found, status: 'mismatch', message: result.error });
    else if (found !== spec.type)
      out.push({
        column: name,
        expected: spec.type,
        found,
        status: 'converted',
        message: `Converted from ${found} to ${spec.type}.`,
      });
    else out.push({ column: name, expected: spec.type, found, status: 'ok', message: '' });
  }
  const expected = new Set(schema.map((c) => c.name));
  table.columns.forEach((name, j) => {
    if (!expected.has(name)) {
      out.push({
        column: name,
        expected: null,
        found: MLFLOW_TYPES[table.dtypes[j]!],
        status: 'extra',
        message: 'Not a model input; ignored.',
      });
    }
  });
  return out;
}

function enforceColumns(schema: ColSpec[], input: unknown): Enforced {
  const named = schema.filter((c) => c.name !== undefined);
  const table = namedInput(schema, input);
  const checks = checkColumns(named, table);
  const missing = checks.filter((c) => c.status === 'missing').map((c) => c.column);
  const extra = checks.filter((c) => c.status === 'extra').map((c) => c.column);
  if (missing.length) {
    throw new SchemaError(
      `Model is missing inputs ${pyList(missing)}.${
        extra.length ? ` Note that there were extra inputs: ${pyList(extra)}` : ''
      }`,
    );
  }
  const refused = checks.find((c) => c.status === 'mismatch');
  if (refused) throw new SchemaError(refused.message);
  const warnings = extra.length
    ? [
        `Found extra inputs in the model input that are not defined in the model signature: ${pyList(extra)}. ` +
          `These inputs will be ignored.`,
      ]
    : [];
  const columns = named.map((spec) => {
    const name = spec.name!;
    const j = table.indexOf(name);
    if (j < 0) return absentColumn(name, spec.type, table.rows);
    const result = convert(name, table.dtypes[j]!, table.data[j]!, spec.type) as { dtype: Dtype };
    return { name, dtype: result.dtype, data: table.data[j]! };
  });
  return { data: new Table(columns, table.rows), warnings };
}

/** An optional input the data lacks: all missing, of the signature's type. */
function absentColumn(name: string, type: MlflowType, rows: number) {
  if (type === 'string' || type === 'boolean')
    return {
      name,
      dtype: type === 'string' ? ('string' as const) : ('bool' as const),
      data: new Array(rows).fill(null),
    };
  return { name, dtype: 'float64' as const, data: new Float64Array(rows).fill(NaN) };
}

function enforceTensor(schema: TensorSpec[], input: unknown): Enforced {
  const spec = schema[0]!['tensor-spec'];
  let t: Table;
  try {
    t = toTable(input, 'the model input');
  } catch (e) {
    throw new SchemaError(
      `This model has a tensor signature; give rows of numbers or a Matrix: ${(e as Error).message}`,
    );
  }
  const shape = spec.shape;
  const width = shape.length > 1 ? shape[1]! : 1;
  if (shape.length > 1 && width !== -1 && t.columns.length !== width) {
    throw new SchemaError(
      `Shape of input (${t.rows}, ${t.columns.length}) does not match expected shape (${shape.join(', ')}).`,
    );
  }
  const numeric = /^(float|int|uint)/.test(spec.dtype);
  t.dtypes.forEach((dtype, j) => {
    const ok =
      !numeric ||
      dtype === 'int64' ||
      (dtype === 'float64' && !spec.dtype.startsWith('int') && !spec.dtype.startsWith('uint'));
    // An all-missing column has no values to check, as in MLflow.
    if (!ok && t.missing(j) < t.rows) {
      throw new SchemaError(
        `dtype of input ${NUMPY_DTYPES[dtype]} does not match expected dtype ${spec.dtype} (column ${j}).`,
      );
    }
  });
  return { data: input, warnings: [] };
}

/** Check and conform model input to a signature's inputs (MLflow's `_enforce_schema`). */
export function enforceSchema(schema: Schema | undefined, input: unknown): Enforced {
  if (!schema || schema.length === 0) return { data: input, warnings: [] };
  return isTensorSchema(schema) ? enforceTensor(schema, input) : enforceColumns(schema as ColSpec[], input);
}

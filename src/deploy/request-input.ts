// The one place where a scoring request's body becomes model input: MLflow's JSON formats
// (`dataframe_split`, `dataframe_records`, `instances`, `inputs`, with `params`) and CSV, parsed with the
// rules and messages of MLflow's scoring server (mlflow/pyfunc/scoring_server/__init__.py:
// _decode_json_input, infer_and_parse_data, parse_csv_input; mlflow/utils/proto_json_utils.py:
// dataframe_from_parsed_json, parse_tf_serving_input). Named columns are kept as rows for MLflow's
// messages and handed to PyFuncModel.predict as an object of columns (predictInput), which it turns
// into a Table like any input; CSV is read by data/csv.ts's readTable.
import { readTable } from '../data/csv';
import type { Table } from '../data/table';
import { ScoringError, invalidInput, pyStrList, pyStrSet, pyTypeRepr } from './scoring-error';

/** Named columns, row by row: the DataFrame shape PyFuncModel.predict takes. */
export interface NamedRows {
  columns: string[];
  shape: [number, number];
  values: unknown[][];
}

export interface ModelInput {
  /** Named rows when the columns are named, plain rows (arrays) when they are not. */
  data: NamedRows | unknown[][];
  params?: Record<string, unknown>;
}

export function isNamedRows(data: ModelInput['data']): data is NamedRows {
  return !Array.isArray(data);
}

function namedRows(columns: string[], values: unknown[][]): NamedRows {
  return { columns, shape: [values.length, columns.length], values };
}

/** Records as named rows: pandas' columns (every key, in order of first appearance), None where a record has none. */
function fromDicts(records: Array<Record<string, unknown>>): NamedRows {
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  return namedRows(
    columns,
    records.map((r) => columns.map((c) => (Object.hasOwn(r, c) ? r[c] : null))),
  );
}

export const DF_SPLIT = 'dataframe_split';
export const DF_RECORDS = 'dataframe_records';
export const INSTANCES = 'instances';
export const INPUTS = 'inputs';
/** MLflow's SUPPORTED_FORMATS (a Python set: printed here in one fixed order). */
export const SUPPORTED_FORMATS = [DF_SPLIT, DF_RECORDS, INSTANCES, INPUTS] as const;

export const REQUIRED_INPUT_FORMAT =
  'The input must be a JSON dictionary with exactly one of the input fields ' + pyStrSet(SUPPORTED_FORMATS);
export const SCORING_PROTOCOL_CHANGE_INFO =
  'IMPORTANT: The MLflow Model scoring protocol has changed in MLflow version 2.0. If you are' +
  ' seeing this error, you are likely using an outdated scoring request format. To resolve the' +
  " error, either update your request format or adjust your MLflow Model's requirements file to" +
  " specify an older version of MLflow (for example, change the 'mlflow' requirement specifier" +
  " to 'mlflow==1.30.0'). If you are making a request using the MLflow client" +
  ' (e.g. via `mlflow.pyfunc.spark_udf()`), upgrade your MLflow client to a version >= 2.0 in' +
  ' order to use the new request format. For more information about the updated MLflow' +
  ' Model scoring protocol in MLflow 2.0, see' +
  ' https://mlflow.org/docs/latest/models.html#deploy-mlflow-models.';

/** How much of a body that is not JSON goes back in the error (MLflow echoes all of it). */
const ECHO_LIMIT = 1000;

/** A JSON request body (`application/json`) as model input and params. */
export function inputFromJson(text: string, inputNames?: readonly string[]): ModelInput {
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch (e) {
    const shown = text.length > ECHO_LIMIT ? `${text.slice(0, ECHO_LIMIT)}… (${text.length} characters)` : text;
    throw invalidInput(
      `Ensure that input is a valid JSON formatted string. Error: ` +
        `'JSONDecodeError(${JSON.stringify((e as Error).message)})'\nInput: \n${shown}\n`,
    );
  }
  if (Array.isArray(decoded)) throw invalidInput(`${REQUIRED_INPUT_FORMAT}. Received a list.`);
  if (decoded === null || typeof decoded !== 'object')
    throw invalidInput(`${REQUIRED_INPUT_FORMAT}. Received unexpected input type '${pyTypeRepr(decoded)}.`);
  const body = decoded as Record<string, unknown>;
  const formats = SUPPORTED_FORMATS.filter((f) => Object.hasOwn(body, f));
  if (formats.length !== 1) {
    throw new ScoringError(
      `${REQUIRED_INPUT_FORMAT}. Received dictionary with input ` +
        `fields: ${pyStrList(formats)}. ${SCORING_PROTOCOL_CHANGE_INFO}`,
      'BAD_REQUEST',
    );
  }
  const format = formats[0]!;
  const params = body.params;
  if (params !== undefined && params !== null && (typeof params !== 'object' || Array.isArray(params))) {
    throw invalidInput(`\`params\` must be a dictionary of parameter names and values. Got ${pyTypeRepr(params)}.`);
  }
  const data =
    format === DF_SPLIT
      ? fromSplit(body[format])
      : format === DF_RECORDS
        ? fromRecords(body[format])
        : fromTensorInput(body[format], inputNames);
  return { data, ...(params ? { params: params as Record<string, unknown> } : {}) };
}

function fromSplit(split: unknown): ModelInput['data'] {
  if (split === null || typeof split !== 'object' || Array.isArray(split)) {
    throw invalidInput(
      `Dataframe split format must be a dictionary. ` +
        `Got ${Array.isArray(split) ? 'list' : `type ${pyTypeRepr(split)}`}.`,
    );
  }
  const keys = Object.keys(split);
  if (!keys.includes('data') || keys.some((k) => !['columns', 'data', 'index'].includes(k))) {
    throw invalidInput(
      `Dataframe split format must have 'data' field and optionally 'columns' and 'index' fields. ` +
        `Got ${pyStrSet(keys)}.'`,
    );
  }
  const { columns, data, index } = split as { columns?: unknown; data: unknown; index?: unknown };
  const bad = (why: string) =>
    invalidInput(
      `Provided dataframe_split field is not a valid dataframe representation in 'split' format. Error: '${why}'`,
    );
  if (!Array.isArray(data)) throw bad('DataFrame constructor not properly called!');
  if (columns !== undefined && columns !== null && !Array.isArray(columns))
    throw bad('Index(...) must be called with a collection of some kind');
  const rows = data.map((r) => (Array.isArray(r) ? r : [r]));
  const width = columns ? (columns as unknown[]).length : rows.reduce((w, r) => Math.max(w, r.length), 0);
  for (const r of rows)
    if (r.length !== width) throw bad(`${width} columns passed, passed data had ${r.length} columns`);
  if (Array.isArray(index) && index.length !== rows.length)
    throw bad(`Shape of passed values is (${rows.length}, ${width}), indices imply (${index.length}, ${width})`);
  if (!columns) return rows;
  return namedRows((columns as unknown[]).map(String), rows);
}

function fromRecords(records: unknown): ModelInput['data'] {
  if (!Array.isArray(records)) {
    throw invalidInput(
      `Dataframe records format must be a list of records. ` +
        `Got ${records !== null && typeof records === 'object' ? 'dictionary' : `type ${pyTypeRepr(records)}`}.`,
    );
  }
  if (records.length > 0 && records.every(isDict)) return fromDicts(records);
  if (records.every(Array.isArray)) return records as unknown[][];
  if (records.every((r) => !isDict(r) && !Array.isArray(r))) return records.map((v) => [v]);
  throw invalidInput(
    "Provided dataframe_records field is not a valid dataframe representation in 'records' format. Error: 'Mixing " +
      "dicts with non-Series may lead to ambiguous ordering.'",
  );
}

/** `instances` (rows, or a list of records) and `inputs` (columns, or rows): TF serving's formats. */
function fromTensorInput(value: unknown, inputNames?: readonly string[]): ModelInput['data'] {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isDict)) return fromDicts(value);
    if (value.some(isDict))
      throw invalidInput(
        "Ensure that the input is a valid JSON-formatted string.\nError: ValueError('Mixing dicts with non-Series " +
          "may lead to ambiguous ordering.')",
      );
    // A model with one named input takes a list as that column (MLflow's _cast_schema_type).
    if (inputNames?.length === 1 && !value.some(Array.isArray))
      return namedRows(
        [inputNames[0]!],
        value.map((v) => [v]),
      );
    return value.map((r) => (Array.isArray(r) ? r : [r]));
  }
  if (isDict(value)) {
    // Columns by name: {"alcohol": [9.4, 9.8], "pH": [3.51, 3.2]} (or one row of scalars).
    const names = Object.keys(value);
    const columns = names.map((n) => value[n]);
    if (columns.every((c) => !Array.isArray(c))) return namedRows(names, [columns]);
    const lengths = new Set(columns.map((c) => (Array.isArray(c) ? c.length : 1)));
    if (lengths.size > 1) throw invalidInput('The length of values for each input/column name are not the same');
    const n = Array.isArray(columns[0]) ? (columns[0] as unknown[]).length : 1;
    return namedRows(
      names,
      Array.from({ length: n }, (_, i) => columns.map((c) => (Array.isArray(c) ? c[i] : c))),
    );
  }
  throw invalidInput(
    `Failed to parse input data. This model contains an un-named  model signature which expects a single ` +
      `n-dimensional array or a single value as input, however, an input of type ${pyTypeRepr(value)} was found.`,
  );
}

/** A `text/csv` body (pandas' read_csv: a header line, `,`-separated, pandas' missing-value markers). */
export async function inputFromCsv(text: string): Promise<ModelInput> {
  let table: Table;
  try {
    table = await readTable(text, { delimiter: ',' });
  } catch (e) {
    throw new ScoringError(
      'Failed to parse input as a Pandas DataFrame. Ensure that the input is a valid CSV-formatted Pandas ' +
        'DataFrame produced using the' +
        ` \`pandas.DataFrame.to_csv()\` method. Error: '${(e as Error).message}'`,
      'BAD_REQUEST',
    );
  }
  return { data: namedRows([...table.columns], table.values) };
}

/**
 * What PyFuncModel.predict takes (toTable): named rows as an object of columns (pandas' DataFrame(dict)), plain rows as
 * they are.
 */
export function predictInput(data: ModelInput['data']): unknown {
  if (!isNamedRows(data)) return data;
  const columns: Record<string, unknown[]> = {};
  data.columns.forEach((name, j) => (columns[name] = data.values.map((r) => r[j])));
  return columns;
}

function isDict(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

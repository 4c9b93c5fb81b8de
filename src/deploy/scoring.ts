// One scoring request, without HTTP: MLflow's `invocations` (mlflow/pyfunc/scoring_server/__init__.py)
// — the content type checked (utf-8 only, no other parameters), the body parsed (request-input.ts),
// PyFuncModel.predict (the app's one predict path, with its signature checks), and the answer
// `{"predictions": …}` or MLflow's error JSON with its status.
import { SchemaError } from '../lib/errors';
import type { PyFuncModel } from '../logged-model/pyfunc';
import type { ColSpec } from '../logged-model/signature';
import { isTensorSchema } from '../logged-model/signature';
import { dataRepr, schemaRepr } from './data-repr';
import {
  inputFromCsv,
  inputFromJson,
  predictInput,
  SCORING_PROTOCOL_CHANGE_INFO,
  type ModelInput,
} from './request-input';
import { ScoringError } from './scoring-error';

export const CONTENT_TYPE_CSV = 'text/csv';
export const CONTENT_TYPE_JSON = 'application/json';
export const CONTENT_TYPES = [CONTENT_TYPE_CSV, CONTENT_TYPE_JSON];

export interface ScoringAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** MLflow's `invocations(data, content_type, model, input_schema)`. */
export async function invocations(
  model: PyFuncModel,
  body: string,
  contentType: string | undefined,
): Promise<ScoringAnswer> {
  const parts = (contentType ?? '').split(';').map((p) => p.trim());
  const mime = parts[0]!.toLowerCase();
  const parameters = new Map(
    parts
      .slice(1)
      .filter(Boolean)
      .map((p) => {
        const at = p.indexOf('=');
        return at < 0
          ? [p, '']
          : [
              p.slice(0, at).trim(),
              p
                .slice(at + 1)
                .trim()
                .replace(/^"(.*)"$/, '$1'),
            ];
      }),
  );
  const charset = (parameters.get('charset') ?? 'utf-8').toLowerCase();
  if (charset !== 'utf-8') return text(415, 'The scoring server only supports UTF-8');
  const unexpected = [...parameters.keys()].filter((k) => k !== 'charset');
  if (unexpected.length)
    return text(415, `Unrecognized content type parameters: ${unexpected.join(', ')}. ${SCORING_PROTOCOL_CHANGE_INFO}`);
  if (mime !== CONTENT_TYPE_CSV && mime !== CONTENT_TYPE_JSON) {
    return text(
      415,
      `This predictor only supports the following content types: Types: ['${CONTENT_TYPES.join("', '")}']. Got ` +
        `'${contentType ?? ''}'.`,
    );
  }
  try {
    const input = mime === CONTENT_TYPE_CSV ? await inputFromCsv(body) : inputFromJson(body, inputNames(model));
    return { status: 200, contentType: CONTENT_TYPE_JSON, body: predictionsToJson(await predict(model, input)) };
  } catch (e) {
    const error = e instanceof ScoringError ? e : new ScoringError(`${(e as Error).message ?? e}`, 'INTERNAL_ERROR');
    return { status: error.status, contentType: CONTENT_TYPE_JSON, body: JSON.stringify(error.toJSON()) };
  }
}

/** PyFuncModel.predict, its failures worded as MLflow's scoring server words them. */
export async function predict(model: PyFuncModel, input: ModelInput): Promise<unknown> {
  try {
    return await model.predict(predictInput(input.data), input.params);
  } catch (e) {
    if (e instanceof SchemaError) {
      const data = dataRepr(input.data);
      const schema = model.signature ? schemaRepr(model.signature.inputs) : '';
      throw new ScoringError(
        `Failed to predict data '${data}'. \nError: Failed to enforce schema of data '${data}' with schema ` +
          `'${schema}'. Error: ${e.message}`,
        'INVALID_PARAMETER_VALUE',
      );
    }
    throw new ScoringError(
      'Encountered an unexpected error while evaluating the model. Verify that the serialized input Dataframe is ' +
        'compatible with the model for inference.',
      'BAD_REQUEST',
      { stack_trace: `${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}` },
    );
  }
}

/** `{"predictions": […]}`: typed arrays as lists, a frame's rows as records (pandas' "records" orient). */
export function predictionsToJson(predictions: unknown): string {
  return JSON.stringify({ predictions: jsonable(predictions) });
}

function jsonable(p: unknown): unknown {
  if (ArrayBuffer.isView(p) && !(p instanceof DataView)) return Array.from(p as unknown as ArrayLike<number>);
  const frame = p as { columns?: unknown[]; values?: unknown[][] };
  if (p && typeof p === 'object' && Array.isArray(frame.columns) && Array.isArray(frame.values)) {
    const names = frame.columns.map(String);
    return frame.values.map((row) => Object.fromEntries(names.map((n, j) => [n, row[j]])));
  }
  return p;
}

/** The signature's input names, when it has named columns (a list under `inputs` is that one column). */
export function inputNames(model: PyFuncModel): string[] | undefined {
  const inputs = model.signature?.inputs;
  if (!inputs || isTensorSchema(inputs)) return undefined;
  return (inputs as ColSpec[]).map((c) => c.name).filter((n): n is string => n !== undefined);
}

function text(status: number, message: string): ScoringAnswer {
  return { status, contentType: 'text/plain', body: message };
}

// Errors as an MLflow server sends them: `{error_code, message}` with the HTTP status MLflow maps the
// code to, and the messages of MLflow's handlers and SQLAlchemy store (the ones Kiroku's own stores
// reuse, so a test can compare a local and a remote failure word for word).

/** MLflow's ErrorCode → HTTP status (mlflow/exceptions.py). */
const STATUS: Record<string, number> = {
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  INVALID_PARAMETER_VALUE: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  INVALID_STATE: 400,
  BAD_REQUEST: 400,
  INTERNAL_ERROR: 500,
  TEMPORARILY_UNAVAILABLE: 503,
};

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: string,
    message: string,
    status?: number,
  ) {
    super(message);
    this.status = status ?? STATUS[code] ?? 500;
  }
}

export const invalid = (message: string) => new ApiError('INVALID_PARAMETER_VALUE', message);
export const notFound = (message: string) => new ApiError('RESOURCE_DOES_NOT_EXIST', message);
export const exists = (message: string) => new ApiError('RESOURCE_ALREADY_EXISTS', message);

// Tracking (mlflow/store/tracking/sqlalchemy_store.py, mlflow/server/handlers.py).
export const experimentNotFound = (id: string) => notFound(`No Experiment with id=${id} exists`);
export const experimentNameNotFound = (name: string) => notFound(`Could not find experiment with name '${name}'`);
export const experimentExists = (name: string) => exists(`Experiment '${name}' already exists.`);
export const experimentNotActive = (id: string, stage: string) =>
  invalid(`The experiment ${id} must be in the 'active' state. Current state is ${stage}.`);
export const runNotFound = (id: string) => notFound(`Run with id=${id} not found`);
export const runNotActive = (id: string, stage: string) =>
  invalid(`The run ${id} must be in the 'active' state. Current state is ${stage}.`);
export const runTagNotFound = (runId: string, key: string) =>
  notFound(`No tag with name: ${key} in run with id ${runId}`);
export const paramChanged = (key: string, old: string, value: string, runId: string) =>
  invalid(
    `Changing param values is not allowed. Param with key='${key}' was already logged with value='${old}' ` +
      `for run ID='${runId}'. Attempted logging new value '${value}'.`,
  );

// Registry (the same words as src/model-registry/errors.ts, which copies MLflow's).
export const modelNotFound = (name: string) => notFound(`Registered Model with name=${name} not found`);
export const modelExists = (name: string) => exists(`Registered Model (name=${name}) already exists.`);
export const versionNotFound = (name: string, version: string) =>
  notFound(`Model Version (name=${name}, version=${version}) not found`);
export const aliasNotFound = (name: string, alias: string) =>
  notFound(`Registered model alias ${alias} not found on model ${name}.`);

// Request validation (handlers.py `_validate_param_against_schema`).
const API_DOCS = ' See the API docs for more information about request parameters.';
export const missingParam = (name: string) => invalid(`Missing value for required parameter '${name}'.${API_DOCS}`);
export const badParam = (name: string, value: unknown) =>
  invalid(
    `Invalid value ${JSON.stringify(value)} for parameter '${name}' supplied:  Hint: Value was of type ` +
      `'${pythonType(value)}'.${API_DOCS}`,
  );

/** The Python type name MLflow's hint shows for a JSON value. */
function pythonType(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  return Array.isArray(value) ? 'list' : 'dict';
}

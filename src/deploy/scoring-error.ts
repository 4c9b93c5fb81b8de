// MLflow's error answers (mlflow/exceptions.py): `{"error_code", "message"}` plus extra fields, with the
// HTTP status MLflow maps each code to. The scoring server answers every refused request with one.

/** MLflow's ERROR_CODE_TO_HTTP_STATUS, as in mlflow/exceptions.py. */
export const ERROR_CODE_TO_HTTP_STATUS: Readonly<Record<string, number>> = {
  INTERNAL_ERROR: 500,
  INVALID_STATE: 500,
  DATA_LOSS: 500,
  NOT_IMPLEMENTED: 501,
  TEMPORARILY_UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
  REQUEST_LIMIT_EXCEEDED: 429,
  CANCELLED: 499,
  RESOURCE_EXHAUSTED: 429,
  ABORTED: 409,
  RESOURCE_CONFLICT: 409,
  ALREADY_EXISTS: 409,
  NOT_FOUND: 404,
  ENDPOINT_NOT_FOUND: 404,
  RESOURCE_DOES_NOT_EXIST: 404,
  PERMISSION_DENIED: 403,
  CUSTOMER_UNAUTHORIZED: 401,
  UNAUTHENTICATED: 401,
  BAD_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  INVALID_PARAMETER_VALUE: 400,
};

/** MLflow's MlflowException as the scoring server serializes it. */
export class ScoringError extends Error {
  constructor(
    message: string,
    readonly errorCode: string = 'INTERNAL_ERROR',
    /** Extra fields of the JSON answer (MLflow's `stack_trace`). */
    readonly extra: Record<string, unknown> = {},
    /** A status MLflow has no code for (413 for a body over the limit); else the code's. */
    readonly statusOverride?: number,
  ) {
    super(message);
    this.name = 'ScoringError';
  }

  get status(): number {
    return this.statusOverride ?? ERROR_CODE_TO_HTTP_STATUS[this.errorCode] ?? 500;
  }

  toJSON(): Record<string, unknown> {
    return { error_code: this.errorCode, message: this.message, ...this.extra };
  }
}

/** MLflow's MlflowInvalidInputException: "Invalid input. …", BAD_REQUEST. */
export function invalidInput(message: string): ScoringError {
  return new ScoringError(`Invalid input. ${message}`, 'BAD_REQUEST');
}

/** Python's `repr(type(value))` for a parsed JSON value, as MLflow's messages print it. */
export function pyTypeRepr(value: unknown): string {
  const name =
    value === null
      ? 'NoneType'
      : typeof value === 'string'
        ? 'str'
        : typeof value === 'boolean'
          ? 'bool'
          : typeof value === 'number'
            ? Number.isInteger(value)
              ? 'int'
              : 'float'
            : Array.isArray(value)
              ? 'list'
              : 'dict';
  return `<class '${name}'>`;
}

/** Python's repr of a list of strings: ['a', 'b']. */
export function pyStrList(names: readonly string[]): string {
  return `[${names.map((n) => `'${n.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`;
}

/** Python's repr of a set of strings, in the order given: {'a', 'b'}. */
export function pyStrSet(names: readonly string[]): string {
  return names.length ? `{${pyStrList(names).slice(1, -1)}}` : 'set()';
}

// One error class per domain, each with a machine-readable `code` (MLflow's error codes where they
// exist) so callers can branch on the kind of failure and users see a message that names the bad value.

export type ErrorCode =
  | 'INVALID_PARAMETER_VALUE'
  | 'RESOURCE_DOES_NOT_EXIST'
  | 'RESOURCE_ALREADY_EXISTS'
  | 'INVALID_STATE'
  | 'BAD_REQUEST'
  | 'QUOTA_EXCEEDED'
  | 'INTERNAL_ERROR';

export class KirokuError extends Error {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    // Explicit names: minified builds rename classes, and `name` must survive (it crosses workers).
    this.name = 'KirokuError';
    this.code = code;
  }
}

/** Tracking and registry failures: bad keys, missing runs, changed params, malformed filters. */
export class TrackingError extends KirokuError {
  constructor(message: string, code: ErrorCode = 'INVALID_PARAMETER_VALUE') {
    super(message, code);
    this.name = 'TrackingError';
  }
}

/** A filter or order-by string that does not parse; `position` is the 0-based offset of the problem. */
export class SearchSyntaxError extends TrackingError {
  readonly position: number;
  constructor(message: string, position: number) {
    super(message, 'INVALID_PARAMETER_VALUE');
    this.name = 'SearchSyntaxError';
    this.position = position;
  }
}

/** Model inputs that do not match a signature. */
export class SchemaError extends KirokuError {
  constructor(message: string) {
    super(message, 'INVALID_PARAMETER_VALUE');
    this.name = 'SchemaError';
  }
}

/** sklearn's NotFittedError: an estimator was used before `fit`. */
export class NotFittedError extends KirokuError {
  constructor(estimator: string) {
    super(
      `This ${estimator} instance is not fitted yet. Call 'fit' with appropriate arguments before using this ` +
        `estimator.`,
      'NOT_FITTED',
    );
    this.name = 'NotFittedError';
  }
}

/** Bad data handed to data loading or an estimator: the message names the column or line. */
export class DataError extends KirokuError {
  constructor(message: string, code = 'INVALID_DATA') {
    super(message, code);
    this.name = 'DataError';
  }
}

/** Raised inside a notebook cell when the user interrupts it; the kernel keeps its state. */
export class InterruptError extends KirokuError {
  constructor(message = 'Execution interrupted by the user.') {
    super(message, 'INTERRUPTED');
    this.name = 'InterruptError';
  }
}

export function isInterrupt(err: unknown): boolean {
  return err instanceof InterruptError || (err as { name?: string } | null)?.name === 'InterruptError';
}

/**
 * The store could not be reached or failed as a whole (network down, timeout, a server's 5xx or 429
 * after retries), as opposed to refusing what was sent: retrying parts of the same batch cannot help.
 */
export function isUnreachable(err: unknown): boolean {
  const e = err as { code?: unknown; status?: unknown } | null;
  if (e?.code === 'NETWORK_ERROR' || e?.code === 'CANCELLED') return true;
  return typeof e?.status === 'number' && (e.status >= 500 || e.status === 429);
}

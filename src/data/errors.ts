// The `code`s a DataError carries when loading data fails, so callers (the notebook's file picker, the
// kernel) can branch on the kind of failure while users read the message. `DataError` itself lives in
// lib/errors.ts; its default code, INVALID_DATA, stays for estimator input problems.
import { DataError } from '../lib/errors';

export const DATA_ERROR_CODES = {
  /** No text at all, or only blank lines. */
  emptyFile: 'EMPTY_FILE',
  /** A header line but no data rows. */
  noRows: 'NO_ROWS',
  /** A row whose field count differs from the header's. */
  raggedRow: 'RAGGED_ROW',
  /** A quoted field that runs to the end of the file. */
  unclosedQuote: 'UNCLOSED_QUOTE',
  /** Bytes that are not valid UTF-8 (or UTF-16 with a BOM). */
  badEncoding: 'INVALID_ENCODING',
  /** An option with a value we can't use (a two-character delimiter, …). */
  badOption: 'INVALID_PARAMETER_VALUE',
  /** A URL or path that could not be read. */
  unreadable: 'RESOURCE_DOES_NOT_EXIST',
  /** A sample dataset name we don't ship. */
  unknownDataset: 'RESOURCE_DOES_NOT_EXIST',
} as const;

export type DataErrorCode = (typeof DATA_ERROR_CODES)[keyof typeof DATA_ERROR_CODES];

export function dataError(message: string, code: DataErrorCode): DataError {
  return new DataError(message, code);
}

/** A source label ("the CSV text", "data.csv") at the start of a sentence. */
export function capitalized(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

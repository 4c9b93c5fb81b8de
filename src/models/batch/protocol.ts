// Messages between predictBatch and its workers (types only).
import type { EstimatorJSON } from '../../ml/estimator';

/** Rows [from, to) of a column-major matrix: copied and transferred, or read from shared memory. */
export type Block =
  | { kind: 'copy'; data: Float64Array; rows: number }
  | { kind: 'shared'; buffer: SharedArrayBuffer; totalRows: number; from: number; to: number };

export type ToWorker =
  | { type: 'load'; model: EstimatorJSON }
  | { type: 'predict'; id: number; block: Block; cols: number; columns: string[] };

export type FromWorker =
  | { type: 'loaded' }
  | { type: 'result'; id: number; predictions: Float64Array | unknown[] }
  | { type: 'error'; id: number | null; message: string };

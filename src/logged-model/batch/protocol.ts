// Messages between predictBatch and its workers (types only).
import type { EstimatorJSON } from '../../ml/core/estimator';

export type ToWorker =
  | { type: 'load'; model: EstimatorJSON }
  /** Rows of a block as a column-major matrix, transferred (not copied). */
  | { type: 'predict'; id: number; data: Float64Array; rows: number; cols: number; columns: string[] };

export type FromWorker =
  | { type: 'loaded' }
  | { type: 'result'; id: number; predictions: Float64Array | unknown[] }
  | { type: 'error'; id: number | null; message: string };

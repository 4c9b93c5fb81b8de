// The training data as a run's dataset input (MLflow's `mlflow.data.from_pandas(...)` with context
// "train"): a digest, schema and profile. Arrays and matrices are described as unnamed columns.
import { datasetInfo } from '../data/dataset-info';
import { frameColumns, isFrame, toMatrix, type MatrixInput } from '../data/frame';
import type { DatasetInfo } from '../tracking/entities';

/** A column view of X that datasetInfo can describe: frames as they are, arrays as x0, x1, … */
function typedView(X: MatrixInput): { columns: string[]; shape: number[]; dtypes: string[]; values: unknown } {
  if (isFrame(X)) {
    const dtypes = (X as { dtypes?: string[] }).dtypes;
    const cols = frameColumns(X);
    return { columns: X.columns.map(String), shape: X.shape, dtypes: dtypes ?? cols.map(() => 'float32'), values: X.values, $dataIncolumnFormat: cols } as never;
  }
  const m = toMatrix(X);
  const cols = Array.from({ length: m.cols }, (_, j) => Array.from(m.data.subarray(j * m.rows, (j + 1) * m.rows)));
  return { columns: m.columns, shape: [m.rows, m.cols], dtypes: cols.map(() => 'float32'), values: [], $dataIncolumnFormat: cols } as never;
}

export async function trainingDataset(X: MatrixInput, name = 'dataset'): Promise<DatasetInfo> {
  return datasetInfo(typedView(X) as never, { name, sourceType: 'code', source: '{}' });
}

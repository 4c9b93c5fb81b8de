// The training data as a run's dataset input (MLflow's `mlflow.data.from_pandas(...)` with context
// "train"): a digest, schema and profile of the fit's Table, its source the code that made it
// (MLflow's CodeDatasetSource: the notebook's source tags).
import { datasetInfo } from '../data/dataset-info';
import type { Table } from '../data/table';
import type { DatasetInfo } from '../tracking/entities';

export async function trainingDataset(
  table: Table,
  sourceTags: Record<string, string> = {},
  name = 'dataset',
): Promise<DatasetInfo> {
  return datasetInfo(table, { name, sourceType: 'code', source: JSON.stringify({ tags: sourceTags }) });
}

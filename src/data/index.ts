// The data layer's public API: the Table every API reads, reading CSV, sample datasets, summaries and
// MLflow dataset descriptions. (X/y ⇄ matrix conversion for estimators lives in frame.ts.)
export { Table, type Dtype, type ColumnData, type TableColumn, type Cell } from './table';
export { toTable, type TableInput } from './table-from';
export { inferColumn } from './infer';
export { tableToDanfo as toDataFrame } from './danfo';
export { readCSV, readTable, DEFAULT_NA_VALUES, type ReadCSVOptions } from './csv';
export { isLocation, type DataSource } from './source';
export { sniffDelimiter, CANDIDATE_DELIMITERS } from './csv-sniff';
export {
  describe,
  describeFrame,
  quantile,
  DESCRIBE_ROWS,
  type ColumnSummary,
  type NumericSummary,
  type CategoricalSummary,
} from './describe';
export { loadSample, SAMPLE_DATASETS, type SampleDataset, type SampleName } from './datasets';
export {
  datasetInfo,
  datasetDigest,
  mlflowSchema,
  DIGEST_MAX_ROWS,
  type DatasetInfoOptions,
  type MlflowColSpec,
} from './dataset-info';
export { DATA_ERROR_CODES, type DataErrorCode } from './errors';

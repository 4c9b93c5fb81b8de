// The data layer's public API: reading CSV, sample datasets, summaries and MLflow dataset descriptions.
// (DataFrame ⇄ matrix conversion lives in frame.ts and is exported from there.)
export { readCSV, DEFAULT_NA_VALUES, type ReadCSVOptions } from './csv';
export { isLocation, type DataSource } from './source';
export { sniffDelimiter, CANDIDATE_DELIMITERS } from './csv-sniff';
export type { ColumnDtype, TypedFrame } from './columns';
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

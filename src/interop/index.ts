export { exportMlruns, type MlrunsExportOptions } from './mlruns/export';
export { importMlruns, type MlrunsImportReport } from './mlruns/import';
export { pyFloat } from './mlruns/format';
export { syncRuns, syncTagKey, LIMITS as MLFLOW_BATCH_LIMITS, type SyncOptions, type SyncReport } from './rest/sync';
export { MlflowServerError, type RestOptions } from './rest/http';

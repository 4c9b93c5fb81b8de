export { exportMlruns, type MlrunsExportOptions } from './mlruns/export';
export { importMlruns, type MlrunsImportReport, type MlrunsImportOptions } from './mlruns/import';
export { pyFloat } from './mlruns/format';
export { syncRuns, syncTagKey, type SyncOptions, type SyncReport } from './rest/sync';
export { LOG_BATCH_LIMITS as MLFLOW_BATCH_LIMITS } from './rest/log-batch';
export { MlflowServerError, type RestOptions } from './rest/http';
export { RestTrackingStore } from './rest/tracking-store';
export { RestRegistryStore } from './rest/registry-store';

export { exportMlruns, type MlrunsExportOptions } from './mlruns/export';
export { importMlruns, type MlrunsImportReport } from './mlruns/import';
export { pyFloat } from './mlruns/format';

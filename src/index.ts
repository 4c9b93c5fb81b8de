// Kiroku's public API: what notebook cells get as globals and what Node scripts and tests import.
/** MLflow's fluent API, camelCased: `mlflow.startRun`, `mlflow.logMetric`, `mlflow.searchRuns`, … */
export { mlflow } from './tracking/default';

export * from './tracking';
export { TrackingError, SchemaError, NotFittedError, DataError, SearchSyntaxError, KirokuError, InterruptError } from './lib/errors';
export const VERSION = __KIROKU_VERSION__;

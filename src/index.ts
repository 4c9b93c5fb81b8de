// Kiroku's public API: what notebook cells get as globals and what Node scripts and tests import.
/** MLflow's fluent API, camelCased: `mlflow.startRun`, `mlflow.logMetric`, `mlflow.searchRuns`, … */
export { mlflow, type Mlflow } from './mlflow';

export * from './tracking';
export * from './logged-model';
export * from './model-registry';
export * from './interop';
export * from './ml/index';
export * from './data/index';
export {
  TrackingError,
  SchemaError,
  NotFittedError,
  DataError,
  SearchSyntaxError,
  KirokuError,
  InterruptError,
} from './lib/errors';
export { KIROKU_VERSION as VERSION } from './lib/build-info';
export type { ServerOptions } from './lib/server-options';
export { html, markdown } from './notebook/worker/markup';

// The public API of Kiroku's ML layer (the `ml` global in notebooks). A plain list of re-exports;
// importing this module also registers every estimator class.
export * from './core/estimator';
export * from './core/labels';
export * from './metrics';
export * from './core/warnings';
export * from './linear-model/base';
export * from './linear-model/elastic-net';
export * from './linear-model/ridge';
export * from './linear-model/linear-regression';
export * from './linear-model/logistic-regression';
export * from './preprocessing';
export * from './pipeline';
export * from './model-selection/split';
export * from './model-selection';
export * from './neural-network/mlp';
export * from './core/threadpool';
export { useTfBackend, type TfBackendChoice } from './core/tf-backend';
// The metric functions users call announce themselves (post-training metrics); named exports win over `export *`.
export {
  meanSquaredError,
  rootMeanSquaredError,
  meanAbsoluteError,
  r2Score,
  accuracyScore,
  precisionScore,
  recallScore,
  f1Score,
  logLoss,
  rocAucScore,
} from './metrics/public';
export { onMetricComputed, type MetricEvent } from './metrics/events';

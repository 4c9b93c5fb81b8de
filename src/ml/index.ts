// The public API of Kiroku's ML layer (the `ml` global in notebooks). A plain list of re-exports;
// importing this module also registers every estimator class.
export * from './estimator';
export * from './labels';
export * from './metrics';
export * from './warnings';
export * from './linear-model';
export * from './elastic-net';
export * from './ridge';
export * from './linear-regression';
export * from './logistic-regression';
export * from './preprocessing';
export * from './pipeline';
export * from './split';
export * from './model-selection';
export * from './mlp';
export * from './threadpool';
export { useTfBackend, type TfBackendChoice } from './tf-backend';
// The metric functions users call announce themselves (post-training metrics); named exports win over `export *`.
export {
  meanSquaredError, rootMeanSquaredError, meanAbsoluteError, r2Score, accuracyScore,
  precisionScore, recallScore, f1Score, logLoss, rocAucScore,
} from './metrics-public';
export { onMetricComputed, type MetricEvent } from './metric-events';

// autolog's switches, MLflow's names camelCased, and the module state they set.

export interface AutologOptions {
  /** Turn autologging off (patches stay installed but do nothing). */
  disable?: boolean;
  /** Log the fitted model as artifact `model` (default true). */
  logModels?: boolean;
  /** Save the first 5 training rows as the model's input example (default true). */
  logInputExamples?: boolean;
  /** Infer and save the model's signature (default true). */
  logModelSignatures?: boolean;
  /** Record the training data as a dataset input with context `train` (default true). */
  logDatasets?: boolean;
  /** Log `<metric>_<dataset>` when a metric function scores an autologged model's predictions (default true). */
  logPostTrainingMetrics?: boolean;
  /** Log nothing into runs the user started; only into runs autolog starts (default false). */
  exclusive?: boolean;
  /** Say nothing on the console (default false). */
  silent?: boolean;
  /**
   * GridSearch: how many of the best candidates become child runs (MLflow's max_tuning_runs, default 5; null for all).
   */
  maxTuningRuns?: number | null;
}

export type ResolvedOptions = Required<Omit<AutologOptions, 'maxTuningRuns'>> & { maxTuningRuns: number | null };

export const DEFAULTS: ResolvedOptions = {
  disable: false,
  logModels: true,
  logInputExamples: true,
  logModelSignatures: true,
  logDatasets: true,
  logPostTrainingMetrics: true,
  exclusive: false,
  silent: false,
  maxTuningRuns: 5,
};

export const INPUT_EXAMPLE_ROWS = 5;
/** The `mlflow.autologging` tag of runs autolog made for Kiroku's estimators and for TensorFlow.js. */
export const AUTOLOG_FLAVOR = { estimator: 'kiroku_ml', tfjs: 'tfjs' } as const;

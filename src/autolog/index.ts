// `mlflow.autolog(options)`: one call, and every later fit — Kiroku's estimators, GridSearch, and
// TensorFlow.js models — is recorded as a run (MLflow's autologging). Calling it again changes the
// options; `{disable: true}` turns it off.
import type { Api } from './fit-recorder';
import { patchEstimators } from './estimators';
import { patchGridSearch } from './grid-search';
import { DEFAULTS, type AutologOptions } from './options';
import { listenForMetrics, nameDataset } from './post-training';
import { state } from './state';
import { patchTfjs } from './tfjs';

export function autolog(api: Api, options: AutologOptions = {}): void {
  state.api = api;
  state.options = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  if (!state.options.disable) {
    patchEstimators();
    patchGridSearch();
    patchTfjs();
  }
  listenForMetrics(!state.options.disable && state.options.logPostTrainingMetrics);
}

export { nameDataset, type AutologOptions };

// The public `mlflow` object: the page's fluent tracking API with the model API and autolog layered
// onto the same instance, so tracking, logged models, the registry and autolog share one active run
// and one tracking URI.
import { mlflow as fluent } from './tracking/default';
import { modelApi } from './models/api';
import { autolog, nameDataset, type AutologOptions } from './autolog/index';
import './interop/rest/schemes'; // http(s):// tracking URIs: an MLflow tracking server

const withModels = Object.assign(fluent, modelApi(fluent));

export const mlflow = Object.assign(withModels, {
  /** Record every later fit as a run: params, training metrics, the model with signature and input example, the dataset. */
  autolog: (options: AutologOptions = {}) => autolog(withModels, options),
  /** Name the data you predict on, for post-training metric keys: `mean_squared_error_test`. */
  nameDataset,
});
export type Mlflow = typeof mlflow;

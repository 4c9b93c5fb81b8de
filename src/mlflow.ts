// The public `mlflow` object: the page's fluent tracking API with the model API layered onto the same
// instance, so tracking, logged models and the registry share one active run and one tracking URI.
import { mlflow as fluent } from './tracking/default';
import { modelApi } from './models/api';

export const mlflow = Object.assign(fluent, modelApi(fluent));
export type Mlflow = typeof mlflow;

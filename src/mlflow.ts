// The public `mlflow` object, composed in one place with one type: a tracking instance's fluent API,
// the model API (logged models, the registry, loadModel) and autolog, all over that one instance, so
// they share its active run and tracking URI. Built anew for an instance (a notebook kernel composes
// its own); never by adding to the instance itself.
import { mlflow as defaultFluent } from './tracking/default';
import { Fluent, type FluentApi } from './tracking/fluent';
import { modelApi, type ModelApi } from './logged-model/api';
import { autolog, nameDataset, type AutologOptions } from './autolog/index';
import './interop/rest/schemes'; // http(s):// tracking URIs: an MLflow tracking server

export interface Mlflow extends FluentApi, ModelApi {
  /**
   * Record every later fit as a run: params, training metrics, the model with signature and input example, the dataset.
   */
  autolog(options?: AutologOptions): void;
  /** Name the data you predict on, for post-training metric keys: `mean_squared_error_test`. */
  nameDataset: typeof nameDataset;
}

/** The public methods of `fluent`, bound to it: an API object over that instance's state that is not the instance. */
function boundFluentApi(fluent: Fluent): FluentApi {
  const api: Record<string, unknown> = {};
  for (const name of Object.getOwnPropertyNames(Fluent.prototype)) {
    const member = (fluent as unknown as Record<string, unknown>)[name];
    if (name !== 'constructor' && typeof member === 'function') api[name] = member.bind(fluent);
  }
  return api as FluentApi;
}

/** The `mlflow` API over one tracking instance. */
export function createMlflow(fluent: Fluent): Mlflow {
  const withModels = { ...boundFluentApi(fluent), ...modelApi(fluent) };
  return { ...withModels, autolog: (options: AutologOptions = {}) => autolog(withModels, options), nameDataset };
}

/** The page's (or the kernel's) `mlflow`, over the same instance the UI reads through. */
export const mlflow: Mlflow = createMlflow(defaultFluent);

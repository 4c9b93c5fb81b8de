// The model half of the public `mlflow` object — logModel, the registry, loadModel — layered on a
// Fluent instance so it shares the tracking URI and the active run.
import type { Fluent } from '../tracking/fluent';
import type { RegistryClient } from '../model-registry/client';
import { registryClientFor } from '../model-registry/default';
import type { ModelVersion } from '../model-registry/entities';
import './flavors/builtin';
import { registerFlavor, type Flavor } from './flavors/flavor';
import { logModel, readMLmodel, type LogModelOptions, type ModelInfo } from './logged-model';
import { loadModel, type PyFuncModel } from './pyfunc';
import { inferSignature } from './signature';
import { parseModelUri } from '../lib/model-uri';

export interface ModelApi {
  /** Log a model as an artifact folder of the active run (MLflow's `mlflow.<flavor>.log_model`). */
  logModel(
    model: unknown,
    artifactPath?: string,
    options?: LogModelOptions & { registeredModelName?: string },
  ): Promise<ModelInfo & { registeredModelVersion?: string }>;
  inferSignature: typeof inferSignature;
  /** Register a logged model (`runs:/<id>/model`) as a new version of `name` (created if missing). */
  registerModel(
    modelUri: string,
    name: string,
    options?: { description?: string; tags?: Record<string, string> },
  ): Promise<ModelVersion>;
  setRegisteredModelAlias(name: string, alias: string, version: string | number): Promise<void>;
  deleteRegisteredModelAlias(name: string, alias: string): Promise<void>;
  getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion>;
  /** The registry client (MlflowClient's registry methods) for the current tracking URI. */
  registry(): RegistryClient;
  /**
   * Load any logged or registered model: `runs:/<id>/model`, `models:/<name>/<version>`,
   * `models:/<name>@<alias>`, `models:/<name>/latest`, or an artifact URI (`mlflow-artifacts:/…/model`).
   */
  loadModel(modelUri: string): Promise<PyFuncModel>;
  pyfunc: { loadModel(modelUri: string): Promise<PyFuncModel> };
  /** Teach every later logModel/loadModel a new kind of model (MLflow's custom flavors). */
  registerFlavor<M>(flavor: Flavor<M>): void;
}

export function modelApi(fluent: Fluent): ModelApi {
  const registry = () => registryClientFor(fluent.getTrackingUri(), () => fluent.getRunContext().user);
  const load = (uri: string) => loadModel(uri, fluent.client(), registry());

  return {
    async logModel(model, artifactPath = 'model', options = {}) {
      const runId = await fluent.activeRunId();
      const info = await logModel(fluent.client(), runId, model, artifactPath, options);
      if (!options.registeredModelName) return info;
      const version = await registry().createModelVersion(options.registeredModelName, info.modelUri, { runId });
      return { ...info, registeredModelVersion: version.version };
    },
    inferSignature,
    async registerModel(modelUri, name, options = {}) {
      // Refuse a run's URI with no model behind it now, not when someone loads the version. Other sources
      // (models:/, an artifact URI as MLflow's clients register them) are kept as given, as MLflow does.
      if (modelUri.startsWith('runs:/')) {
        const parsed = parseModelUri(modelUri);
        if (parsed.kind === 'runs') await readMLmodel(fluent.client(), parsed.runId, parsed.path);
      }
      return registry().createModelVersion(name, modelUri, options);
    },
    setRegisteredModelAlias: (name, alias, version) => registry().setRegisteredModelAlias(name, alias, version),
    deleteRegisteredModelAlias: (name, alias) => registry().deleteRegisteredModelAlias(name, alias),
    getModelVersionByAlias: (name, alias) => registry().getModelVersionByAlias(name, alias),
    registry,
    loadModel: load,
    pyfunc: { loadModel: load },
    registerFlavor,
  };
}

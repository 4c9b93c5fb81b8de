// Loading any logged model back as a generic model (MLflow's `mlflow.pyfunc.load_model`): resolve the
// URI to a run's model folder, read MLmodel, hand the folder to the flavor that saved it, and wrap
// predict with the signature's checks.
import { TrackingError } from '../lib/errors';
import type { TrackingClient } from '../tracking/client';
import type { RegistryClient } from '../registry/client';
import { enforceSchema } from './enforce';
import { getFlavor, type LoadedModel } from './flavors/flavor';
import { PYFUNC, readMLmodel, signatureOf, type MLmodelDoc } from './logged-model';
import { INPUT_EXAMPLE_FILE, loadInputExample } from './input-example';
import type { ModelSignature } from './signature';
import { parseModelUri } from './uri';

export interface ModelMetadata {
  /** The URI the model was loaded from, as given. */
  uri: string;
  runId: string;
  artifactPath: string;
  modelUuid: string;
  flavors: MLmodelDoc['flavors'];
  utcTimeCreated: string;
  signature?: ModelSignature;
}

export class PyFuncModel {
  constructor(
    readonly metadata: ModelMetadata,
    private readonly loaded: LoadedModel,
    private readonly client: TrackingClient,
  ) {}

  get signature(): ModelSignature | undefined {
    return this.metadata.signature;
  }

  /**
   * Predictions for a DataFrame, rows (records or arrays) or a Matrix, after checking the input
   * against the signature with MLflow's rules. A model without a signature gets no checks.
   */
  predict<T = unknown>(data: unknown, params?: Record<string, unknown>): T {
    const { data: checked, warnings } = enforceSchema(this.metadata.signature?.inputs, data);
    for (const w of warnings) console.warn(w);
    return this.loaded.predict(checked, params) as T;
  }

  /** The native model (an estimator, a tf.LayersModel, …): MLflow's `unwrap_python_model`. */
  unwrap<T = unknown>(): T {
    return this.loaded.raw as T;
  }

  /** The input example saved with the model, as records (DataFrames) or rows; undefined if none. */
  async inputExample(): Promise<unknown[] | undefined> {
    const info = (await readMLmodel(this.client, this.metadata.runId, this.metadata.artifactPath)).saved_input_example_info;
    if (!info) return undefined;
    const blob = await this.client.downloadArtifact(this.metadata.runId, `${this.metadata.artifactPath}/${info.artifact_path ?? INPUT_EXAMPLE_FILE}`);
    return loadInputExample(await blob.text());
  }
}

/** `runs:/…` as is; `models:/name/3`, `models:/name@alias`, `models:/name/latest` through the registry. */
export async function resolveModelUri(uri: string, registry: RegistryClient): Promise<{ runId: string; path: string }> {
  const parsed = parseModelUri(uri);
  if (parsed.kind === 'runs') return { runId: parsed.runId, path: parsed.path };
  const version = 'alias' in parsed
    ? await registry.getModelVersionByAlias(parsed.name, parsed.alias)
    : 'version' in parsed
      ? await registry.getModelVersion(parsed.name, parsed.version)
      : await registry.getLatestVersion(parsed.name);
  const source = parseModelUri(version.source);
  if (source.kind !== 'runs') throw new TrackingError(`Model version ${parsed.name}/${version.version} has an unsupported source '${version.source}'.`);
  return { runId: source.runId, path: source.path };
}

export async function loadModel(uri: string, tracking: TrackingClient, registry: RegistryClient): Promise<PyFuncModel> {
  const { runId, path } = await resolveModelUri(uri, registry);
  const doc = await readMLmodel(tracking, runId, path);
  const pyfunc = doc.flavors[PYFUNC] as { flavor?: string } | undefined;
  const names = [pyfunc?.flavor, ...Object.keys(doc.flavors)].filter((n): n is string => !!n && n !== PYFUNC);
  const flavorName = names.find((n) => getFlavor(n));
  if (!flavorName) {
    throw new TrackingError(
      `The model at ${uri} has flavors ${Object.keys(doc.flavors).join(', ')}, none of which this page can load. ` +
        'If it uses a custom flavor, register it first with mlflow.registerFlavor(…).',
    );
  }
  const loaded = await getFlavor(flavorName)!.load({
    conf: doc.flavors[flavorName]!,
    read: (file) => tracking.downloadArtifact(runId, `${path}/${file}`),
  });
  const signature = signatureOf(doc);
  return new PyFuncModel(
    { uri, runId, artifactPath: path, modelUuid: doc.model_uuid, flavors: doc.flavors, utcTimeCreated: doc.utc_time_created, ...(signature ? { signature } : {}) },
    loaded,
    tracking,
  );
}

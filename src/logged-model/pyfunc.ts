// Loading any logged model back as a generic model (MLflow's `mlflow.pyfunc.load_model`): resolve the
// URI to its model folder (model-source.ts: a run's, or wherever a registered version's source points),
// read MLmodel, hand the folder to the flavor that saved it, and wrap predict with the signature's checks.
import { TrackingError } from '../lib/errors';
import type { TrackingClient } from '../tracking/client';
import type { RegistryClient } from '../model-registry/client';
import { checkedPredict } from './checked-predict';
import { getFlavor, type LoadedModel } from './flavors/flavor';
import { PYFUNC, readMLmodelAt, signatureOf, type MLmodelDoc } from './logged-model';
import { INPUT_EXAMPLE_FILE, loadInputExample } from './input-example';
import { locateModel, type ModelLocation } from './model-source';
import type { ModelSignature } from './signature';

export interface ModelMetadata {
  /** The URI the model was loaded from, as given. */
  uri: string;
  /** The run whose artifacts hold the model, when known. */
  runId?: string;
  /** The model folder: a path in the run's artifacts, or the artifact URI it was read from. */
  artifactPath: string;
  /** Where the files were read from: `runs:/<run>/<path>`, or a registered version's source URI. */
  source: string;
  modelUuid: string;
  flavors: MLmodelDoc['flavors'];
  utcTimeCreated: string;
  signature?: ModelSignature;
}

export class PyFuncModel {
  constructor(
    readonly metadata: ModelMetadata,
    private readonly loaded: LoadedModel,
    private readonly location: ModelLocation,
  ) {}

  get signature(): ModelSignature | undefined {
    return this.metadata.signature;
  }

  /**
   * Predictions for a DataFrame, rows (records or arrays) or a Matrix, after checking the input
   * against the signature with MLflow's rules. A model without a signature gets no checks.
   */
  predict<T = unknown>(data: unknown, params?: Record<string, unknown>): T {
    return checkedPredict(this.loaded, this.metadata.signature, data, params) as T;
  }

  /** The native model (an estimator, a tf.LayersModel, …): MLflow's `unwrap_python_model`. */
  unwrap<T = unknown>(): T {
    return this.loaded.raw as T;
  }

  /** The input example saved with the model, as records (DataFrames) or rows; undefined if none. */
  async inputExample(): Promise<unknown[] | undefined> {
    const info = (await readMLmodelAt(this.location)).saved_input_example_info;
    if (!info) return undefined;
    return loadInputExample(await (await this.location.read(info.artifact_path ?? INPUT_EXAMPLE_FILE)).text());
  }
}

export async function loadModel(uri: string, tracking: TrackingClient, registry: RegistryClient): Promise<PyFuncModel> {
  return loadModelAt(uri, await locateModel(uri, tracking, registry));
}

/**
 * A model whose folder is already located (a run's artifacts, a folder on disk, a zip): read MLmodel, load its flavor.
 */
export async function loadModelAt(uri: string, location: ModelLocation): Promise<PyFuncModel> {
  const doc = await readMLmodelAt(location);
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
    read: (file) => location.read(file),
  });
  const signature = signatureOf(doc);
  return new PyFuncModel(
    {
      uri,
      ...(location.runId ? { runId: location.runId } : {}),
      artifactPath: location.artifactPath,
      source: location.source,
      modelUuid: doc.model_uuid,
      flavors: doc.flavors,
      utcTimeCreated: doc.utc_time_created,
      ...(signature ? { signature } : {}),
    },
    loaded,
    location,
  );
}

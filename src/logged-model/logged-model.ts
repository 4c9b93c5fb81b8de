// The logged-model format: a folder of artifacts in a run — MLmodel (YAML, MLflow's fields), the
// flavor's files, input_example.json and requirements.txt — and the code that writes and reads it.
import { TrackingError } from '../lib/errors';
import { newUuid } from '../lib/ids';
import { requirementsText } from '../lib/environment';
import { KIROKU_VERSION } from '../lib/build-info';
import type { ArtifactData, TrackingClient } from '../tracking/client';
import { flavorFor, getFlavor, type Flavor } from './flavors/flavor';
import { saveInputExample, type SavedInputExample } from './input-example';
import {
  inferSignature,
  signatureFromDict,
  signatureToDict,
  type ModelSignature,
  type SignatureDict,
} from './signature';
import { runsUri } from '../lib/model-uri';
import { runLocation, type ModelLocation } from './model-source';

export interface MLmodelDoc {
  artifact_path: string;
  flavors: Record<string, Record<string, unknown>>;
  kiroku_version: string;
  model_size_bytes?: number;
  model_uuid: string;
  run_id: string;
  saved_input_example_info?: SavedInputExample['info'];
  signature?: SignatureDict;
  utc_time_created: string;
}

export interface ModelInfo {
  artifactPath: string;
  flavors: Record<string, Record<string, unknown>>;
  modelUri: string;
  modelUuid: string;
  runId: string;
  signature?: ModelSignature;
  utcTimeCreated: string;
  savedInputExampleInfo?: SavedInputExample['info'];
}

export interface LogModelOptions {
  signature?: ModelSignature | false;
  inputExample?: unknown;
  /** Keep only this many rows of the input example (autolog keeps 5). */
  inputExampleRows?: number;
  /** Use this flavor instead of the one that claims the model. */
  flavor?: string | Flavor;
  /** The Python the model is meant for (the pyfunc flavor's `python_version`; default PYTHON_VERSION). */
  pythonVersion?: string;
}

/** MLflow's `utc_time_created` format: `2026-11-26 10:00:00.123456`. */
function utcNow(): string {
  return new Date().toISOString().replace('T', ' ').replace('Z', '000');
}

/** A flavor's loader for `python_function`: which flavor pyfunc loading hands the model to. */
export const PYFUNC = 'python_function';

/**
 * The python_function flavor's `python_version`, which MLflow always writes and compares (major.minor)
 * with the Python that loads the model, warning when they differ or when there is none. A model logged
 * in a browser has no Python: this is the one the `kiroku` reader is tested with (Debian 12's 3.11).
 */
export const PYTHON_VERSION = '3.11';

async function byteSize(data: ArtifactData): Promise<number> {
  if (typeof data === 'string') return new TextEncoder().encode(data).byteLength;
  if (data instanceof Blob) return data.size;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/** A logged model's folder, ready to write: its files (MLmodel included) and what logModel returns. */
export interface PreparedModel {
  files: Array<{ path: string; data: ArtifactData; contentType?: string }>;
  doc: MLmodelDoc;
  info: ModelInfo;
}

/** Build the folder of `model` for run `runId` without writing anything. */
export async function prepareModel(
  runId: string,
  model: unknown,
  artifactPath = 'model',
  options: LogModelOptions = {},
): Promise<PreparedModel> {
  const flavor = typeof options.flavor === 'string' ? getFlavor(options.flavor) : (options.flavor ?? flavorFor(model));
  if (!flavor) throw new TrackingError(`Unknown flavor '${String(options.flavor)}'.`);
  const saved = await flavor.save(model);
  const example =
    options.inputExample !== undefined ? saveInputExample(options.inputExample, options.inputExampleRows) : undefined;

  let signature = options.signature === false ? undefined : options.signature;
  if (signature === undefined && options.signature !== false && options.inputExample !== undefined) {
    // As MLflow does when only an example is given: infer from it and the model's predictions on it.
    signature = await inferFromExample(model, options.inputExample);
  }

  const files: Record<string, ArtifactData> = { ...saved.files, 'requirements.txt': requirementsText() };
  if (example) files[example.info.artifact_path] = example.json;
  let size = 0;
  for (const data of Object.values(files)) size += await byteSize(data);

  const doc: MLmodelDoc = {
    artifact_path: artifactPath,
    flavors: {
      [flavor.name]: saved.conf,
      [PYFUNC]: {
        loader_module: `kiroku.${flavor.name}`,
        flavor: flavor.name,
        python_version: options.pythonVersion ?? PYTHON_VERSION,
        env: { requirements: 'requirements.txt' },
      },
    },
    kiroku_version: KIROKU_VERSION,
    model_size_bytes: size,
    model_uuid: newUuid().replace(/-/g, ''),
    run_id: runId,
    ...(example ? { saved_input_example_info: example.info } : {}),
    ...(signature ? { signature: signatureToDict(signature) } : {}),
    utc_time_created: utcNow(),
  };
  const { stringify } = await import('yaml');
  return {
    files: [
      ...Object.entries(files).map(([path, data]) => ({ path: `${artifactPath}/${path}`, data })),
      { path: `${artifactPath}/MLmodel`, data: stringify(doc), contentType: 'application/yaml' },
    ],
    doc,
    info: {
      artifactPath,
      flavors: doc.flavors,
      modelUri: runsUri(runId, artifactPath),
      modelUuid: doc.model_uuid,
      runId,
      utcTimeCreated: doc.utc_time_created,
      ...(signature ? { signature } : {}),
      ...(example ? { savedInputExampleInfo: example.info } : {}),
    },
  };
}

/** Write `model` as a logged model under `artifactPath` of the run; returns MLflow's ModelInfo. */
export async function logModel(
  client: TrackingClient,
  runId: string,
  model: unknown,
  artifactPath = 'model',
  options: LogModelOptions = {},
): Promise<ModelInfo> {
  const prepared = await prepareModel(runId, model, artifactPath, options);
  // One transaction for the whole folder, MLmodel included: a model is there complete or not at all.
  await client.logArtifacts(runId, prepared.files);
  const run = await client.getRun(runId);
  await client.logBatchNow(runId, {
    tags: [{ key: HISTORY_TAG, value: historyWith(run.data.tags[HISTORY_TAG], prepared.doc) }],
  });
  return prepared.info;
}

async function inferFromExample(model: unknown, example: unknown): Promise<ModelSignature | undefined> {
  const predict = (model as { predict?: (x: unknown) => unknown }).predict;
  try {
    const output = typeof predict === 'function' ? await predict.call(model, example) : undefined;
    return inferSignature(example, output);
  } catch {
    return inferSignature(example);
  }
}

export const HISTORY_TAG = 'mlflow.log-model.history';

/** MLflow's `mlflow.log-model.history` tag value with `doc` appended (newest kept within 8000 characters). */
export function historyWith(current: string | undefined, doc: MLmodelDoc): string {
  let history: unknown[] = [];
  try {
    history = JSON.parse(current ?? '[]') as unknown[];
  } catch {
    history = [];
  }
  const entry = {
    run_id: doc.run_id,
    artifact_path: doc.artifact_path,
    utc_time_created: doc.utc_time_created,
    flavors: doc.flavors,
    model_uuid: doc.model_uuid,
  };
  let text = JSON.stringify([...history, entry]);
  while (text.length > 8000 && history.length) {
    history = history.slice(1);
    text = JSON.stringify([...history, entry]);
  }
  return text;
}

/** Read and parse a logged model's MLmodel file. */
export async function readMLmodel(client: TrackingClient, runId: string, artifactPath: string): Promise<MLmodelDoc> {
  return readMLmodelAt(runLocation(client, runId, artifactPath));
}

/** The MLmodel of the model folder at `location` (a run's, or one under an artifact URI). */
export async function readMLmodelAt(location: ModelLocation): Promise<MLmodelDoc> {
  let text: string;
  try {
    text = await (await location.read('MLmodel')).text();
  } catch (err) {
    if ((err as { code?: string }).code !== 'RESOURCE_DOES_NOT_EXIST') throw err;
    throw new TrackingError(
      location.runId && location.source.startsWith('runs:/')
        ? `No model at '${location.source}': the run has no artifact '${location.artifactPath}/MLmodel'. Log one ` +
            `with mlflow.logModel(model, '${location.artifactPath}').`
        : `No model at '${location.source}': there is no MLmodel file there.`,
      'RESOURCE_DOES_NOT_EXIST',
    );
  }
  const { parse } = await import('yaml');
  return parse(text) as MLmodelDoc;
}

export function signatureOf(doc: MLmodelDoc): ModelSignature | undefined {
  return doc.signature ? signatureFromDict(doc.signature) : undefined;
}

// "Register model" from a run's model folder: a new version of the named registered model (created if
// missing), its source the run's `runs:/<runId>/<path>` URI — what `mlflow.registerModel` does. The
// UI calls the registry client directly: the folder's MLmodel is on screen, so the public API's check
// that a model is there (which loads every flavor) is not needed.
import { runsUriParts } from '../../lib/model-uri';
import { registryClient } from './registry/registry';

/** Register `runs:/<runId>/<path>` under `name`; resolves to the new version. */
export async function registerModel(modelUri: string, name: string): Promise<{ name: string; version: string }> {
  const runId = runsUriParts(modelUri)?.runId;
  const v = await (await registryClient()).createModelVersion(name.trim(), modelUri, runId ? { runId } : {});
  return { name: v.name, version: v.version };
}

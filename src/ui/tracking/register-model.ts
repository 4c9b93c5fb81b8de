// "Register model" from a run's model folder. The registry (issue 4) is being built beside this UI;
// until `mlflow.registerModel` exists, the button says so instead of failing silently. The check is
// structural so this file compiles before and after the registry lands.
import { mlflow } from '../../tracking/default';

type WithRegistry = { registerModel: (modelUri: string, name: string) => Promise<{ name: string; version: string | number }> };

export function registryAvailable(): boolean {
  return typeof (mlflow as unknown as Partial<WithRegistry>).registerModel === 'function';
}

/** Register `runs:/<runId>/<path>` under `name`; resolves to the new version. */
export async function registerModel(modelUri: string, name: string): Promise<{ name: string; version: string }> {
  if (!registryAvailable()) throw new Error('The model registry is not available in this build yet.');
  const v = await (mlflow as unknown as WithRegistry).registerModel(modelUri, name);
  return { name: v.name, version: String(v.version) };
}

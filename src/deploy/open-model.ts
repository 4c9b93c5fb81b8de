// `-m <model>` of every command: a model folder, a zip holding one, or a runs:/ or models:/ URI on a
// tracking server — loaded into the one PyFuncModel the app uses (its flavors and signature checks).
// The tracking server's client is imported only for a URI, so a served folder needs no HTTP client.
import { fileURLToPath } from 'node:url';
import '../logged-model/flavors/builtin';
import type { ModelLocation } from '../logged-model/model-source';
import { loadModelAt, type PyFuncModel } from '../logged-model/pyfunc';
import { localModelLocation } from './model-files';
import type { TrackingServer } from './tracking-server-model';

export function isTrackingServerUri(model: string): boolean {
  return /^(runs|models):\//.test(model);
}

/** Where the model's files are. */
export async function modelLocation(model: string, server: TrackingServer = {}): Promise<ModelLocation> {
  if (isTrackingServerUri(model)) {
    const { trackingServerLocation } = await import('./tracking-server-model');
    return trackingServerLocation(model, server);
  }
  return localModelLocation(model.startsWith('file:') ? fileURLToPath(model) : model);
}

export async function openModel(model: string, server: TrackingServer = {}): Promise<PyFuncModel> {
  return loadModelAt(model, await modelLocation(model, server));
}

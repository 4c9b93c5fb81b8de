// A model on an MLflow tracking server: `runs:/<run>/<path>` or `models:/<name>@<alias>` (…/<version>,
// …/latest), resolved and read through the REST stores exactly as the app reads them. Credentials come
// as MLflow's clients take them: MLFLOW_TRACKING_TOKEN (bearer), or MLFLOW_TRACKING_USERNAME and
// MLFLOW_TRACKING_PASSWORD (basic).
import { TrackingError } from '../lib/errors';
import type { ServerOptions } from '../lib/server-options';
import { TrackingClient } from '../tracking/client';
import { RegistryClient } from '../model-registry/client';
import { RestTrackingStore } from '../interop/rest/tracking-store';
import { RestRegistryStore } from '../interop/rest/registry-store';
import { locateModel, type ModelLocation } from '../logged-model/model-source';

export interface TrackingServer {
  /** `--tracking-uri`, else MLFLOW_TRACKING_URI. */
  trackingUri?: string;
  env?: Record<string, string | undefined>;
}

/** Where the model's files are on the server (a run's artifacts, or a registered version's source). */
export async function trackingServerLocation(modelUri: string, server: TrackingServer): Promise<ModelLocation> {
  const env = server.env ?? process.env;
  const uri = (server.trackingUri ?? env.MLFLOW_TRACKING_URI ?? '').replace(/\/+$/, '');
  if (!/^https?:\/\//i.test(uri)) {
    throw new TrackingError(
      `'${modelUri}' names a model on an MLflow tracking server, and ${
        uri ? `'${uri}' is not one (an http:// or https:// URL)` : 'none is set'
      }. ` + 'Pass --tracking-uri http://host:5000 or set MLFLOW_TRACKING_URI.',
    );
  }
  const options: ServerOptions = {
    ...(env.MLFLOW_TRACKING_TOKEN ? { token: env.MLFLOW_TRACKING_TOKEN } : {}),
    ...(env.MLFLOW_TRACKING_USERNAME
      ? { username: env.MLFLOW_TRACKING_USERNAME, password: env.MLFLOW_TRACKING_PASSWORD ?? '' }
      : {}),
  };
  const rest = () => ({ baseUrl: uri, ...options });
  const tracking = new TrackingClient(new RestTrackingStore(uri, rest));
  const registry = new RegistryClient(new RestRegistryStore(uri, rest));
  return locateModel(modelUri, tracking, registry);
}

// `http://…` and `https://…` tracking URIs: an MLflow tracking server, for runs and for the registry.
// Imported by the public API (src/mlflow.ts), which is what makes such URIs work anywhere.
import { serverOptions } from '../../lib/server-options';
import { registerRegistryScheme } from '../../model-registry/uri';
import { registerTrackingScheme } from '../../tracking/uri';
import type { RestOptions } from './http';
import { RestRegistryStore } from './registry-store';
import { RestTrackingStore } from './tracking-store';

const optionsFor = (uri: string) => (): RestOptions => ({ baseUrl: uri, ...serverOptions(uri) });

for (const scheme of ['http', 'https']) {
  registerTrackingScheme(scheme, (uri) => new RestTrackingStore(uri, optionsFor(uri)));
  registerRegistryScheme(scheme, (uri) => new RestRegistryStore(uri, optionsFor(uri)));
}

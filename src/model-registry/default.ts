// The registry client for a tracking URI, one per URI per page: the public `mlflow` and the UI share
// it, so both see the same models and the same user.
import { RegistryClient } from './client';
import { registryStoreForUri } from './uri';

const clients = new Map<string, RegistryClient>();

export function registryClientFor(uri: string, user: () => string): RegistryClient {
  let c = clients.get(uri);
  if (!c) clients.set(uri, (c = new RegistryClient(registryStoreForUri(uri), user)));
  return c;
}

// The registry lives beside tracking under the same URI: `indexeddb:<name>` shares the database.
import { TrackingError } from '../lib/errors';
import { IdbRegistryStore } from './idb-store';
import { MemoryRegistryStore } from './memory-store';
import type { RegistryStore } from './store';

const stores = new Map<string, RegistryStore>();
const schemes = new Map<string, (uri: string) => RegistryStore>();

/** Make `<scheme>:…` URIs open registries made by `factory` (the REST store registers http and https). */
export function registerRegistryScheme(scheme: string, factory: (uri: string) => RegistryStore): void {
  schemes.set(scheme, factory);
}

export function registryStoreForUri(uri: string): RegistryStore {
  let store = stores.get(uri);
  if (store) return store;
  const [scheme, ...rest] = uri.split(':');
  if (schemes.has(scheme!)) store = schemes.get(scheme!)!(uri);
  else if (scheme === 'memory') store = new MemoryRegistryStore(uri);
  else if (scheme === 'indexeddb') store = new IdbRegistryStore(rest.join(':') || 'kiroku');
  else throw new TrackingError(`Unsupported registry URI '${uri}'.`);
  stores.set(uri, store);
  return store;
}

export async function closeRegistryStores(): Promise<void> {
  const all = [...stores.values()];
  stores.clear();
  await Promise.all(all.map((s) => s.close()));
}

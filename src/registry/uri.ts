// The registry lives beside tracking under the same URI: `indexeddb:<name>` shares the database.
import { TrackingError } from '../lib/errors';
import { IdbRegistryStore } from './idb-store';
import { MemoryRegistryStore } from './memory-store';
import type { RegistryStore } from './store';

const stores = new Map<string, RegistryStore>();

export function registryStoreForUri(uri: string): RegistryStore {
  let store = stores.get(uri);
  if (store) return store;
  const [scheme, ...rest] = uri.split(':');
  if (scheme === 'memory') store = new MemoryRegistryStore(uri);
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

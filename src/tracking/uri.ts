// Tracking URIs choose the backend, as in MLflow: `indexeddb:<database>`, `memory:[name]`, or a
// scheme another layer registers (the REST store registers `http` and `https`, as MLflow's
// TrackingStoreRegistry does; tracking itself knows nothing of HTTP).
import { TrackingError } from '../lib/errors';
import { IdbTrackingStore } from './idb-store';
import { MemoryTrackingStore } from './memory-store';
import type { TrackingStore } from './store';

const stores = new Map<string, TrackingStore>();
const schemes = new Map<string, (uri: string) => TrackingStore>();

/** Make `<scheme>:…` URIs open stores made by `factory`. */
export function registerTrackingScheme(scheme: string, factory: (uri: string) => TrackingStore): void {
  schemes.set(scheme, factory);
}

export function defaultTrackingUri(): string {
  return typeof indexedDB !== 'undefined' ? 'indexeddb:kiroku' : 'memory:';
}

/** The store for a URI; one instance per URI in this page, so every caller sees the same data. */
export function storeForUri(uri: string): TrackingStore {
  let store = stores.get(uri);
  if (store) return store;
  const [scheme, ...rest] = uri.split(':');
  const name = rest.join(':');
  // A registered scheme comes first: the kernel serves `indexeddb:` from its store thread.
  if (schemes.has(scheme!)) store = schemes.get(scheme!)!(uri);
  else if (scheme === 'memory') store = new MemoryTrackingStore(uri);
  else if (scheme === 'indexeddb') {
    if (typeof indexedDB === 'undefined')
      throw new TrackingError(
        `Tracking URI '${uri}' needs IndexedDB, which this environment does not have; use 'memory:'.`,
      );
    store = new IdbTrackingStore(name || 'kiroku');
  } else {
    const server = schemes.has('https') ? ", or 'https://<host>' (an MLflow tracking server)" : '';
    throw new TrackingError(
      `Unsupported tracking URI '${uri}'. Use 'indexeddb:<database>' (saved in this browser), 'memory:' (gone when ` +
        `the page closes)${server}.`,
    );
  }
  stores.set(uri, store);
  return store;
}

/** Forget cached stores (tests; "clear all data"). */
export async function closeStores(): Promise<void> {
  const all = [...stores.values()];
  stores.clear();
  await Promise.all(all.map((s) => s.close()));
}

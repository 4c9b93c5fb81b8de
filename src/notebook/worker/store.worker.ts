// The store thread's entry (see store-thread.ts): serves the kernel's calls with the IndexedDB
// tracking and registry stores, one instance per database, each call in its own transactions.
import { IdbTrackingStore } from '../../tracking/idb-store';
import { IdbRegistryStore } from '../../model-registry/idb-store';
import type { StoreCall, StoreReply } from './store-thread';

interface WorkerScope {
  postMessage(message: StoreReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<StoreCall>) => void): void;
}

const scope = self as unknown as WorkerScope;
const tracking = new Map<string, IdbTrackingStore>();
const registry = new Map<string, IdbRegistryStore>();

function storeFor(call: StoreCall): Record<string, (...args: unknown[]) => Promise<unknown>> {
  if (call.kind === 'tracking') {
    let s = tracking.get(call.name);
    if (!s) tracking.set(call.name, (s = new IdbTrackingStore(call.name)));
    return s as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  }
  let s = registry.get(call.name);
  if (!s) registry.set(call.name, (s = new IdbRegistryStore(call.name)));
  return s as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
}

scope.addEventListener('message', (event) => {
  const call = event.data;
  void (async () => {
    try {
      const store = storeFor(call);
      const fn = store[call.method];
      if (typeof fn !== 'function') throw new Error(`The store thread has no method '${call.method}'.`);
      scope.postMessage({ id: call.id, ok: true, value: await fn.apply(store, call.args) });
    } catch (err) {
      const e = err as { name?: string; message?: string; code?: string };
      scope.postMessage({
        id: call.id,
        ok: false,
        error: { name: e?.name ?? 'Error', message: e?.message ?? String(err), ...(e?.code ? { code: e.code } : {}) },
      });
    }
  })();
});

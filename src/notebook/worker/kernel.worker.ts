// The kernel's Web Worker entry: creates the kernel and wires it to the page. Nothing else lives here —
// execution is in kernel.ts, testable in Node without a Worker.
import type { HostMessage, KernelMessage } from '../protocol';
import { Kernel } from './kernel';
import { registerTrackingScheme } from '../../tracking/uri';
import { registerRegistryScheme } from '../../model-registry/uri';
import { StoreThread, threadRegistryStore, threadTrackingStore } from './store-thread';

// The project's lib is DOM (no WebWorker lib beside it): the few members used here, typed locally.
interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<HostMessage>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
}

const scope = self as unknown as WorkerScope;
// Bound once: a cell that declares its own `postMessage` or `onmessage` cannot cut the kernel off.
const post = scope.postMessage.bind(scope) as (message: KernelMessage) => void;
// IndexedDB is reached through a thread of its own, so a spinning cell never holds a transaction
// that other tabs wait on (store-thread.ts).
const storeThread = new StoreThread(
  new Worker(new URL('./store.worker.ts', import.meta.url), { type: 'module', name: 'kiroku-store' }),
);
const dbName = (uri: string) => uri.slice('indexeddb:'.length) || 'kiroku';
registerTrackingScheme('indexeddb', (uri) => threadTrackingStore(storeThread, dbName(uri)));
registerRegistryScheme('indexeddb', (uri) => threadRegistryStore(storeThread, dbName(uri)));
const kernel = new Kernel(post);

// The page learns that this worker ended when the lock named in `init.lifeline` is released: it is
// taken before any message is handled (so before the first status), and held for the worker's life.
let lifelineHeld: Promise<void> = Promise.resolve();
scope.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (message.type === 'init' && message.lifeline) lifelineHeld = holdForLife(message.lifeline);
  void lifelineHeld.then(() => kernel.handle(message)); // one promise: messages keep their order
});

function holdForLife(name: string): Promise<void> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return Promise.resolve();
  return new Promise((held) => {
    locks
      .request(name, () => {
        held();
        return new Promise<never>(() => {});
      })
      .catch(() => held()); // no lock: the page cannot tell this worker's end, but it still works
  });
}
// Errors no cell caught are shown under the last cell instead of reaching the page as worker errors
// (which the page reads as a dead kernel).
scope.addEventListener('error', (event: ErrorEvent) => {
  event.preventDefault();
  kernel.reportUncaught(event.error ?? event.message, 'error');
});
scope.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  event.preventDefault();
  kernel.reportUncaught(event.reason, 'rejection');
});

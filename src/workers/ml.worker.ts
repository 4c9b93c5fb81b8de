// One worker bundle for the notebook kernel, the batch-prediction workers and the workspace's export
// and import. Vite bundles each worker entry on its own, so separate entries each carried their own
// TensorFlow.js and ML library into the precache; as one entry whose roles are separate dynamic
// imports, what they share is one chunk, downloaded, cached and compiled once. The worker's name says
// its role (notebook/kernel-host.ts names the kernel, logged-model/batch/pool.ts the predict workers,
// workspace/in-worker.ts its worker). Messages that arrive while the role's code loads are held, then
// replayed to it in order.
interface WorkerScope {
  name: string;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  dispatchEvent(event: Event): boolean;
}

const scope = self as unknown as WorkerScope;
const held: MessageEvent[] = [];
const hold = (event: MessageEvent) => held.push(event);
scope.addEventListener('message', hold);

function role(name: string): Promise<unknown> {
  if (name.startsWith('kiroku-predict')) return import('../logged-model/batch/predict.worker');
  if (name === 'kiroku-workspace') return import('../workspace/workspace.worker');
  return import('../notebook/worker/kernel.worker');
}

role(scope.name).then(
  () => {
    scope.removeEventListener('message', hold);
    for (const e of held) scope.dispatchEvent(new MessageEvent('message', { data: e.data, ports: [...e.ports] }));
    held.length = 0;
  },
  (err: unknown) => {
    // Thrown outside the promise, so the page sees the worker's error event (a dead kernel, a failed batch).
    setTimeout(() => {
      throw err;
    });
  },
);

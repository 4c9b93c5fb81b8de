// The kernel's worker from the host's side: making it (the kernel role of the ML worker bundle), the
// `init` message that gives it the tracking URI, the user and the shared interrupt flag, and its
// lifeline — a Web Lock the worker holds while it lives, so that being granted the lock tells the host
// the worker ended on its own (a cell called self.close(), or the browser ended it).
import { randomHex } from '../lib/ids';
import { isServerUri, serverOptions } from '../lib/server-options';
import type { HostMessage, KernelMessage } from './protocol';

/** What the host needs of a Worker (tests pass an in-process fake). */
export interface WorkerLike {
  postMessage(message: HostMessage): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<KernelMessage>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent | Event) => void): void;
}

/** What the host needs of the Web Locks API (tests pass a fake). */
export interface LockManagerLike {
  request(name: string, callback: () => unknown): Promise<unknown>;
}

/** Said when a worker ended on its own; the host then starts a new one. */
export const WORKER_ENDED =
  "The kernel's worker stopped (a cell called self.close(), or the browser ended it), so the kernel was restarted: " +
  'variables from earlier cells are gone.';

export interface KernelWorkerLink {
  /** Share the interrupt flag through a SharedArrayBuffer (the page is cross-origin isolated). */
  sharedInterrupt: boolean;
  /** Null: do not watch for the worker ending on its own. */
  locks: LockManagerLike | null;
  trackingUri: string;
  user: string;
  onMessage: (message: KernelMessage) => void;
  onError: (reason: string) => void;
  /** The worker ended on its own (its lifeline lock was granted to the host). */
  onEnded: () => void;
}

/** Wire a new worker to its host and send it `init`; returns the interrupt flag when it is shared. */
export function connectKernelWorker(worker: WorkerLike, link: KernelWorkerLink): Int32Array | null {
  const buffer = link.sharedInterrupt ? new SharedArrayBuffer(4) : undefined;
  // The worker's first status says it holds its lifeline: from then on, being granted that lock means
  // the worker ended.
  const lifeline = link.locks ? `kiroku-kernel:${randomHex(8)}${randomHex(8)}` : undefined;
  let watching = false;
  worker.addEventListener('message', (e) => {
    if (lifeline && !watching && e.data.type === 'status') {
      watching = true;
      void link.locks!.request(lifeline, () => link.onEnded());
    }
    link.onMessage(e.data);
  });
  worker.addEventListener('error', (e) =>
    link.onError((e as ErrorEvent).message || 'the worker failed to start or crashed'),
  );
  worker.postMessage({
    type: 'init',
    ...(buffer ? { interruptBuffer: buffer } : {}),
    trackingUri: link.trackingUri,
    ...(isServerUri(link.trackingUri) ? { server: serverOptions(link.trackingUri) } : {}),
    user: link.user,
    ...(lifeline ? { lifeline } : {}),
  });
  return buffer ? new Int32Array(buffer) : null;
}

export function defaultWorker(): WorkerLike {
  // The kernel's role of the ML worker bundle (workers/ml.worker.ts), which the predict workers share.
  return new Worker(new URL('../workers/ml.worker.ts', import.meta.url), {
    type: 'module',
    name: 'kiroku-kernel',
  }) as unknown as WorkerLike;
}

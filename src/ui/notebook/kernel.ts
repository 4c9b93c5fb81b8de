// What the notebook UI needs from a kernel, and nothing more: send a cell, stop it, restart, and hear
// back every protocol message. The page-side KernelHost (src/notebook/kernel-host.ts) has this shape;
// the UI's tests use a fake, so they never depend on how the worker is started.
import type {
  ControlChangeReply,
  ControlChangeRequest,
  ExecuteRequest,
  KernelMessage,
  KernelState,
} from '../../notebook/protocol';
import { t } from '../i18n/t';

export interface Kernel {
  /** Send one cell. Its messages (streams, displays, result, error, then execute_reply) arrive through `onMessage`. */
  execute(request: Omit<ExecuteRequest, 'type' | 'seq'>): void;
  /** Ask the running cell to stop with an InterruptError; the kernel's variables survive. */
  interrupt(): void;
  /** A live input moved: the kernel sets its value and names the cells to rerun (or says why none). */
  changeControl(
    change: Omit<ControlChangeRequest, 'type' | 'requestId'>,
  ): Promise<Omit<ControlChangeReply, 'type' | 'requestId'>>;
  /** A fresh kernel: every variable is gone. Resolves when the new kernel is idle. */
  restart(): Promise<void>;
  /** Every message from the kernel, status changes included. Returns the unsubscribe function. */
  onMessage(listener: (message: KernelMessage) => void): () => void;
  dispose(): void;
}

export interface KernelStatus {
  state: KernelState | 'unavailable';
  /** The TensorFlow.js backend, once the kernel reports it. */
  backend?: string;
  /** What the status line adds: why the kernel is unavailable, or that it was restarted on its own. */
  detail?: string;
}

/**
 * Start the notebook kernel. The host (and the worker it starts) is its own chunk, loaded when a
 * notebook opens; if it cannot load, cells say why instead of hanging.
 */
export async function connectKernel(): Promise<Kernel> {
  try {
    const { KernelHost } = await import('../../notebook/kernel-host');
    return new KernelHost();
  } catch (err) {
    return unavailableKernel(t('misc.kernelFailed', { error: err instanceof Error ? err.message : String(err) }));
  }
}

/**
 * A kernel usable at once while the real one loads (its chunk and worker): calls made meanwhile reach
 * it in the order they were made, and listeners are attached when it arrives. So a notebook opens,
 * and paints, without waiting for its kernel; the status line says "starting" until the kernel speaks.
 */
export function deferredKernel(loading: Promise<Kernel>): Kernel {
  let kernel: Kernel | undefined;
  void loading.then((k) => (kernel = k));
  // Calls before the kernel is here are reactions to `loading`, run in the order registered when it
  // resolves (the first one above included): no call made later can overtake them.
  const call = <T>(use: (k: Kernel) => T | Promise<T>): Promise<T> =>
    kernel ? Promise.resolve(use(kernel)) : loading.then(use);
  return {
    execute: (request) => void call((k) => k.execute(request)),
    interrupt: () => void call((k) => k.interrupt()),
    changeControl: (change) => call((k) => k.changeControl(change)),
    restart: () => call((k) => k.restart()),
    onMessage(listener) {
      let detach: (() => void) | undefined;
      let detached = false;
      void call((k) => {
        if (!detached) detach = k.onMessage(listener);
      });
      return () => {
        detached = true;
        detach?.();
      };
    },
    dispose: () => void call((k) => k.dispose()),
  };
}

/** A kernel that never runs anything: every execute gets an error under the cell saying why. */
export function unavailableKernel(reason: string): Kernel {
  const listeners = new Set<(m: KernelMessage) => void>();
  const emit = (m: KernelMessage) => listeners.forEach((l) => l(m));
  return {
    execute({ cellId, executionId }) {
      queueMicrotask(() => {
        emit({ type: 'error', cellId, executionId, ename: 'KernelUnavailable', evalue: reason, traceback: [] });
        emit({ type: 'execute_reply', cellId, executionId, status: 'error', executionCount: 0 });
      });
    },
    interrupt() {},
    changeControl: async ({ controlId }) => ({ controlId, cellIds: [], error: reason }),
    restart: async () => {},
    onMessage(listener) {
      listeners.add(listener);
      queueMicrotask(() => listener({ type: 'status', state: 'idle' }));
      return () => listeners.delete(listener);
    },
    dispose() {
      listeners.clear();
    },
  };
}

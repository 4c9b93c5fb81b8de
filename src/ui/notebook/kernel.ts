// What the notebook UI needs from a kernel, and nothing more: send a cell, stop it, restart, and hear
// back every protocol message. The page-side KernelHost (src/notebook/kernel-host.ts) has this shape;
// the UI's tests use a fake, so they never depend on how the worker is started.
import type { ControlChangeReply, ControlChangeRequest, ExecuteRequest, KernelMessage, KernelState } from '../../notebook/protocol';
import { t } from '../i18n/t';

export interface Kernel {
  /** Send one cell. Its messages (streams, displays, result, error, then execute_reply) arrive through `onMessage`. */
  execute(request: Omit<ExecuteRequest, 'type' | 'seq'>): void;
  /** Ask the running cell to stop with an InterruptError; the kernel's variables survive. */
  interrupt(): void;
  /** A live input moved: the kernel sets its value and names the cells to rerun (or says why none). */
  changeControl(change: Omit<ControlChangeRequest, 'type' | 'requestId'>): Promise<Omit<ControlChangeReply, 'type' | 'requestId'>>;
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

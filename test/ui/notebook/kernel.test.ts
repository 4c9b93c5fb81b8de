import { describe, expect, it } from 'vitest';
import { deferredKernel, type Kernel } from '../../../src/ui/notebook/kernel';
import type { KernelMessage } from '../../../src/notebook/protocol';

/** A kernel that records every call, and can speak to its listeners. */
function recordingKernel() {
  const calls: string[] = [];
  const listeners = new Set<(m: KernelMessage) => void>();
  const kernel: Kernel = {
    execute: (r) => void calls.push(`execute ${r.cellId}`),
    interrupt: () => void calls.push('interrupt'),
    changeControl: async (c) => {
      calls.push(`control ${c.controlId}`);
      return { controlId: c.controlId, cellIds: ['c1'] };
    },
    restart: async () => void calls.push('restart'),
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => void calls.push('dispose'),
  };
  return { kernel, calls, listeners, emit: (m: KernelMessage) => listeners.forEach((l) => l(m)) };
}

const request = (cellId: string) => ({
  cellId,
  executionId: `x-${cellId}`,
  code: '1',
  language: 'typescript' as const,
  notebook: { id: 'n', name: 'n' },
});

describe('deferredKernel', () => {
  it('passes the calls made before the kernel arrives in their order, then later ones after them', async () => {
    const real = recordingKernel();
    let arrive!: (k: Kernel) => void;
    const kernel = deferredKernel(new Promise<Kernel>((r) => (arrive = r)));
    kernel.execute(request('a'));
    kernel.interrupt();
    kernel.execute(request('b'));
    const reply = kernel.changeControl({ controlId: 'slider', value: 3, cells: [] });
    expect(real.calls).toEqual([]);
    arrive(real.kernel);
    await expect(reply).resolves.toEqual({ controlId: 'slider', cellIds: ['c1'] });
    kernel.execute(request('c'));
    expect(real.calls).toEqual(['execute a', 'interrupt', 'execute b', 'control slider', 'execute c']);
  });

  it('attaches listeners when the kernel arrives, and never one that unsubscribed before', async () => {
    const real = recordingKernel();
    let arrive!: (k: Kernel) => void;
    const kernel = deferredKernel(new Promise<Kernel>((r) => (arrive = r)));
    const heard: string[] = [],
      dropped: string[] = [];
    kernel.onMessage((m) => heard.push(m.type));
    const stop = kernel.onMessage((m) => dropped.push(m.type));
    stop();
    arrive(real.kernel);
    await kernel.restart();
    real.emit({ type: 'status', state: 'idle' });
    expect(heard).toEqual(['status']);
    expect(dropped).toEqual([]);
    expect(real.listeners.size).toBe(1);
    const later = kernel.onMessage((m) => dropped.push(m.type));
    await Promise.resolve();
    expect(real.listeners.size).toBe(2);
    later();
    expect(real.listeners.size).toBe(1);
  });
});

// The notebook controller against a scripted fake kernel: queueing, outputs, interrupt, restart,
// editing with undo, and autosave.
import { describe, expect, it, vi } from 'vitest';
import { codeCell, markdownCell, newNotebook, type CodeCell, type NotebookDoc } from '../../../src/notebook/document';
import type {
  ControlChangeReply,
  ControlChangeRequest,
  ExecuteRequest,
  KernelMessage,
} from '../../../src/notebook/protocol';
import { NotebookController } from '../../../src/ui/notebook/controller';
import type { Kernel } from '../../../src/ui/notebook/kernel';

class FakeKernel implements Kernel {
  listeners = new Set<(m: KernelMessage) => void>();
  sent: Array<Omit<ExecuteRequest, 'type'>> = [];
  interrupts = 0;
  restarts = 0;
  count = 0;
  execute(r: Omit<ExecuteRequest, 'type'>) {
    this.sent.push(r);
  }
  interrupt() {
    this.interrupts++;
  }
  /** Control changes sent, each answered by `answer` (the test decides the cells to rerun). */
  changes: Array<{
    change: Omit<ControlChangeRequest, 'type' | 'requestId'>;
    answer: (r: Omit<ControlChangeReply, 'type' | 'requestId' | 'controlId'>) => void;
  }> = [];
  changeControl(change: Omit<ControlChangeRequest, 'type' | 'requestId'>) {
    return new Promise<Omit<ControlChangeReply, 'type' | 'requestId'>>((resolve) => {
      this.changes.push({ change, answer: (r) => resolve({ controlId: change.controlId, ...r }) });
    });
  }
  async restart() {
    this.restarts++;
    this.emit({ type: 'status', state: 'starting' });
    this.emit({ type: 'status', state: 'idle' });
  }
  onMessage(l: (m: KernelMessage) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  dispose() {}
  emit(m: KernelMessage) {
    this.listeners.forEach((l) => l(m));
  }
  /** Answer the oldest unanswered request: optional output, then the reply. */
  finish(status: 'ok' | 'error' = 'ok', text?: string) {
    const r = this.sent.shift()!;
    const ids = { cellId: r.cellId, executionId: r.executionId };
    if (text) this.emit({ type: 'stream', name: 'stdout', text, ...ids });
    this.emit({ type: 'execute_reply', status, executionCount: ++this.count, ...ids });
    return r;
  }
}

function setup(doc: NotebookDoc = newNotebook('t', [codeCell('a'), codeCell('b'), codeCell('c')])) {
  const kernel = new FakeKernel();
  const saved: NotebookDoc[] = [];
  const controller = new NotebookController(doc, kernel, { persist: async (d) => void saved.push(d), saveDelayMs: 10 });
  kernel.emit({ type: 'status', state: 'idle', backend: 'cpu' });
  const code = (i: number) => controller.snapshot.doc.cells[i] as CodeCell;
  return { kernel, controller, saved, code, ids: doc.cells.map((c) => c.id) };
}

describe('NotebookController execution', () => {
  it('runs queued cells one at a time, in order, with their outputs and counts', () => {
    const { kernel, controller, code, ids } = setup();
    controller.runAll();
    expect(kernel.sent.map((r) => r.code)).toEqual(['a']);
    expect(controller.snapshot.runs).toEqual({ [ids[0]!]: 'running', [ids[1]!]: 'queued', [ids[2]!]: 'queued' });
    kernel.finish('ok', 'out a');
    expect(code(0).outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: 'out a' }]);
    expect(code(0).executionCount).toBe(1);
    expect(kernel.sent.map((r) => r.code)).toEqual(['b']);
    kernel.finish();
    kernel.finish();
    expect(controller.snapshot.runs).toEqual({});
    expect([code(0), code(1), code(2)].map((c) => c.executionCount)).toEqual([1, 2, 3]);
    expect(controller.snapshot.kernel).toEqual({ state: 'idle', backend: 'cpu' });
  });

  it('stops "Run all" at an error, as Jupyter does', () => {
    const { kernel, controller } = setup();
    controller.runAll();
    kernel.finish('error');
    expect(kernel.sent).toEqual([]);
    expect(controller.snapshot.runs).toEqual({});
  });

  it('interrupts the running cell and drops the queue', () => {
    const { kernel, controller } = setup();
    controller.runAll();
    controller.interrupt();
    expect(kernel.interrupts).toBe(1);
    expect(Object.values(controller.snapshot.runs)).toEqual(['running']);
    kernel.finish('error');
    expect(controller.snapshot.runs).toEqual({});
    expect(kernel.sent).toEqual([]);
  });

  it('keeps a run asked for before the kernel first starts, and drops runs when it starts again', () => {
    const kernel = new FakeKernel();
    const doc = newNotebook('t', [codeCell('a'), codeCell('b')]);
    const controller = new NotebookController(doc, kernel, { persist: async () => undefined, saveDelayMs: 10 });
    const [a, b] = doc.cells.map((c) => c.id);
    // Keys pressed as the page appears: the kernel's worker is still being made.
    controller.run([a!, b!]);
    kernel.emit({ type: 'status', state: 'starting' });
    kernel.emit({ type: 'status', state: 'idle', backend: 'cpu' });
    expect(controller.snapshot.runs).toEqual({ [a!]: 'running', [b!]: 'queued' });
    kernel.finish('ok', 'out a');
    expect((controller.snapshot.doc.cells[0] as CodeCell).executionCount).toBe(1);
    expect(controller.snapshot.runs).toEqual({ [b!]: 'running' });
    // The kernel's worker replaced (a runaway cell): what it was running and what was queued is gone.
    controller.run([a!]);
    kernel.emit({ type: 'status', state: 'starting' });
    expect(controller.snapshot.runs).toEqual({});
    kernel.sent.length = 0;
    kernel.emit({ type: 'status', state: 'idle' });
    controller.run([b!]);
    expect(kernel.sent.map((r) => r.code)).toEqual(['b']);
  });

  it('ignores late output from an execution it no longer waits for', () => {
    const { kernel, controller, code, ids } = setup();
    controller.run([ids[0]!]);
    const old = kernel.sent[0]!;
    void controller.restart();
    controller.run([ids[0]!]);
    kernel.emit({ type: 'stream', name: 'stdout', text: 'late', cellId: old.cellId, executionId: old.executionId });
    expect(code(0).outputs).toEqual([]);
    expect(kernel.restarts).toBe(1);
  });

  it('clears a cell’s outputs when it starts, and "Clear outputs" clears counts too', () => {
    const { kernel, controller, code, ids } = setup();
    controller.run([ids[0]!]);
    kernel.finish('ok', 'x');
    controller.run([ids[0]!]);
    expect(code(0).outputs).toEqual([]);
    kernel.finish('ok', 'y');
    controller.clearOutputs();
    expect(code(0)).toMatchObject({ outputs: [], executionCount: null });
  });

  it('Shift+Enter runs and selects the next cell, adding one at the end', () => {
    const { kernel, controller, ids } = setup();
    controller.select(ids[2]!, 'edit');
    controller.runAndAdvance();
    expect(kernel.sent).toHaveLength(1);
    expect(controller.snapshot.doc.cells).toHaveLength(4);
    expect(controller.snapshot.selectedId).toBe(controller.snapshot.doc.cells[3]!.id);
  });

  it('runs nothing for markdown cells and refuses work while the kernel is dead', () => {
    const { kernel, controller } = setup(newNotebook('m', [markdownCell('# hi'), codeCell('1')]));
    controller.runAll();
    expect(kernel.sent.map((r) => r.code)).toEqual(['1']);
    kernel.finish();
    kernel.emit({ type: 'status', state: 'dead' });
    controller.runAll();
    expect(kernel.sent).toEqual([]);
  });
});

describe('NotebookController editing', () => {
  it('inserts, moves, deletes and undoes deletes', () => {
    const { controller, ids } = setup();
    controller.select(ids[1]!);
    const added = controller.insert('above');
    expect(controller.snapshot.doc.cells.map((c) => c.id)).toEqual([ids[0], added, ids[1], ids[2]]);
    controller.move(added, 1);
    expect(controller.snapshot.doc.cells.map((c) => c.id)).toEqual([ids[0], ids[1], added, ids[2]]);
    controller.delete(added);
    controller.delete(ids[0]!);
    expect(controller.snapshot.deletedCount).toBe(2);
    controller.undoDelete();
    controller.undoDelete();
    expect(controller.snapshot.doc.cells.map((c) => c.id)).toEqual([ids[0], ids[1], added, ids[2]]);
  });

  it('keeps one cell when the last is deleted', () => {
    const { controller } = setup(newNotebook('one', [codeCell('x')]));
    controller.delete();
    expect(controller.snapshot.doc.cells).toHaveLength(1);
    expect(controller.snapshot.doc.cells[0]!.source).toBe('');
  });

  it('autosaves after a pause, once, and says so', async () => {
    vi.useFakeTimers();
    try {
      const { controller, saved, ids } = setup();
      controller.setSource(ids[0]!, 'x');
      controller.setSource(ids[0]!, 'xy');
      expect(controller.snapshot.save).toBe('unsaved');
      await vi.advanceTimersByTimeAsync(20);
      expect(saved).toHaveLength(1);
      expect(saved[0]!.cells[0]!.source).toBe('xy');
      expect(controller.snapshot.save).toBe('saved');
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a failed save', async () => {
    const doc = newNotebook('t', [codeCell('a')]);
    const controller = new NotebookController(doc, new FakeKernel(), {
      persist: () => Promise.reject(new Error('QuotaExceededError')),
    });
    controller.rename('new name');
    await controller.save();
    expect(controller.snapshot).toMatchObject({ save: 'error', saveError: 'QuotaExceededError' });
    expect(controller.snapshot.doc.name).toBe('new name');
  });
});

// One open notebook, run: the execution queue, the kernel's status and live inputs, on top of the
// editing (document, selection, undo delete, autosave) of EditableNotebook (editable-notebook.ts). Plain
// TypeScript with a subscribe/snapshot pair (the snapshot: notebook-state.ts), so the Preact views stay
// thin and Node tests drive it with a fake kernel.
// It outlives the page component (see sessions.ts): a cell keeps running, and its outputs keep
// arriving, while the user looks at a run's page.
import type { ControlValue, KernelMessage } from '../../notebook/protocol';
import { applyOutput, newId, type CodeCell, type NotebookDoc } from '../../notebook/document';
import type { Kernel } from './kernel';
import { controlDrawnBy, drawsControl, withControlValue } from './control-outputs';
import { type ControllerOptions, EditableNotebook } from './editable-notebook';
import { t } from '../i18n/t';

export type { ControllerOptions } from './editable-notebook';

export class NotebookController extends EditableNotebook {
  private queue: string[] = [];
  private current: { cellId: string; executionId: string } | null = null;
  /** Cells queued or running because a live input moved, until each has run. */
  private live = new Set<string>();
  /** An execution interrupted because a newer value of a live input replaced it: its end stops nothing. */
  private superseded: string | null = null;
  private liveChange = 0;
  private readonly detach: () => void;

  constructor(
    doc: NotebookDoc,
    private readonly kernel: Kernel,
    options: ControllerOptions,
  ) {
    super(doc, options);
    this.detach = kernel.onMessage((m) => this.onKernelMessage(m));
  }

  // ── execution ────────────────────────────────────────────────────────────

  /** Queue cells to run in order (markdown cells just leave edit mode). */
  run(ids: string[]): void {
    // A cell already queued is not queued twice; a running one only when its run is being replaced.
    const code = ids.filter(
      (id) =>
        this.cell(id)?.type === 'code' &&
        !this.queue.includes(id) &&
        (this.current?.cellId !== id || this.current.executionId === this.superseded),
    );
    if (!code.length) return;
    this.queue.push(...code);
    const queued = code.filter((id) => id !== this.current?.cellId);
    this.set({ runs: { ...this.state.runs, ...Object.fromEntries(queued.map((id) => [id, 'queued' as const])) } });
    this.next();
  }

  /** Jupyter's Shift+Enter: run the selected cell and select the next one, adding a cell at the end. */
  runAndAdvance(id: string | null = this.state.selectedId, insertBelow = false): void {
    if (!id) return;
    this.run([id]);
    const at = this.indexOf(id);
    const next = this.state.doc.cells[at + 1];
    if (insertBelow || !next) this.insert('below', id, 'code', insertBelow ? 'edit' : 'command');
    else this.select(next.id, 'command');
  }

  runAll(): void {
    this.run(this.state.doc.cells.map((c) => c.id));
  }

  runAbove(id: string | null = this.state.selectedId): void {
    this.run(this.state.doc.cells.slice(0, Math.max(this.indexOf(id), 0)).map((c) => c.id));
  }

  runBelow(id: string | null = this.state.selectedId): void {
    this.run(this.state.doc.cells.slice(Math.max(this.indexOf(id), 0)).map((c) => c.id));
  }

  interrupt(): void {
    this.live.clear();
    this.clearQueue();
    if (this.current) this.kernel.interrupt();
  }

  async restart(): Promise<void> {
    this.forgetControls();
    this.clearQueue();
    this.finishCurrent();
    this.set({ kernel: { ...this.state.kernel, state: 'starting' } });
    await this.kernel.restart();
  }

  private next(): void {
    if (this.current) return;
    // A dead kernel runs nothing until restarted (the status line says so).
    if (this.state.kernel.state === 'dead') return this.clearQueue();
    const cellId = this.queue.shift();
    if (!cellId) return;
    const cell = this.cell(cellId) as CodeCell | undefined;
    if (!cell) return this.next();
    const executionId = newId();
    this.current = { cellId, executionId };
    // Jupyter clears a cell's outputs when it starts, not when it is queued.
    this.updateCell(cellId, (c) => ({ ...c, outputs: [] }));
    this.set({ runs: { ...this.state.runs, [cellId]: 'running' } });
    const { doc } = this.state;
    this.kernel.execute({
      cellId,
      executionId,
      code: cell.source,
      language: cell.language,
      notebook: { id: doc.id, name: doc.name },
    });
  }

  protected dequeue(id: string): void {
    if (this.current?.cellId === id) return this.interrupt();
    this.queue = this.queue.filter((q) => q !== id);
    const { [id]: _, ...runs } = this.state.runs;
    this.set({ runs });
  }

  private clearQueue(): void {
    this.queue = [];
    const runs = this.current ? { [this.current.cellId]: 'running' as const } : {};
    this.set({ runs });
  }

  private finishCurrent(): void {
    if (!this.current) return;
    const id = this.current.cellId;
    const { [id]: _, ...runs } = this.state.runs;
    this.current = null;
    // Queued again already (a live input's newer value): it waits its turn.
    this.set({ runs: this.queue.includes(id) ? { ...runs, [id]: 'queued' } : runs });
  }

  private onKernelMessage(m: KernelMessage): void {
    if (m.type === 'status') {
      // A kernel that died, or started again on its own (a runaway cell's worker replaced), lost what it
      // was running and what was queued. Its first start is no such thing: a run asked for before it
      // (a key pressed as the page appeared) waits for it in the kernel's queue, and stays queued here.
      const lost = m.state === 'dead' || (m.state === 'starting' && this.state.kernel.state !== 'starting');
      this.set({
        kernel: {
          state: m.state,
          backend: m.backend ?? this.state.kernel.backend,
          ...(m.notice ? { detail: m.notice } : {}),
        },
      });
      if (lost) {
        this.forgetControls();
        this.clearQueue();
        this.finishCurrent();
      }
      return;
    }
    if (m.type === 'inspect_reply' || m.type === 'control_reply') return;
    // Late output of an interrupted or abandoned execution never lands under a cell.
    if (!this.current || m.executionId !== this.current.executionId) return;
    const superseded = m.executionId === this.superseded;
    if (m.type === 'execute_reply') {
      this.updateCell(m.cellId, (c) => (c.type === 'code' ? { ...c, executionCount: m.executionCount } : c));
      this.finishCurrent();
      if (superseded) this.superseded = null;
      else {
        this.live.delete(m.cellId);
        // As Jupyter: an error stops "Run all" (and a live input's rerun).
        if (m.status !== 'ok') {
          this.live.clear();
          this.clearQueue();
        }
      }
      this.next();
      return;
    }
    // The interruption of a rerun that a newer value replaced is no error of the user's.
    if (superseded && m.type === 'error') return;
    const control = controlDrawnBy(m);
    if (control !== undefined) this.set({ controls: { ...this.state.controls, [control]: true } });
    this.updateCell(m.cellId, (c) => (c.type === 'code' ? { ...c, outputs: applyOutput(c.outputs, m) } : c));
  }

  // ── live inputs ──────────────────────────────────────────────────────────

  /**
   * A live input settled on `value` (the view debounces a drag). Its stored output follows, so a saved
   * notebook shows where it was left. The cells rerun for an earlier value stop — queued ones leave the
   * queue, a running one is interrupted — and the kernel, having set the value, names the cells that
   * read it, which then run in order. Only the latest value's rerun goes on.
   */
  async changeControl(controlId: string, value: ControlValue): Promise<void> {
    if (!this.state.controls[controlId]) return;
    this.setControlValue(controlId, value);
    this.stopLiveRerun();
    const change = ++this.liveChange;
    const cells = this.state.doc.cells.flatMap((c) =>
      c.type === 'code' ? [{ cellId: c.id, code: c.source, language: c.language }] : [],
    );
    const reply = await this.kernel.changeControl({ controlId, value, cells });
    if (change !== this.liveChange) return;
    if (reply.error !== undefined || reply.value === undefined) {
      this.set({ controlProblem: { controlId, message: reply.error ?? t('misc.refused') } });
      return;
    }
    if (reply.value !== value) this.setControlValue(controlId, reply.value);
    if (this.state.controlProblem) this.set({ controlProblem: undefined });
    this.live = new Set(reply.cellIds);
    this.run(reply.cellIds);
  }

  private stopLiveRerun(): void {
    const live = this.live;
    if (!live.size) return;
    this.live = new Set();
    if (this.queue.some((id) => live.has(id))) {
      this.queue = this.queue.filter((id) => !live.has(id));
      this.set({
        runs: Object.fromEntries(Object.entries(this.state.runs).filter(([id, r]) => r === 'running' || !live.has(id))),
      });
    }
    if (this.current && live.has(this.current.cellId) && this.current.executionId !== this.superseded) {
      this.superseded = this.current.executionId;
      this.kernel.interrupt();
    }
  }

  /** The value in every output that draws the control. */
  private setControlValue(controlId: string, value: ControlValue): void {
    for (const cell of this.state.doc.cells) {
      if (drawsControl(cell, controlId)) this.updateCell(cell.id, (c) => withControlValue(c, controlId, value));
    }
  }

  /** A new kernel made none of the controls on the page. */
  private forgetControls(): void {
    this.live.clear();
    this.superseded = null;
    this.liveChange++;
    if (Object.keys(this.state.controls).length || this.state.controlProblem)
      this.set({ controls: {}, controlProblem: undefined });
  }

  override dispose(): void {
    super.dispose();
    this.detach();
    this.kernel.dispose();
  }
}

// One open notebook as the user edits it: its document, selection and mode (Jupyter's command / edit),
// structural edits (cell-list.ts) with "undo delete", and autosave (autosave.ts), published as a
// snapshot (notebook-state.ts) to subscribers. Running it — the execution queue, the kernel's status,
// live inputs — is NotebookController's (controller.ts), which extends this; the state is one object
// so a view subscribes once.
import { type Cell, type CellLanguage, convertCell, type NotebookDoc } from '../../notebook/document';
import { Autosave } from './autosave';
import { DeletedCells, insertCell, moveCell, removeCell, withOutputsCleared } from './cell-list';
import type { Mode, NotebookState } from './notebook-state';

export interface ControllerOptions {
  persist: (doc: NotebookDoc) => Promise<void>;
  /** Autosave delay after the last change. */
  saveDelayMs?: number;
  now?: () => number;
}

export abstract class EditableNotebook {
  protected state: NotebookState;
  private readonly listeners = new Set<() => void>();
  private readonly deleted = new DeletedCells();
  private readonly autosave: Autosave;

  constructor(
    doc: NotebookDoc,
    private readonly options: ControllerOptions,
  ) {
    this.state = {
      doc,
      selectedId: doc.cells[0]?.id ?? null,
      mode: 'command',
      runs: {},
      kernel: { state: 'starting' },
      save: 'saved',
      deletedCount: 0,
      controls: {},
    };
    this.autosave = new Autosave(
      { doc: () => this.state.doc, saveState: () => this.state.save, setSaveState: (state) => this.set(state) },
      options.persist,
      options.saveDelayMs ?? 500,
    );
  }

  /** Take a cell out of the execution queue, interrupting it if it runs (before it is deleted). */
  protected abstract dequeue(id: string): void;

  // ── observation ──────────────────────────────────────────────────────────

  get snapshot(): NotebookState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected set(patch: Partial<NotebookState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** Replace the document (a user edit): marks it unsaved and schedules the autosave. */
  protected edit(cells: Cell[], patch: Partial<NotebookState> = {}, docPatch: Partial<NotebookDoc> = {}): void {
    const doc = { ...this.state.doc, ...docPatch, cells, updatedAt: (this.options.now ?? Date.now)() };
    this.set({ ...patch, doc, save: 'unsaved' });
    this.autosave.schedule();
  }

  protected updateCell(id: string, update: (cell: Cell) => Cell): void {
    const cells = this.state.doc.cells;
    const at = cells.findIndex((c) => c.id === id);
    if (at < 0) return;
    const next = update(cells[at]!);
    if (next !== cells[at]) this.edit(cells.map((c, i) => (i === at ? next : c)));
  }

  cell(id: string | null): Cell | undefined {
    return this.state.doc.cells.find((c) => c.id === id);
  }

  protected indexOf(id: string | null): number {
    return this.state.doc.cells.findIndex((c) => c.id === id);
  }

  // ── selection and mode ───────────────────────────────────────────────────

  select(id: string, mode: Mode = this.state.mode): void {
    if (this.indexOf(id) < 0) return;
    if (id !== this.state.selectedId || mode !== this.state.mode) this.set({ selectedId: id, mode });
  }

  setMode(mode: Mode): void {
    if (mode !== this.state.mode) this.set({ mode });
  }

  /** Move the selection by `delta` cells (command mode's Up/Down, J/K), staying in bounds. */
  moveSelection(delta: number): void {
    const cells = this.state.doc.cells;
    const at = Math.min(Math.max(this.indexOf(this.state.selectedId) + delta, 0), cells.length - 1);
    if (cells[at]) this.select(cells[at].id);
  }

  // ── editing ──────────────────────────────────────────────────────────────

  setSource(id: string, source: string): void {
    this.updateCell(id, (c) => (c.source === source ? c : { ...c, source }));
  }

  setLanguage(id: string, language: CellLanguage): void {
    this.updateCell(id, (c) => (c.type !== 'code' || c.language === language ? c : { ...c, language }));
  }

  changeType(id: string, type: Cell['type']): void {
    if (type === 'markdown' && this.state.runs[id]) return; // never orphan a running cell's outputs
    this.updateCell(id, (c) => convertCell(c, type));
  }

  /** Insert a new cell above or below `id` (or at the end), select it, and return its id. */
  insert(
    where: 'above' | 'below',
    id: string | null = this.state.selectedId,
    type: Cell['type'] = 'code',
    mode: Mode = 'edit',
  ): string {
    const { cells, cell } = insertCell(this.state.doc.cells, this.indexOf(id), where, type);
    this.edit(cells, { selectedId: cell.id, mode });
    return cell.id;
  }

  delete(id: string | null = this.state.selectedId): void {
    const at = this.indexOf(id);
    if (at < 0) return;
    if (this.state.runs[id!]) this.dequeue(id!);
    const { cells, removed, select } = removeCell(this.state.doc.cells, at);
    this.deleted.push(removed, at);
    this.edit(cells, { selectedId: select.id, mode: 'command', deletedCount: this.deleted.count });
  }

  undoDelete(): void {
    const restored = this.deleted.restoreInto(this.state.doc.cells);
    if (!restored) return;
    this.edit(restored.cells, { selectedId: restored.cell.id, mode: 'command', deletedCount: this.deleted.count });
  }

  move(id: string | null, delta: -1 | 1): void {
    const cells = moveCell(this.state.doc.cells, this.indexOf(id), delta);
    if (cells) this.edit(cells);
  }

  clearOutputs(ids?: string[]): void {
    const which = ids ? new Set(ids) : undefined;
    // A running cell's outputs are still arriving: they stay.
    const keep = (c: Cell) => (which !== undefined && !which.has(c.id)) || this.state.runs[c.id] !== undefined;
    this.edit(withOutputsCleared(this.state.doc.cells, keep));
  }

  rename(name: string): void {
    const trimmed = name.trim();
    if (trimmed && trimmed !== this.state.doc.name) this.edit(this.state.doc.cells, {}, { name: trimmed });
  }

  // ── saving ───────────────────────────────────────────────────────────────

  /** Write now if anything is unsaved; resolves when the write is done. */
  save(): Promise<void> {
    return this.autosave.save();
  }

  dispose(): void {
    this.autosave.cancel();
    this.listeners.clear();
  }
}

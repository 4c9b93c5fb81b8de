// Autosave of one open notebook: written a moment after the last change, one write at a time. An edit
// made while a write is under way leaves the notebook unsaved, and its write scheduled again.
import type { NotebookDoc } from '../../notebook/document';
import type { SaveState } from './notebook-state';

/** The notebook autosave serves: its document now, its save state, and how to show a new one. */
export interface Saved {
  doc(): NotebookDoc;
  saveState(): SaveState;
  setSaveState(state: { save: SaveState; saveError?: string | undefined }): void;
}

export class Autosave {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly notebook: Saved,
    private readonly persist: (doc: NotebookDoc) => Promise<void>,
    private readonly delayMs: number,
  ) {}

  /** The document changed: write it once no change has come for the delay. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), this.delayMs);
  }

  /** Write now if anything is unsaved; resolves when the write is done. */
  save(): Promise<void> {
    this.cancel();
    const state = this.notebook.saveState();
    if (state === 'saved' || state === 'saving') return this.saving;
    const doc = this.notebook.doc();
    this.notebook.setSaveState({ save: 'saving' });
    this.saving = this.persist(doc).then(
      () => {
        if (this.notebook.doc() === doc) return this.notebook.setSaveState({ save: 'saved', saveError: undefined });
        this.notebook.setSaveState({ save: 'unsaved' });
        this.schedule();
      },
      (err: unknown) =>
        this.notebook.setSaveState({ save: 'error', saveError: err instanceof Error ? err.message : String(err) }),
    );
    return this.saving;
  }

  /** No scheduled write (the notebook is being closed, or is written now). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

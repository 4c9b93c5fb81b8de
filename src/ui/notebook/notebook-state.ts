// What a view sees of one open notebook: the snapshot NotebookController publishes to its subscribers.
import type { NotebookDoc } from '../../notebook/document';
import type { KernelStatus } from './kernel';

/** Jupyter's modes: command (keys act on cells) and edit (keys type into one). */
export type Mode = 'command' | 'edit';
export type SaveState = 'saved' | 'unsaved' | 'saving' | 'error';
export type RunState = 'queued' | 'running';

export interface NotebookState {
  doc: NotebookDoc;
  selectedId: string | null;
  mode: Mode;
  /** Cells waiting or running, by id. */
  runs: Readonly<Record<string, RunState>>;
  kernel: KernelStatus;
  save: SaveState;
  saveError?: string;
  /** How many deleted cells "Undo delete" (Z) can bring back. */
  deletedCount: number;
  /** Live inputs this kernel made (by control id): only these can be moved. */
  controls: Readonly<Record<string, true>>;
  /** Why the last move of a live input reran nothing. */
  controlProblem?: { controlId: string; message: string };
}

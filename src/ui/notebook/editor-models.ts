// One Monaco text model per cell, for every cell of the open notebook — even cells scrolled far away
// that have no editor yet. Models are cheap (editors are not), and TypeScript's service only sees
// models: this is how a name declared in cell 2 completes in cell 9. Each cell is a separate script
// file, so their top-level declarations share one global scope, like the kernel's.
import type { Cell, NotebookDoc } from '../../notebook/document';
import type { Monaco } from './monaco';

type Model = ReturnType<Monaco['editor']['createModel']>;

const EXTENSION = { typescript: '.ts', javascript: '.js', markdown: '.md' } as const;

export function cellLanguage(cell: Cell): keyof typeof EXTENSION {
  return cell.type === 'markdown' ? 'markdown' : cell.language;
}

export class CellModels {
  private readonly models = new Map<string, Model>();

  constructor(
    private readonly monaco: Monaco,
    private readonly notebookId: string,
  ) {}

  private uri(cell: Cell) {
    const lang = cellLanguage(cell);
    return this.monaco.Uri.parse(`file:///notebooks/${this.notebookId}/cell-${cell.id}${EXTENSION[lang]}`);
  }

  /** The cell's model, created (or re-created when the cell's language changed) as needed. */
  get(cell: Cell): Model {
    const uri = this.uri(cell);
    let model = this.models.get(cell.id);
    if (model && model.uri.toString() !== uri.toString()) {
      model.dispose();
      model = undefined;
    }
    if (!model) {
      model = this.monaco.editor.getModel(uri) ?? this.monaco.editor.createModel(cell.source, cellLanguage(cell), uri);
      this.models.set(cell.id, model);
    }
    // The document changed without the editor (undo delete, a converted cell): follow it.
    if (model.getValue() !== cell.source) model.setValue(cell.source);
    return model;
  }

  /** Make the models match the document: create missing ones, drop those of deleted cells. */
  sync(doc: NotebookDoc): void {
    const live = new Set(doc.cells.map((c) => c.id));
    for (const [id, model] of this.models) {
      if (!live.has(id)) {
        model.dispose();
        this.models.delete(id);
      }
    }
    for (const cell of doc.cells) if (cell.type === 'code') this.get(cell);
  }

  dispose(): void {
    for (const model of this.models.values()) model.dispose();
    this.models.clear();
  }
}

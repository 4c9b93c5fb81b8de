// The notebook's structural edits as pure functions of its cell list (insert, delete, restore, move,
// clear outputs) and the stack of deleted cells behind "undo delete". The controller decides when an
// edit may happen (a running cell keeps its outputs) and records the result; these only compute it.
import { type Cell, codeCell, markdownCell } from '../../notebook/document';

/** A new cell above or below index `at` (or at the end when `at` is -1), and the list holding it. */
export function insertCell(
  cells: readonly Cell[],
  at: number,
  where: 'above' | 'below',
  type: Cell['type'],
): { cells: Cell[]; cell: Cell } {
  const next = [...cells];
  const cell = type === 'code' ? codeCell() : markdownCell();
  next.splice(at < 0 ? next.length : where === 'above' ? at : at + 1, 0, cell);
  return { cells: next, cell };
}

/** The list without the cell at `at`, the cell removed, and the cell to select in its place. */
export function removeCell(cells: readonly Cell[], at: number): { cells: Cell[]; removed: Cell; select: Cell } {
  const next = [...cells];
  const [removed] = next.splice(at, 1);
  // A notebook always has a cell to type into.
  if (!next.length) next.push(codeCell());
  return { cells: next, removed: removed!, select: next[Math.min(at, next.length - 1)]! };
}

/** The list with the cell at `at` swapped with its neighbour `delta` away; null at either end. */
export function moveCell(cells: readonly Cell[], at: number, delta: -1 | 1): Cell[] | null {
  const to = at + delta;
  if (at < 0 || to < 0 || to >= cells.length) return null;
  const next = [...cells];
  [next[at], next[to]] = [next[to]!, next[at]!];
  return next;
}

/** The list with the outputs and execution counts of the code cells `keep` allows cleared. */
export function withOutputsCleared(cells: readonly Cell[], keep: (cell: Cell) => boolean): Cell[] {
  return cells.map((c) =>
    c.type === 'code' && (c.outputs.length || c.executionCount !== null) && !keep(c)
      ? { ...c, outputs: [], executionCount: null }
      : c,
  );
}

/** Deleted cells with their places, newest last, for "undo delete" (the oldest go past `limit`). */
export class DeletedCells {
  private readonly stack: { cell: Cell; index: number }[] = [];

  constructor(private readonly limit = 50) {}

  get count(): number {
    return this.stack.length;
  }

  push(cell: Cell, index: number): void {
    this.stack.push({ cell, index });
    if (this.stack.length > this.limit) this.stack.shift();
  }

  /** The list with the last deleted cell back at its place (or the end), and that cell; null when none. */
  restoreInto(cells: readonly Cell[]): { cells: Cell[]; cell: Cell } | null {
    const last = this.stack.pop();
    if (!last) return null;
    const next = [...cells];
    next.splice(Math.min(last.index, next.length), 0, last.cell);
    return { cells: next, cell: last.cell };
  }
}

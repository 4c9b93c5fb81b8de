// Which cells a change reruns, as reactive notebooks (marimo, Observable) decide it: a cell that reads
// a changed name reruns, and so does every cell that reads a name such a cell declares, transitively —
// in notebook order, each at most once. Cells are read as they are now (an edited cell that has not
// run yet counts as written), with the kernel's own transpiler, so "reads" means exactly what the
// kernel will look up: a name of a function's parameter or a block's `let` is not the cell-level one.
//
// A cell that declares the changed name itself (the one that made the control) does not read it and
// is never rerun: rerunning it would make a new control in place of the one the user is moving.
import type { TranspiledCell } from './transpile';

export interface CellNames {
  cellId: string;
  /** Names the cell puts on the kernel's scope. */
  declared: readonly string[];
  /** Names it reads that it does not declare. */
  reads: readonly string[];
}

export function dependentCells(cells: readonly CellNames[], changed: Iterable<string>): string[] {
  const changedNames = new Set(changed);
  const chosen = new Set<string>();
  // Until nothing new is reached: a later cell may declare a name an earlier one reads.
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of cells) {
      if (chosen.has(c.cellId) || !c.reads.some((n) => changedNames.has(n))) continue;
      chosen.add(c.cellId);
      for (const n of c.declared) changedNames.add(n);
      grew = true;
    }
  }
  return cells.filter((c) => chosen.has(c.cellId)).map((c) => c.cellId);
}

/**
 * The names of each cell, through `analyze` (the kernel's transpiler). A cell that does not parse
 * reads nothing here: it would fail before reading anything anyway.
 */
export function cellNames<C extends { cellId: string }>(
  cells: readonly C[],
  analyze: (cell: C) => Pick<TranspiledCell, 'declared' | 'uses' | 'free'>,
): CellNames[] {
  return cells.map((cell) => {
    try {
      const t = analyze(cell);
      return { cellId: cell.cellId, declared: t.declared, reads: [...t.uses, ...t.free] };
    } catch {
      return { cellId: cell.cellId, declared: [], reads: [] };
    }
  });
}

/**
 * The scope's names that hold `target`, directly or as an element or property of an array or plain object they hold.
 */
export function namesHolding(values: Record<string, unknown>, target: object): string[] {
  const out: string[] = [];
  for (const name of Object.keys(values)) {
    // Descriptors, not reads: a getter a cell defined is never run from here.
    const v = Object.getOwnPropertyDescriptor(values, name)?.value as unknown;
    if (v === target) out.push(name);
    else if (
      Array.isArray(v)
        ? v.includes(target)
        : isPlainObject(v) && Object.values(Object.getOwnPropertyDescriptors(v)).some((d) => d.value === target)
    )
      out.push(name);
  }
  return out;
}

function isPlainObject(v: unknown): v is object {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

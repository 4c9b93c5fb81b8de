// Nested runs (tag `mlflow.parentRunId`) as a collapsible tree over an already sorted list: children
// keep the list's order under their parent, so sorting by a column sorts every level. A run whose
// parent is not in the list (filtered out, deleted, in another experiment) is shown as a root, and a
// corrupt parent chain (a cycle) cannot hide runs or loop forever.
import type { Run } from '../../tracking/entities';
import { SYSTEM_TAGS } from '../../tracking/entities';

export interface TreeRow {
  run: Run;
  depth: number;
  /** Number of direct children in the list. */
  childCount: number;
  expanded: boolean;
}

export function parentOf(run: Run): string | undefined {
  const p = run.data.tags[SYSTEM_TAGS.parentRunId];
  return p && p !== run.info.runId ? p : undefined;
}

/** The visible rows: roots in list order, each followed by its children when it is expanded. */
export function buildRunTree(sorted: readonly Run[], expanded: ReadonlySet<string>): TreeRow[] {
  const byId = new Map<string, Run>();
  for (const r of sorted) byId.set(r.info.runId, r);
  const children = new Map<string, Run[]>();
  const roots: Run[] = [];
  for (const r of sorted) {
    const p = parentOf(r);
    if (p !== undefined && byId.has(p)) {
      let list = children.get(p);
      if (!list) children.set(p, (list = []));
      list.push(r);
    } else roots.push(r);
  }

  // Runs in a parent cycle are reachable from no root: the first of each cycle (in list order)
  // becomes a root, so no run is ever lost from the table.
  const reachable = new Set<string>();
  const mark = (root: Run) => {
    const stack = [root];
    while (stack.length) {
      const r = stack.pop()!;
      if (reachable.has(r.info.runId)) continue;
      reachable.add(r.info.runId);
      for (const k of children.get(r.info.runId) ?? []) stack.push(k);
    }
  };
  for (const r of roots) mark(r);
  const cycleRoots = new Set<string>();
  if (reachable.size < sorted.length) {
    for (const r of sorted) {
      if (reachable.has(r.info.runId)) continue;
      roots.push(r);
      cycleRoots.add(r.info.runId);
      mark(r);
    }
  }

  const rows: TreeRow[] = [];
  const placed = new Set<string>();
  for (const root of roots) {
    // Iterative depth-first walk: deep nesting cannot overflow the stack.
    const stack: Array<{ run: Run; depth: number }> = [{ run: root, depth: 0 }];
    while (stack.length) {
      const { run, depth } = stack.pop()!;
      const id = run.info.runId;
      if (placed.has(id)) continue;
      placed.add(id);
      const all = children.get(id) ?? [];
      const kids = cycleRoots.size ? all.filter((k) => !cycleRoots.has(k.info.runId)) : all;
      const open = kids.length > 0 && expanded.has(id);
      rows.push({ run, depth, childCount: kids.length, expanded: open });
      if (open) for (let i = kids.length - 1; i >= 0; i--) stack.push({ run: kids[i]!, depth: depth + 1 });
    }
  }
  return rows;
}

/** Every run id that has children in the list (for "expand all"). */
export function parentsIn(runs: readonly Run[]): Set<string> {
  const ids = new Set(runs.map((r) => r.info.runId));
  const out = new Set<string>();
  for (const r of runs) {
    const p = parentOf(r);
    if (p !== undefined && ids.has(p)) out.add(p);
  }
  return out;
}

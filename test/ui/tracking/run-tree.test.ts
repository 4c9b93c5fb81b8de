import { describe, expect, it } from 'vitest';
import { buildRunTree, parentsIn } from '../../../src/ui/tracking/run-tree';
import { makeRun } from './fixtures';

const ids = (rows: ReturnType<typeof buildRunTree>) => rows.map((r) => `${'  '.repeat(r.depth)}${r.run.info.runId}`);

describe('nested runs as a tree', () => {
  const sorted = [
    makeRun({ id: 'c2', parent: 'p' }),
    makeRun({ id: 'p' }),
    makeRun({ id: 'g', parent: 'c1' }),
    makeRun({ id: 'c1', parent: 'p' }),
    makeRun({ id: 'q' }),
  ];

  it('shows only roots while parents are collapsed, with their child counts', () => {
    const rows = buildRunTree(sorted, new Set());
    expect(ids(rows)).toEqual(['p', 'q']);
    expect(rows.map((r) => r.childCount)).toEqual([2, 0]);
  });

  it('puts children under an expanded parent in the sorted order', () => {
    expect(ids(buildRunTree(sorted, new Set(['p'])))).toEqual(['p', '  c2', '  c1', 'q']);
    expect(ids(buildRunTree(sorted, new Set(['p', 'c1'])))).toEqual(['p', '  c2', '  c1', '    g', 'q']);
  });

  it('treats a run whose parent is not in the list as a root', () => {
    const rows = buildRunTree([makeRun({ id: 'orphan', parent: 'gone' }), makeRun({ id: 'x' })], new Set());
    expect(ids(rows)).toEqual(['orphan', 'x']);
  });

  it('shows runs in a parent cycle instead of losing them, and does not loop', () => {
    const cyc = [
      makeRun({ id: 'a', parent: 'b' }),
      makeRun({ id: 'b', parent: 'a' }),
      makeRun({ id: 's', parent: 's' }),
    ];
    expect(ids(buildRunTree(cyc, new Set()))).toEqual(['s', 'a']);
    expect(ids(buildRunTree(cyc, new Set(['a', 'b'])))).toEqual(['s', 'a', '  b']);
  });

  it('handles 10,000 runs nested 5,000 deep without recursion', () => {
    // n0 ← n1 ← n3 ← … ← n9999 (each odd run the child of the previous odd one), even runs are roots.
    const chain = Array.from({ length: 10_000 }, (_, i) =>
      makeRun({ id: `n${i}`, ...(i % 2 ? { parent: `n${Math.max(0, i - 2)}` } : {}) }),
    );
    const all = new Set(chain.map((r) => r.info.runId));
    const rows = buildRunTree(chain, all);
    expect(rows).toHaveLength(10_000);
    expect(Math.max(...rows.map((r) => r.depth))).toBe(5000);
  });

  it('lists the runs that have children', () => {
    expect([...parentsIn(sorted)].sort()).toEqual(['c1', 'p']);
  });
});

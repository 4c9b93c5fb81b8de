// Which cells a change reruns, on cells' names alone (the kernel tests in controls.test.ts read the
// names with the kernel's transpiler): transitively through what rerun cells declare, in notebook
// order, each cell once, never the cell that declares the changed name.
import { describe, expect, it } from 'vitest';
import { cellNames, dependentCells, namesHolding, type CellNames } from '../../src/notebook/worker/dependents';

const c = (cellId: string, declared: string[], reads: string[]): CellNames => ({ cellId, declared, reads });

describe('dependentCells', () => {
  it('follows what rerun cells declare, transitively, in notebook order and once each', () => {
    const cells = [
      c('make', ['alpha'], []),
      c('fit', ['model'], ['alpha', 'X']),
      c('score', ['score'], ['model', 'alpha']),
      c('plain', ['X'], []),
      c('report', [], ['score', 'model']),
    ];
    expect(dependentCells(cells, ['alpha'])).toEqual(['fit', 'score', 'report']);
    expect(dependentCells(cells, ['X'])).toEqual(['fit', 'score', 'report']);
    expect(dependentCells(cells, ['nothing'])).toEqual([]);
  });

  it('reaches an earlier cell that reads a name a later rerun cell declares', () => {
    const cells = [c('early', [], ['late']), c('mid', ['late'], ['alpha']), c('alpha', ['alpha'], [])];
    expect(dependentCells(cells, ['alpha'])).toEqual(['early', 'mid']);
  });

  it('ends on cycles', () => {
    const cells = [c('a', ['x'], ['y', 'alpha']), c('b', ['y'], ['x'])];
    expect(dependentCells(cells, ['alpha'])).toEqual(['a', 'b']);
  });
});

describe('cellNames', () => {
  it('counts a cell its analysis refuses as reading nothing', () => {
    const names = cellNames([{ cellId: 'ok' }, { cellId: 'bad' }], (cell) => {
      if (cell.cellId === 'bad') throw new SyntaxError('Unexpected token');
      return { declared: ['m'], uses: ['alpha'], free: ['console'] };
    });
    expect(names).toEqual([c('ok', ['m'], ['alpha', 'console']), c('bad', [], [])]);
  });
});

describe('namesHolding', () => {
  it('finds the control held directly, in an array or a plain object, without running getters', () => {
    const target = {};
    let got = 0;
    const values: Record<string, unknown> = {
      direct: target,
      list: [1, target],
      plain: { a: target },
      other: { a: {} },
      instance: Object.assign(Object.create({ kind: 'estimator' }) as object, { a: target }),
    };
    Object.defineProperty(values, 'getter', {
      get: () => {
        got++;
        return target;
      },
      enumerable: true,
    });
    Object.defineProperty(values.plain as object, 'lazy', {
      get: () => {
        got++;
        return target;
      },
      enumerable: true,
    });
    expect(namesHolding(values, target)).toEqual(['direct', 'list', 'plain']);
    expect(got).toBe(0);
  });
});

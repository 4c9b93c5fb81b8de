import { describe, expect, it } from 'vitest';
import {
  compareValues,
  nextSort,
  parseSort,
  formatSort,
  sortBy,
  DEFAULT_SORT,
  type SortValue,
} from '../../../src/ui/tracking/sort';

const order = (values: SortValue[], dir: 'asc' | 'desc') => sortBy(values, (v) => v, dir);

describe('sorting mixed values', () => {
  it('puts numbers (and numeric strings) first, numerically, then strings naturally, then NaN, then missing', () => {
    expect(order(['relu', '10', null, 2, '0.5', NaN, 'run-10', 'run-2', '-3', '1e3'], 'asc')).toEqual([
      '-3',
      '0.5',
      2,
      '10',
      '1e3',
      'relu',
      'run-2',
      'run-10',
      NaN,
      null,
    ]);
  });

  it('reverses everything but the missing values, which stay last', () => {
    expect(order(['relu', '10', null, 2, NaN, 'adam'], 'desc')).toEqual([NaN, 'relu', 'adam', '10', 2, null]);
  });

  it('is stable: equal values keep their incoming order', () => {
    const items = [
      { v: 1, i: 0 },
      { v: 0, i: 1 },
      { v: 1, i: 2 },
      { v: 0, i: 3 },
    ];
    expect(sortBy(items, (x) => x.v, 'asc').map((x) => x.i)).toEqual([1, 3, 0, 2]);
    expect(sortBy(items, (x) => x.v, 'desc').map((x) => x.i)).toEqual([0, 2, 1, 3]);
  });

  it('compares single values the same way', () => {
    expect(compareValues('9', '10')).toBeLessThan(0);
    expect(compareValues(null, 5, 'desc')).toBeGreaterThan(0);
    expect(compareValues('Infinity', 1e308)).toBeGreaterThan(0);
  });

  it('cycles a header: another column ascending, the same column flips', () => {
    const a = nextSort(DEFAULT_SORT, 'metric:rmse');
    expect(a).toEqual({ columnId: 'metric:rmse', direction: 'asc' });
    expect(nextSort(a, 'metric:rmse')).toEqual({ columnId: 'metric:rmse', direction: 'desc' });
  });

  it('round-trips through the URL and falls back to newest first', () => {
    expect(parseSort(formatSort({ columnId: 'param:alpha', direction: 'desc' }))).toEqual({
      columnId: 'param:alpha',
      direction: 'desc',
    });
    expect(parseSort('nonsense')).toEqual(DEFAULT_SORT);
    expect(parseSort(null)).toEqual(DEFAULT_SORT);
  });
});

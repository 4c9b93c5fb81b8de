import { describe, expect, it } from 'vitest';
import { permutation, seededRandom } from '../../../src/lib/random';
import { alignXY, type XYSeries } from '../../../src/ui/tracking/charts/xy-data';

/** Each series' points back out of aligned data, as sorted "x:y" strings (what a chart shows). */
function pointsOf(data: ReturnType<typeof alignXY>): string[][] {
  const [xs, ...columns] = data;
  return columns.map((c) => c.flatMap((y, i) => (y === null ? [] : [`${xs[i]}:${y}`])).sort());
}
const expected = (series: XYSeries[]) =>
  series.map((s) =>
    Array.from(s.xs)
      .flatMap((x, i) => (Number.isFinite(x) && Number.isFinite(s.ys[i]) ? [`${x}:${s.ys[i]}`] : []))
      .sort(),
  );
const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1]! <= x);

describe('alignXY: uPlot data from series in any order', () => {
  const xs = [0.5, 1, 2, 3, 5, 8, 13];
  const ys = xs.map((x) => x * 10);
  const orders: Record<string, number[]> = {
    ascending: [0, 1, 2, 3, 4, 5, 6],
    descending: [6, 5, 4, 3, 2, 1, 0],
    shuffled: [3, 0, 6, 2, 5, 1, 4],
  };
  for (const [name, order] of Object.entries(orders)) {
    it(`one series, x ${name}: x ascending, every point kept with its y`, () => {
      const data = alignXY([{ xs: order.map((i) => xs[i]!), ys: order.map((i) => ys[i]!) }]);
      expect(data).toEqual([xs, ys]);
    });
  }

  it('keeps every point of a series that has several at one x (runs sharing a parameter value)', () => {
    const data = alignXY([{ xs: [0.1, 1, 0.1, 0.01, 1, 0.1], ys: [3, 5, 2, 4, 6, 1] }]);
    expect(data[0]).toEqual([0.01, 0.1, 0.1, 0.1, 1, 1]);
    // Equal x keep their incoming order.
    expect(data[1]).toEqual([4, 3, 2, 1, 5, 6]);
  });

  it('shares x slots between series (metrics by step) and leaves gaps where a series has no point', () => {
    const data = alignXY([
      { xs: [2, 0, 1], ys: [20, 0, 10] },
      { xs: [1, 3], ys: [100, 300] },
    ]);
    expect(data).toEqual([
      [0, 1, 2, 3],
      [0, 10, 20, null],
      [null, 100, null, 300],
    ]);
  });

  it('gives a shared x as many slots as the series with most points there', () => {
    const data = alignXY([
      { xs: [1, 1, 2], ys: [1, 2, 3] },
      { xs: [1], ys: [9] },
    ]);
    expect(data).toEqual([
      [1, 1, 2],
      [1, 2, 3],
      [9, null, null],
    ]);
  });

  it('leaves out points whose x is not a finite number; a NaN or missing y is a gap', () => {
    const data = alignXY([{ xs: [3, NaN, 1, Infinity, 2], ys: [30, 99, NaN, 99, 20] }]);
    expect(data).toEqual([
      [1, 2, 3],
      [null, 20, 30],
    ]);
    expect(alignXY([{ xs: [1, 2], ys: [null, undefined] }])).toEqual([
      [1, 2],
      [null, null],
    ]);
  });

  it('handles no series and empty series', () => {
    expect(alignXY([])).toEqual([[]]);
    expect(alignXY([{ xs: [], ys: [] }])).toEqual([[], []]);
  });

  it('loses no point and sorts x, for random series of every size, duplicates included', () => {
    const rng = seededRandom(13);
    for (let trial = 0; trial < 200; trial++) {
      const series: XYSeries[] = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => {
        const n = Math.floor(rng() * 40);
        const values = Array.from({ length: n }, () => Math.round(rng() * 20) / 2);
        const order = permutation(n, rng);
        return {
          xs: Array.from(order, (i) => values[i]!),
          ys: Array.from({ length: n }, () => Math.round(rng() * 1000)),
        };
      });
      const data = alignXY(series);
      expect(ascending(data[0])).toBe(true);
      expect(pointsOf(data)).toEqual(expected(series));
    }
  });
});

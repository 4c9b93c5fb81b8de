// uPlot draws from one x array that must be ascending (it reads the x range from the first and last
// values and finds the visible points by binary search), with one y array per series aligned to it.
// Data arrive in any order: a scatter of predictions against residuals, runs by a parameter, a metric
// logged with steps out of order. This puts any such series into uPlot's form, losing no point.

export interface XYSeries {
  xs: ArrayLike<number>;
  ys: ArrayLike<number | null | undefined>;
}

/** uPlot's AlignedData: the ascending x values, then each series' y per x (null where it has no point). */
export type XYData = [number[], ...Array<Array<number | null>>];

const yValue = (y: number | null | undefined): number | null =>
  typeof y === 'number' && Number.isFinite(y) ? y : null;

/**
 * Points of every series, sorted by x (equal x keep their order). Series share an x slot where they
 * both have a point at that x (metrics by step); a series with several points at one x (two runs with
 * the same alpha) gets one slot per point, so none is dropped. Points whose x is not a finite number
 * cannot be placed and are left out; a y that is not finite (NaN, missing) is a gap.
 */
export function alignXY(series: readonly XYSeries[]): XYData {
  if (series.length === 1 && isAscending(series[0]!.xs)) {
    const { xs, ys } = series[0]!;
    return [Array.from(xs), Array.from({ length: xs.length }, (_, i) => yValue(ys[i]))];
  }
  const points: Array<{ x: number; s: number; y: number | null }> = [];
  series.forEach(({ xs, ys }, s) => {
    for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i])) points.push({ x: xs[i]!, s, y: yValue(ys[i]) });
  });
  points.sort((a, b) => a.x - b.x); // stable
  const xs: number[] = [];
  const columns = series.map((): Array<number | null> => []);
  const used = new Array<number>(series.length);
  for (let start = 0; start < points.length; ) {
    const x = points[start]!.x;
    let end = start;
    while (end < points.length && points[end]!.x === x) end++;
    used.fill(0);
    let slots = 0;
    for (let k = start; k < end; k++) slots = Math.max(slots, ++used[points[k]!.s]!);
    const base = xs.length;
    for (let t = 0; t < slots; t++) {
      xs.push(x);
      for (const c of columns) c.push(null);
    }
    used.fill(0);
    for (let k = start; k < end; k++) {
      const p = points[k]!;
      columns[p.s]![base + used[p.s]!++] = p.y;
    }
    start = end;
  }
  return [xs, ...columns];
}

function isAscending(xs: ArrayLike<number>): boolean {
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i])) return false;
    if (i > 0 && xs[i]! < xs[i - 1]!) return false;
  }
  return true;
}

/**
 * A numeric axis range with 5% margins (matplotlib's default), as a uPlot range function: points at the
 * extremes are drawn whole, and several points at the first or last x are all drawn (uPlot finds the
 * visible points by searching for the range's ends, which stops at the first of equal values).
 */
export function paddedRange(_u: unknown, min: number, max: number): [number, number] {
  const span = max - min || Math.abs(max) || 1;
  return [min - span * 0.05, max + span * 0.05];
}

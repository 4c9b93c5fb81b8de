import { describe, expect, it } from 'vitest';
import { downsample, forLogScale, series, smooth } from '../../../src/ui/tracking/smoothing';
import { compareRows, defaultDimensions, dimensionsOf, dimensionValues } from '../../../src/ui/tracking/compare-model';
import {
  parseTrackingRoute,
  runHref,
  experimentsHref,
  compareHref,
  cellHref,
  parseRunIds,
} from '../../../src/ui/tracking/routes';
import { makeRun } from './fixtures';

describe('metric chart helpers', () => {
  it('smooths with a debiased moving average and passes gaps through', () => {
    expect(smooth([1, 1, 1], 0.9)).toEqual([1, 1, 1].map(() => expect.closeTo(1, 10)));
    expect(smooth([1, null, 3], 0)).toEqual([1, null, 3]);
    const s = smooth([0, 10, null, 10], 0.5);
    expect(s[2]).toBeNull();
    expect(s[1]).toBeCloseTo((0.5 * 0.5 * 0 * 2 + 0.5 * 10) / 0.75, 10);
  });

  it('orders points by the chosen axis', () => {
    const h = [
      { key: 'm', step: 2, value: 20, timestamp: 3000 },
      { key: 'm', step: 1, value: 10, timestamp: 5000 },
    ];
    expect(series(h, 'step', 0)).toEqual({ xs: [1, 2], ys: [10, 20] });
    expect(series(h, 'relative', 1000)).toEqual({ xs: [2, 4], ys: [20, 10] });
    expect(series(h, 'time', 0).xs).toEqual([3, 5]);
  });

  it('drops values a log axis cannot show, and downsamples keeping spikes', () => {
    expect(forLogScale([1, 0, -1, null, 5])).toEqual([1, null, null, null, 5]);
    const values = Array.from({ length: 1000 }, (_, i) => (i === 500 ? 99 : 0));
    const d = downsample(values, 50);
    expect(d.length).toBeLessThanOrEqual(50);
    expect(Math.max(...d)).toBe(99);
  });
});

describe('compare model', () => {
  const runs = [
    makeRun({ params: { alpha: '0.5', solver: 'cd' }, metrics: { rmse: 0.7 } }),
    makeRun({ params: { alpha: '0.02', solver: 'cd', act: 'relu' }, metrics: { rmse: 0.6 } }),
  ];

  it('lists params then metrics with each run value and whether they differ', () => {
    expect(compareRows(runs).map((r) => [r.kind, r.key, r.values, r.differs])).toEqual([
      ['param', 'act', [undefined, 'relu'], true],
      ['param', 'alpha', ['0.5', '0.02'], true],
      ['param', 'solver', ['cd', 'cd'], false],
      ['metric', 'rmse', [0.7, 0.6], true],
    ]);
  });

  it('makes numeric and categorical chart dimensions', () => {
    const dims = dimensionsOf(runs);
    expect(dims.map((d) => `${d.id}:${d.numeric}`)).toEqual([
      'param:act:false',
      'param:alpha:true',
      'param:solver:false',
      'metric:rmse:true',
    ]);
    expect(dimensionValues(runs, dims[1]!)).toEqual({ values: [0.5, 0.02], categories: null });
    expect(dimensionValues(runs, dims[0]!)).toEqual({ values: [null, 0], categories: ['relu'] });
    expect(defaultDimensions(dims, runs).map((d) => d.id)).toEqual(['param:act', 'param:alpha', 'metric:rmse']);
  });
});

describe('tracking routes', () => {
  it('round-trips runs, run tabs and comparisons', () => {
    expect(experimentsHref(['1', '4'])).toBe('#/experiments/1,4');
    expect(experimentsHref(['1'], { filter: "a = 'b'", sort: undefined })).toBe('#/experiments/1?filter=a+%3D+%27b%27');
    expect(parseTrackingRoute(['1,4'])).toEqual({ view: 'runs', experimentIds: ['1', '4'] });
    expect(parseTrackingRoute([])).toEqual({ view: 'runs', experimentIds: [] });
    expect(runHref('1', 'abc', 'artifacts', { path: 'model/MLmodel' })).toBe(
      '#/experiments/1/runs/abc/artifacts?path=model%2FMLmodel',
    );
    expect(parseTrackingRoute(['1', 'runs', 'abc', 'artifacts'])).toEqual({
      view: 'run',
      experimentId: '1',
      runId: 'abc',
      tab: 'artifacts',
    });
    expect(parseTrackingRoute(['1', 'runs', 'abc', 'bogus'])).toMatchObject({ tab: 'overview' });
    expect(compareHref(['a', 'b'])).toBe('#/compare?runs=a,b');
    expect(parseRunIds('a,,b,a ')).toEqual(['a', 'b']);
  });

  it('links a run to its notebook cell only when both ids are tagged', () => {
    expect(cellHref({ 'kiroku.notebook.id': 'nb 1', 'kiroku.cell.id': 'c7' })).toBe('#/notebook/nb%201/cell/c7');
    expect(cellHref({ 'kiroku.cell.id': 'c7' })).toBeNull();
  });
});

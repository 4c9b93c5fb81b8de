// describe() against numpy/Counter reference values written by test/fixtures/gen_data_reference.py.
import { describe as suite, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readCSV, describe, describeFrame, quantile, loadSample, type ColumnSummary } from '../../src/data/index';
import reference from '../fixtures/data-reference.json';

type Ref = Record<string, number | string | boolean | null>;

/** Equal to the reference within a few ulps (numpy sums pairwise; we sum left to right). */
function expectClose(actual: number, expected: number | null, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNaN();
    return;
  }
  const tolerance = 1e-12 * Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

function compare(summary: ColumnSummary[], expected: Record<string, Ref>): void {
  expect(summary.map((s) => s.name)).toEqual(Object.keys(expected));
  for (const s of summary) {
    const ref = expected[s.name]!;
    expect(s.kind, s.name).toBe(ref.kind);
    expect(s.count, `${s.name}.count`).toBe(ref.count);
    expect(s.missing, `${s.name}.missing`).toBe(ref.missing);
    if (s.kind === 'numeric') {
      for (const stat of ['mean', 'std', 'min', 'q25', 'q50', 'q75', 'max'] as const) {
        expectClose(s[stat], ref[stat] as number | null, `${s.name}.${stat}`);
      }
    } else {
      expect({ unique: s.unique, top: s.top, freq: s.freq }, s.name).toEqual({
        unique: ref.unique,
        top: ref.top,
        freq: ref.freq,
      });
    }
  }
}

suite('describe', () => {
  it('matches numpy on the wine-quality file', async () => {
    const wine = await readCSV(
      new Blob([await readFile(resolve(__dirname, '../../../shared/data/winequality-red.csv'))]),
    );
    compare(describe(wine), reference.wine.columns as Record<string, Ref>);
  });

  it('matches numpy and Counter on a file with gaps, strings and booleans', async () => {
    const mixed = await readCSV(new Blob([await readFile(resolve(__dirname, '../fixtures/csv/mixed.csv'))]));
    compare(describe(mixed), reference.mixed.columns as Record<string, Ref>);
  });

  it('matches numpy on the penguins sample', async () => {
    compare(describe(await loadSample('penguins')), reference.penguins.columns as Record<string, Ref>);
  });

  it('gives NaN statistics for columns with no or one value', async () => {
    const df = await readCSV('a,b\n1,\n,\n');
    const [a, b] = describe(df) as [ColumnSummary & { kind: 'numeric' }, ColumnSummary & { kind: 'numeric' }];
    expect(a).toMatchObject({ count: 1, missing: 1, mean: 1, min: 1, q50: 1, max: 1 });
    expect(a.std).toBeNaN();
    expect(b).toMatchObject({ count: 0, missing: 2 });
    expect(b.mean).toBeNaN();
    expect(b.q25).toBeNaN();
  });

  it('interpolates quantiles linearly between order statistics', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10], 0.75)).toBe(10);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('renders as a DataFrame laid out like pandas (statistics as rows)', async () => {
    const df = await readCSV('x,s\n1,a\n2,a\n3,b\n');
    const frame = await describeFrame(describe(df));
    expect(frame.columns).toEqual(['x', 's']);
    expect(frame.index).toEqual([
      'count',
      'missing',
      'mean',
      'std',
      'min',
      '25%',
      '50%',
      '75%',
      'max',
      'unique',
      'top',
      'freq',
    ]);
    const rows = frame.values as unknown[][];
    expect(rows[0]).toEqual([3, 3]);
    expect(rows[2]).toEqual([2, null]);
    expect(rows[10]).toEqual([NaN, 'a']);
    expect(rows[11]).toEqual([NaN, 2]);
  });
});

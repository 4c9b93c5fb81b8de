import { describe, expect, it } from 'vitest';
import { parseColumns } from '../../../src/data/csv';
import {
  checkColumns, checkPasses, columnCells, errorStats, guessTarget, predictionColumns, toCsv, toRecords,
} from '../../../src/ui/tracking/predict/predict-logic';

const CSV = 'alcohol,pH,kind,quality\n9.4,3.51,red,5\n9.8,,white,6\n10,3.2,red,\n';

describe('predict: CSV to model input', async () => {
  const cols = await parseColumns(CSV, 'test.csv');
  const cells = cols.map((c) => ({ name: c.name, cells: columnCells(c) }));

  it('turns columns into cells with null for missing values', () => {
    expect(cells.map((c) => [c.name, c.cells])).toEqual([
      ['alcohol', [9.4, 9.8, 10]], ['pH', [3.51, null, 3.2]], ['kind', ['red', 'white', 'red']], ['quality', [5, 6, null]],
    ]);
  });

  it('builds records over the chosen columns only', () => {
    expect(toRecords(cells, ['alcohol', 'kind'])).toEqual([
      { alcohol: 9.4, kind: 'red' }, { alcohol: 9.8, kind: 'white' }, { alcohol: 10, kind: 'red' },
    ]);
  });

  it('checks the columns against the signature as MLflow enforcement will', () => {
    const specs = [
      { name: 'alcohol', type: 'double', required: true },
      { name: 'pH', type: 'long', required: true },
      { name: 'sulphates', type: 'double', required: true },
      { name: 'density', type: 'double', required: false },
      { name: 'kind', type: 'string', required: true },
    ];
    const rows = checkColumns(specs, cols, 'quality');
    expect(rows.map((r) => [r.column, r.status])).toEqual([
      ['alcohol', 'ok'], ['pH', 'mismatch'], ['sulphates', 'missing'], ['density', 'optional-missing'], ['kind', 'ok'], ['quality', 'target'],
    ]);
    expect(checkPasses(rows)).toBe(false);
    // quality has a missing cell, so it was read as floats: fine for an optional double input.
    const fine = checkColumns([{ name: 'quality', type: 'double', required: false }, { name: 'alcohol', type: 'double' }], cols, null);
    expect(fine.map((r) => [r.column, r.status])).toEqual([['quality', 'ok'], ['alcohol', 'ok'], ['pH', 'extra'], ['kind', 'extra']]);
    expect(checkPasses(fine)).toBe(true);
    // A required input with a gap is refused, as MLflow's enforcement will.
    const gap = checkColumns([{ name: 'pH', type: 'double', required: true }], cols, null);
    expect(gap[0]).toMatchObject({ status: 'mismatch', note: '1 missing value; the model requires every row' });
  });

  it('converts whole numbers safely both ways, and refuses fractions for integer inputs', async () => {
    const ints = await parseColumns('n,f,w\n1,1.5,2\n2,2.5,\n', 'ints.csv');
    const rows = checkColumns([{ name: 'n', type: 'double' }, { name: 'f', type: 'long' }, { name: 'w', type: 'long', required: false }], ints, null);
    expect(rows.map((r) => [r.column, r.found, r.status])).toEqual([['n', 'int32', 'converted'], ['f', 'float32', 'mismatch'], ['w', 'float32', 'converted']]);
  });

  it('guesses the target: the output name, or the one column that is not an input', () => {
    const specs = [{ name: 'alcohol', type: 'double' }, { name: 'pH', type: 'double' }, { name: 'kind', type: 'string' }];
    expect(guessTarget(specs, cols)).toBe('quality');
    expect(guessTarget(specs.slice(0, 1), cols)).toBeNull();
    expect(guessTarget(null, cols, 'quality')).toBe('quality');
  });
});

describe('predict: outputs, scores and CSV', () => {
  it('names prediction columns as MLflow does', () => {
    expect(predictionColumns(new Float64Array([1, 2]), 2)).toEqual([{ name: 'predictions', cells: [1, 2] }]);
    expect(predictionColumns([[0.1, 0.9], [0.8, 0.2]], 2).map((c) => c.name)).toEqual(['predictions_0', 'predictions_1']);
    expect(predictionColumns([{ label: 'a' }, { label: 'b' }], 2)).toEqual([{ name: 'label', cells: ['a', 'b'] }]);
    expect(() => predictionColumns([1], 2)).toThrow('1 predictions for 2 rows');
  });

  it('scores regression and classification, skipping rows without a target', () => {
    const s = errorStats([1, 2, 3, null], [1.5, 2, 2, 9]);
    expect(s.n).toBe(3);
    expect(s.kind).toBe('regression');
    expect(s.mae).toBeCloseTo(0.5);
    expect(s.rmse).toBeCloseTo(Math.sqrt(1.25 / 3));
    expect(s.r2).toBeCloseTo(1 - 1.25 / 2);
    expect(s.maxError).toBe(1);
    expect(s.accuracy).toBeUndefined();
    expect(errorStats(['a', 'b', 'b'], ['a', 'b', 'a'])).toEqual({ n: 3, kind: 'classification', accuracy: 2 / 3 });
    expect(errorStats([5, 6], [5, 5]).accuracy).toBe(0.5);
  });

  it('writes CSV with quoting where needed', () => {
    expect(toCsv([{ name: 'a', cells: ['x,y', null] }, { name: 'predictions', cells: [1.5, 'say "hi"'] }])).toBe('a,predictions\n"x,y",1.5\n,"say ""hi"""\n');
  });
});

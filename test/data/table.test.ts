// The Table at the data boundary: column types from ALL values by pandas' rules, every input a user
// may hand in (danfojs frames built the ways users build them, rows, records, columns, typed arrays, a
// Matrix) becoming the same Table, and the X/y conversions estimators read it with.
import { describe, expect, it } from 'vitest';
import * as dfd from 'danfojs';
import { Table, inferColumn, readCSV, toDataFrame, toTable } from '../../src/data/index';
import { toMatrix, toVector, vectorValues } from '../../src/data/frame';
import { tableFromDanfo } from '../../src/data/danfo';
import { DataError } from '../../src/lib/errors';

const values = (t: Table, name: string) => Array.from(t.column(name) as ArrayLike<unknown>);

/** A CSV whose `late` column is whole numbers for 1,100 rows, then decimals: danfojs samples 500 rows. */
function lateDecimalsCsv(): string {
  const lines = ['n,late,label'];
  for (let i = 0; i < 1200; i++) lines.push(`${i},${i < 1100 ? i % 50 : (i % 50) + 0.5},${i % 3 === 0 ? 'a' : 'b'}`);
  return lines.join('\n');
}

describe('inferColumn: pandas dtypes from all values', () => {
  it('int64 only when every value is whole and none is missing; otherwise float64 with NaN', () => {
    expect(inferColumn([1, 2, 3]).dtype).toBe('int64');
    expect(inferColumn([1, 2, 3.5]).dtype).toBe('float64');
    const gaps = inferColumn([1, null, 3]);
    expect(gaps.dtype).toBe('float64');
    expect(Array.from(gaps.data as Float64Array)).toEqual([1, NaN, 3]);
    expect(inferColumn([1, NaN]).dtype).toBe('float64');
    expect(inferColumn([2 ** 53 + 2, 1]).dtype).toBe('float64'); // not exact as an int64 from a double
    expect(inferColumn([1, Infinity]).dtype).toBe('float64');
    expect(inferColumn([null, undefined, NaN]).dtype).toBe('float64'); // all missing: float, as pandas
    expect(inferColumn([]).dtype).toBe('float64');
  });

  it('the decimal at the very end decides, not a sample', () => {
    const xs = Array.from({ length: 100_000 }, (_, i) => i);
    expect(inferColumn(xs).dtype).toBe('int64');
    xs[99_999] = 0.5;
    expect(inferColumn(xs).dtype).toBe('float64');
  });

  it('bool with null for missing; strings with null; anything mixed is text', () => {
    expect(inferColumn([true, null, false])).toEqual({ dtype: 'bool', data: [true, null, false] });
    expect(inferColumn(['a', undefined, 'b'])).toEqual({ dtype: 'string', data: ['a', null, 'b'] });
    expect(inferColumn(['a', 1, true, NaN])).toEqual({ dtype: 'string', data: ['a', '1', 'True', null] });
    expect(inferColumn([1, true]).dtype).toBe('string');
    expect(inferColumn([new Date(Date.UTC(2024, 0, 2))])).toEqual({
      dtype: 'string',
      data: ['2024-01-02T00:00:00.000Z'],
    });
  });

  it('typed arrays: floats stay float64 (numpy keeps 1.0 a float), integer arrays are int64', () => {
    expect(inferColumn(Float64Array.of(1, 2)).dtype).toBe('float64');
    expect(inferColumn(Float32Array.of(1, 2)).dtype).toBe('float64');
    expect(inferColumn(Int32Array.of(1, 2)).dtype).toBe('int64');
    expect(inferColumn([1, 2], { float: true }).dtype).toBe('float64');
  });
});

describe('toTable: every input a user may hand in', () => {
  // dfd.readCSV needs a browser (papaparse reads Files with FileReader): test/e2e/data-boundary.test.ts covers it.
  it("danfojs frames built from rows, from columns and by readCSV all give the values' types", async () => {
    const csv = lateDecimalsCsv();
    const rows = csv
      .split('\n')
      .slice(1)
      .map((l) => l.split(',').map((v, j) => (j < 2 ? Number(v) : v)));
    const fromRows = new dfd.DataFrame(rows, { columns: ['n', 'late', 'label'] });
    // danfojs guessed from its sample: the late column is "int32" there.
    expect(fromRows.dtypes).toEqual(['int32', 'int32', 'string']);
    const fromColumns = new dfd.DataFrame({
      n: rows.map((r) => r[0]),
      late: rows.map((r) => r[1]),
      label: rows.map((r) => r[2]),
    });
    expect(fromColumns.dtypes[1]).toBe('int32');
    const fromKiroku = await readCSV(csv);
    expect(fromKiroku.dtypes).toEqual(['int32', 'float32', 'string']);
    for (const df of [fromRows, fromColumns, fromKiroku]) {
      const t = toTable(df);
      expect(t.columns).toEqual(['n', 'late', 'label']);
      expect(t.dtypes).toEqual(['int64', 'float64', 'string']);
      expect(values(t, 'late').at(-1)).toBe(49.5);
    }
  });

  it('a danfojs float32 column of whole numbers stays float64; a Series is one column', () => {
    const df = new dfd.DataFrame({ w: [1, 2, 3], f: [1.5, 2, 3] }, { dtypes: ['float32', 'float32'] });
    expect(toTable(df).dtypes).toEqual(['float64', 'float64']);
    const s = new dfd.Series([1, 2.5, null], { columns: ['y'] });
    const t = tableFromDanfo(s);
    expect(t.columns).toEqual(['y']);
    expect(t.dtypes).toEqual(['float64']);
    expect(vectorValues(s)).toEqual({ values: [1, 2.5, null], name: 'y' });
  });

  it('rows, records, an object of columns and a Matrix give the same table', () => {
    const named = toTable({ a: [1, 2], b: [0.5, 1.5] });
    expect(named.dtypes).toEqual(['int64', 'float64']);
    expect(
      toTable([
        { a: 1, b: 0.5 },
        { a: 2, b: 1.5 },
      ]).values,
    ).toEqual(named.values);
    const rows = toTable([
      [1, 0.5],
      [2, 1.5],
    ]);
    expect(rows.columns).toEqual(['x0', 'x1']);
    expect(rows.values).toEqual(named.values);
    const m = toMatrix(named);
    const fromMatrix = toTable(m);
    expect(fromMatrix.columns).toEqual(['a', 'b']);
    expect(fromMatrix.dtypes).toEqual(['float64', 'float64']); // a Matrix is float data
    expect(fromMatrix.values).toEqual(named.values);
    expect(toTable(named)).toBe(named);
  });

  it('records may lack keys (missing) and typed-array rows work', () => {
    const t = toTable([{ a: 1 }, { b: 'x' }]);
    expect(t.columns).toEqual(['a', 'b']);
    expect(t.dtypes).toEqual(['float64', 'string']);
    expect(toTable([Float64Array.of(1, 2), Float64Array.of(3, 4)]).dtypes).toEqual(['int64', 'int64']);
  });

  it("refuses 1-D input with scikit-learn's advice, ragged rows and other values, naming them", () => {
    expect(() => toTable([1, 2, 3])).toThrow('Expected 2D array, got 1D array instead.');
    expect(() => toTable([[1, 2], [3]])).toThrow('Row 1 of X has 1 values; row 0 has 2.');
    expect(() => toTable(42)).toThrow(
      'X must be a Table, a danfojs DataFrame, rows (arrays or records), a Matrix or an object of columns; got a ' +
        'number.',
    );
    expect(() => toTable({ a: [1, 2], b: [1] })).toThrow("Column 'b' has 1 values; the table has 2 rows.");
  });
});

describe('Table', () => {
  const t = toTable({ x: [1, 2, 3, 4], y: [0.5, NaN, 2.5, 3], s: ['a', null, 'c', 'd'], b: [true, false, null, true] });

  it('select, slice (views), take and head keep names and types', () => {
    expect(t.shape).toEqual([4, 4]);
    expect(t.select(['s', 'x']).columns).toEqual(['s', 'x']);
    const mid = t.slice(1, 3);
    expect(mid.values).toEqual([
      [2, null, null, false],
      [3, 2.5, 'c', null],
    ]);
    expect((mid.column('x') as Float64Array).buffer).toBe((t.column('x') as Float64Array).buffer);
    expect(t.take([3, 0]).values).toEqual([
      [4, 3, 'd', true],
      [1, 0.5, 'a', true],
    ]);
    expect(t.head(2).dtypes).toEqual(t.dtypes);
  });

  it('counts missing values per column and gives records with null for missing', () => {
    expect([0, 1, 2, 3].map((j) => t.missing(j))).toEqual([0, 1, 1, 1]);
    expect(t.toRecords()[1]).toEqual({ x: 2, y: null, s: null, b: false });
  });

  it('refuses duplicate names, wrong storage and unknown columns with the names', () => {
    expect(
      () =>
        new Table([
          { name: 'a', dtype: 'int64', data: Float64Array.of(1) },
          { name: 'a', dtype: 'int64', data: Float64Array.of(1) },
        ]),
    ).toThrow("Duplicate column name 'a'");
    expect(() => new Table([{ name: 'a', dtype: 'float64', data: [1] as never }])).toThrow(
      "Column 'a' of dtype float64 must hold a Float64Array.",
    );
    expect(() => t.column('z')).toThrow(DataError);
    expect(() => t.column('z')).toThrow("Column 'z' is not in the table; its columns are ['x', 'y', 's', 'b'].");
  });

  it('round-trips through a danfojs DataFrame with the same types and values', async () => {
    const df = await toDataFrame(t);
    expect(df.dtypes).toEqual(['int32', 'float32', 'string', 'boolean']);
    const back = toTable(df);
    expect(back.dtypes).toEqual(t.dtypes);
    expect(back.values).toEqual(t.values);
  });

  it('prints its first rows as pandas does', () => {
    expect(String(t.head(2))).toBe(
      '   x    y    s      b\n0  1  0.5    a   True\n1  2  NaN  NaN  False\n\n[2 rows x 4 columns]',
    );
  });
});

describe('X and y for estimators', () => {
  const df = new dfd.DataFrame({ alcohol: [9.4, 9.8, 10.5], quality: [5, 6, 7] });

  it('reads a danfojs Series as a vector, and a one-column frame or table too', () => {
    const s = df.column('quality');
    expect(Array.from(toVector(s))).toEqual([5, 6, 7]);
    expect(vectorValues(s).name).toBe('quality');
    expect(Array.from(toVector(df.loc({ columns: ['quality'] })))).toEqual([5, 6, 7]);
    expect(Array.from(toVector(toTable({ q: [5, 6, 7] })))).toEqual([5, 6, 7]);
    expect(() => toVector(df)).toThrow('y must have one column; got a table with 2 columns.');
  });

  it('gives the same column-major matrix from a frame, a Table, rows and records', () => {
    const m = toMatrix(df);
    expect(m).toMatchObject({ rows: 3, cols: 2, columns: ['alcohol', 'quality'] });
    expect(Array.from(m.data)).toEqual([9.4, 9.8, 10.5, 5, 6, 7]);
    expect(Array.from(toMatrix(toTable(df)).data)).toEqual(Array.from(m.data));
    expect(
      Array.from(
        toMatrix([
          { alcohol: 9.4, quality: 5 },
          { alcohol: 9.8, quality: 6 },
          { alcohol: 10.5, quality: 7 },
        ]).data,
      ),
    ).toEqual(Array.from(m.data));
    expect(
      Array.from(
        toMatrix([
          [9.4, 5],
          [9.8, 6],
          [10.5, 7],
        ]).data,
      ),
    ).toEqual(Array.from(m.data));
  });

  it('refuses missing and non-numeric cells, naming the column and row', () => {
    expect(() =>
      toMatrix([
        [1, 2],
        [3, NaN],
      ]),
    ).toThrow("Column 'x1' has a missing value at row 1");
    expect(() => toMatrix(toTable({ a: [1, null] }))).toThrow("Column 'a' has a missing value at row 1");
    expect(() => toMatrix(new dfd.DataFrame({ a: [1, 2], b: [3, NaN] }))).toThrow(
      "Column 'b' has a missing value at row 1",
    );
    expect(() => toMatrix(new dfd.DataFrame({ a: [1, 2], s: ['u', 'v'] }))).toThrow(
      'Column \'s\' has the non-numeric value "u" at row 0',
    );
    expect(Array.from(toMatrix(new dfd.DataFrame({ b: [true, false] })).data)).toEqual([1, 0]);
    expect(() => toMatrix(toTable({ s: ['u', 'v'] }))).toThrow('Column \'s\' has the non-numeric value "u" at row 0');
    expect(() => toVector(['a'])).toThrow('Column \'y\' has the non-numeric value "a" at row 0');
  });
});

import { describe as suite, expect, it } from 'vitest';
import { describe, readCSV } from '../../src/data/index';
import { mimeBundle } from '../../src/notebook/worker/display';
import { recordsTable } from '../../src/notebook/worker/records-table';

suite('arrays of records as tables', () => {
  it('has one row per record and one column per key, in the order keys first appear, missing cells empty', () => {
    const runs = [
      { run: 'a', rmse: 0.5 },
      { run: 'b', r2: 0.9, rmse: 0.25 },
      { run: 'c', ok: true, when: new Date(0), big: 2n ** 70n, none: undefined },
    ];
    expect(recordsTable(runs, 20)).toEqual({
      kind: 'DataFrame',
      columns: ['run', 'rmse', 'r2', 'ok', 'when', 'big', 'none'],
      index: [0, 1, 2],
      rows: [
        ['a', 0.5, null, null, null, null, null],
        ['b', 0.25, 0.9, null, null, null, null],
        ['c', null, null, true, '1970-01-01T00:00:00.000Z', '1180591620717411303424', null],
      ],
      shape: [3, 7],
    });
  });

  it('sends the first rows and says how many there are', () => {
    const t = recordsTable(
      Array.from({ length: 1000 }, (_, i) => ({ i, square: i * i })),
      20,
    )!;
    expect(t.rows).toHaveLength(20);
    expect(t.rows[19]).toEqual([19, 361]);
    expect(t.shape).toEqual([1000, 2]);
  });

  it('leaves other values to the tree: nested values, non-records, empty arrays and objects, class instances', () => {
    expect(recordsTable([{ a: 1, b: [1, 2] }], 20)).toBeUndefined();
    expect(recordsTable([{ a: 1 }, 2], 20)).toBeUndefined();
    expect(
      recordsTable(
        [
          [1, 2],
          [3, 4],
        ],
        20,
      ),
    ).toBeUndefined();
    expect(recordsTable([], 20)).toBeUndefined();
    expect(recordsTable([{}, {}], 20)).toBeUndefined();
    expect(recordsTable([new Map([['a', 1]])], 20)).toBeUndefined();
    expect(recordsTable({ a: 1 }, 20)).toBeUndefined();
  });

  it("lays describe(df) out as pandas' describe: a column per input column, a row per statistic", async () => {
    const df = await readCSV('x,s\n1,a\n2,a\n3,b\n');
    const t = recordsTable(describe(df), 20)!;
    expect(t.columns).toEqual(['x', 's']);
    expect(t.index).toEqual([
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
    expect(t.rows[2]).toEqual([2, null]);
    expect(t.rows[10]).toEqual([NaN, 'a']);
    expect(t.shape).toEqual([12, 2]);
    // Only numbers: only the rows numbers have, as pandas prints them.
    const numeric = recordsTable(describe(await readCSV('x,y\n1,2\n3,5\n')), 20)!;
    expect(numeric.index).toEqual(['count', 'missing', 'mean', 'std', 'min', '25%', '50%', '75%', 'max']);
    expect(numeric.rows.map((r) => r[0])).toEqual([2, 0, 2, Math.SQRT2, 1, 1.5, 2, 2.5, 3]);
  });

  it('is what a cell shows for such a value (with its text too)', () => {
    const bundle = mimeBundle([{ run: 'a', rmse: 0.5 }]) as Record<string, unknown>;
    expect(bundle['application/vnd.kiroku.table+json']).toMatchObject({ columns: ['run', 'rmse'], rows: [['a', 0.5]] });
    expect(bundle['text/plain']).toContain("run: 'a'");
  });
});

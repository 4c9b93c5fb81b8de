import { describe, expect, it } from 'vitest';
import * as dfd from 'danfojs';
import ref from '../fixtures/sklearn_preprocessing.json';
import {
  ColumnTransformer,
  MinMaxScaler,
  OneHotEncoder,
  SimpleImputer,
  StandardScaler,
  selectColumns,
} from '../../src/ml/preprocessing';
import { Pipeline } from '../../src/ml/pipeline';
import { estimatorFromJSON, type Estimator } from '../../src/ml/core/estimator';
import { toMatrix, toRows, type Matrix } from '../../src/data/frame';
import { Table } from '../../src/data/table';
import { NotFittedError, DataError } from '../../src/lib/errors';

const NUM = ['a', 'b', 'c'] as const;
const CAT = ['color', 'size', 'flag'] as const;
const T = ref.table as Record<string, (number | string | null)[]>;
/** JSON null stands for NaN in the numeric columns. */
const nums = (c: (number | string | null)[]) => c.map((v) => (v === null ? NaN : v));

function numFrame(): dfd.DataFrame {
  return new dfd.DataFrame(Object.fromEntries(NUM.map((k) => [k, nums(T[k]!)])));
}
function catFrame(): dfd.DataFrame {
  return new dfd.DataFrame(Object.fromEntries(CAT.map((k) => [k, T[k]!])));
}
function rowsOf(d: Record<string, unknown[]>, names: readonly string[]): unknown[][] {
  return d[names[0]!]!.map((_, i) => names.map((k) => d[k]![i]));
}

/** Compare a matrix to scikit-learn's rows (null = NaN), to ~1e-12 relative. */
function expectRows(m: Matrix | Table, expected: (number | string | null)[][]): void {
  const got = m instanceof Table ? (m.values as unknown[][]) : toRows(m);
  expect(got.length).toBe(expected.length);
  got.forEach((row, i) => {
    row.forEach((v, j) => {
      const e = expected[i]![j];
      if (e === null) expect(v).toBeNaN();
      else if (typeof e === 'number') expect(v as number).toBeCloseTo(e, 12);
      else expect(v).toBe(e);
    });
  });
}

function expectClose(got: ArrayLike<number> | null, expected: (number | null)[] | null): void {
  if (expected === null) return expect(got).toBeNull();
  expect(got).not.toBeNull();
  expect(got!.length).toBe(expected.length);
  expected.forEach((e, j) => (e === null ? expect(got![j]).toBeNaN() : expect(got![j]).toBeCloseTo(e, 12)));
}

/** Serialize through JSON text (as storage does) and back. */
function roundTrip<E extends Estimator>(est: E): E {
  return estimatorFromJSON(JSON.parse(JSON.stringify(est.toJSON()))) as E;
}

describe('StandardScaler', () => {
  const r = ref.standard_scaler;
  it('matches scikit-learn: mean_, var_ (ddof=0), scale_ (1 for a constant column), NaN ignored and kept', () => {
    const s = new StandardScaler().fit(numFrame());
    expectClose(s.mean_, r.mean_);
    expectClose(s.var_, r.var_);
    expectClose(s.scale_, r.scale_);
    expect(s.nSamplesSeen_).toEqual(r.n_samples_seen_);
    const out = s.transform(numFrame());
    expectRows(out, r.transform);
    expect(out.columns).toEqual(r.names);
    expectRows(s.transform(rowsOf(ref.new_num, NUM) as number[][]), r.transform_new);
  });

  it('withMean: false only scales; withStd: false leaves var_ and scale_ null', () => {
    const s = new StandardScaler({ withMean: false }).fit(numFrame());
    expectClose(s.scale_, ref.standard_scaler_no_mean.scale_);
    expectRows(s.transform(numFrame()), ref.standard_scaler_no_mean.transform);
    const c = new StandardScaler({ withStd: false }).fit([[1], [3]]);
    expect(c.var_).toBeNull();
    expect(toRows(c.transform([[1], [3]]))).toEqual([[-1], [1]]);
  });

  it('accepts number[][] and Matrix, names outputs x0.. without names, and inverts', () => {
    const X = [
      [1, 10],
      [2, 20],
      [3, 60],
    ];
    const s = new StandardScaler().fit(X);
    expect(s.getFeatureNamesOut()).toEqual(['x0', 'x1']);
    const m = s.transform(toMatrix(X));
    const back = toRows(s.inverseTransform(m));
    back.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(X[i]![j]!, 12)));
  });

  it('refuses strings, unfitted use, and a different number of columns', () => {
    expect(() => new StandardScaler().fit(catFrame())).toThrow(/column 'color' has the value "red"/);
    expect(() => new StandardScaler().transform([[1]])).toThrow(NotFittedError);
    const s = new StandardScaler().fit([
      [1, 2],
      [3, 4],
    ]);
    expect(() => s.transform([[1, 2, 3]])).toThrow(
      'X has 3 features, but StandardScaler is expecting 2 features as input.',
    );
  });

  it('refuses a DataFrame whose columns differ from fit', () => {
    const s = new StandardScaler().fit(numFrame());
    const other = new dfd.DataFrame({ a: [1], c: [2], b: [3] });
    expect(() => s.transform(other)).toThrow(/feature names should match/);
  });
});

describe('MinMaxScaler', () => {
  const r = ref.minmax_scaler;
  it('matches scikit-learn: data_min_/max_/range_, scale_, min_ and transform', () => {
    const s = new MinMaxScaler().fit(numFrame());
    expectClose(s.dataMin_, r.data_min_);
    expectClose(s.dataMax_, r.data_max_);
    expectClose(s.dataRange_, r.data_range_);
    expectClose(s.scale_, r.scale_);
    expectClose(s.min_, r.min_);
    expectRows(s.transform(numFrame()), r.transform);
    expectRows(s.transform(rowsOf(ref.new_num, NUM) as number[][]), r.transform_new);
  });

  it('featureRange and clip', () => {
    const s = new MinMaxScaler({ featureRange: [-1, 1], clip: true }).fit(numFrame());
    expectRows(s.transform(numFrame()), r.clip_transform);
    expectRows(s.transform(rowsOf(ref.new_num, NUM) as number[][]), r.clip_transform_new);
    expect(() => new MinMaxScaler({ featureRange: [1, 0] }).fit([[1]])).toThrow(/must be smaller than maximum/);
  });
});

describe('OneHotEncoder', () => {
  const r = ref.onehot;
  it('matches scikit-learn: sorted categories, missing last, names like color_red', () => {
    const e = new OneHotEncoder().fit(catFrame());
    expect(e.categories_).toEqual(r.categories_);
    const out = e.transform(catFrame());
    expect(out.columns).toEqual(r.names);
    expect(e.getFeatureNamesOut()).toEqual(r.names);
    expectRows(out, r.transform);
  });

  it("drop 'first' and 'if_binary'", () => {
    const first = new OneHotEncoder({ drop: 'first' }).fit(catFrame());
    expect(first.getFeatureNamesOut()).toEqual(ref.onehot_drop_first.names);
    expectRows(first.transform(catFrame()), ref.onehot_drop_first.transform);
    const bin = new OneHotEncoder({ drop: 'if_binary' }).fit(catFrame());
    expect(bin.getFeatureNamesOut()).toEqual(ref.onehot_if_binary.names);
    expectRows(bin.transform(catFrame()), ref.onehot_if_binary.transform);
  });

  it("handleUnknown 'error' names the category; 'ignore' encodes zeros", () => {
    const newRows = rowsOf(ref.new_cat, CAT);
    expect(() => new OneHotEncoder().fit(catFrame()).transform(newRows)).toThrow(
      "Found unknown categories ['purple'] in column 0 during transform",
    );
    const e = new OneHotEncoder({ handleUnknown: 'ignore' }).fit(catFrame());
    expectRows(e.transform(newRows), ref.onehot_ignore.transform_new);
  });

  it('encodes numbers and explicit categories; a column mixing numbers and text is text', () => {
    const e = new OneHotEncoder().fit([[3], [1], [2], [1]]);
    expect(e.categories_).toEqual([[1, 2, 3]]);
    expect(e.getFeatureNamesOut()).toEqual(['x0_1', 'x0_2', 'x0_3']);
    const fixed = new OneHotEncoder({ categories: [['b', 'a', 'z']] }).fit([['a'], ['b']]);
    expect(fixed.getFeatureNamesOut()).toEqual(['x0_b', 'x0_a', 'x0_z']);
    expect(toRows(fixed.transform([['a']]))).toEqual([[0, 1, 0]]);
    expect(() => new OneHotEncoder({ categories: [['a']] }).fit([['a'], ['q']])).toThrow(
      /unknown categories \['q'\] in column 0 during fit/,
    );
    // As a Table column, [a, 1] is text (pandas would write it so); its categories are strings.
    expect(new OneHotEncoder().fit([['a'], [1]]).categories_).toEqual([['1', 'a']]);
  });
});

describe('SimpleImputer', () => {
  const r = ref.imputer;
  it.each(['mean', 'median', 'most_frequent', 'constant'] as const)(
    '%s on numbers matches scikit-learn',
    (strategy) => {
      const imp = new SimpleImputer({ strategy }).fit(numFrame());
      expectClose(imp.statistics_ as number[], r[strategy].statistics_);
      const out = imp.transform(numFrame());
      expect('data' in out).toBe(true);
      expectRows(out, r[strategy].transform);
    },
  );

  it('most_frequent and constant on strings return a Table, ties going to the smallest', () => {
    const mf = new SimpleImputer({ strategy: 'most_frequent' }).fit(catFrame());
    expect(mf.statistics_).toEqual(r.most_frequent_str.statistics_);
    const out = mf.transform(catFrame());
    expect(out).toBeInstanceOf(Table);
    expectRows(out, r.most_frequent_str.transform);
    const c = new SimpleImputer({ strategy: 'constant' }).fit(catFrame());
    expect(c.statistics_).toEqual(r.constant_str.statistics_);
    expectRows(c.transform(catFrame()), r.constant_str.transform);
  });

  it('fillValue, and a column that was all missing is dropped', () => {
    const c = new SimpleImputer({ strategy: 'constant', fillValue: -1 }).fit(numFrame());
    expectRows(c.transform(numFrame()), r.constant_fill.transform);
    const empty = [
      [1, NaN],
      [null, null],
      [3, undefined],
    ] as unknown as number[][];
    const imp = new SimpleImputer().fit(new dfd.DataFrame({ p: [1, NaN, 3], q: [NaN, NaN, NaN] }));
    expect(imp.getFeatureNamesOut()).toEqual(r.empty_column.names);
    expectRows(imp.transform(new dfd.DataFrame({ p: [1, NaN, 3], q: [NaN, NaN, NaN] })), r.empty_column.transform);
    expect(toRows(new SimpleImputer().fit(empty).transform(empty) as Matrix)).toEqual([[1], [2], [3]]);
  });

  it('refuses mean of strings and an unknown strategy', () => {
    expect(() => new SimpleImputer().fit(catFrame())).toThrow(/column 'color' has the value "red"/);
    expect(() => new SimpleImputer({ strategy: 'max' as never }).fit([[1]])).toThrow(/Invalid strategy 'max'/);
  });
});

describe('ColumnTransformer', () => {
  const CT = ['a', 'b', 'c', 'color', 'size'];
  const frame = () =>
    new dfd.DataFrame(Object.fromEntries(CT.map((k) => [k, k === 'color' || k === 'size' ? T[k]! : nums(T[k]!)])));
  const make = () =>
    new ColumnTransformer({
      transformers: [
        [
          'num',
          new Pipeline([
            ['impute', new SimpleImputer()],
            ['scale', new StandardScaler()],
          ]),
          ['a', 'c'],
        ],
        ['cat', new OneHotEncoder({ handleUnknown: 'ignore' }), ['color', 'size']],
      ],
      remainder: 'passthrough',
    });

  it('matches scikit-learn: outputs side by side with name__feature names, remainder last', () => {
    const ct = make();
    const out = ct.fit(frame()).transform(frame());
    expect(out.columns).toEqual(ref.column_transformer.names);
    expectRows(out, ref.column_transformer.transform);
  });

  it('leaves the given transformers unfitted, drops the remainder by default, selects by position', () => {
    const scaler = new StandardScaler();
    const ct = new ColumnTransformer([['s', scaler, [0, 2]]]).fit(frame());
    expect(scaler.isFitted).toBe(false);
    expect(ct.getFeatureNamesOut()).toEqual(['s__a', 's__c']);
    expect(() => new ColumnTransformer([['s', scaler, ['nope']]]).fit(frame())).toThrow(
      /not a column of the dataframe: 'nope'/,
    );
  });

  it('round-trips through JSON and reports nested params', () => {
    const ct = make().fit(frame());
    const back = roundTrip(ct);
    expect(toRows(back.transform(frame()))).toEqual(toRows(ct.transform(frame())));
    const p = make().getParams();
    expect(p.cat__handle_unknown).toBe('ignore');
    expect(p.num__scale__with_mean).toBe(true);
    const ct2 = make().setParams({ cat__handleUnknown: 'error', num__scale__with_std: false });
    expect(ct2.getParams().cat__handle_unknown).toBe('error');
    expect(ct2.getParams().num__scale__with_std).toBe(false);
  });

  it('selectColumns splits numeric from categorical columns', () => {
    expect(selectColumns(frame(), 'numeric')).toEqual(['a', 'b', 'c']);
    expect(selectColumns(frame(), 'categorical')).toEqual(['color', 'size']);
  });
});

describe('serialization', () => {
  it('every transformer round-trips through JSON text with identical output', () => {
    const cases: [Estimator & { transform(X: unknown): Matrix | Table }, unknown][] = [
      [new StandardScaler().fit(numFrame()), numFrame()],
      [new MinMaxScaler({ featureRange: [-2, 2] }).fit(numFrame()), numFrame()],
      [new OneHotEncoder({ drop: 'if_binary' }).fit(catFrame()), catFrame()],
      [new SimpleImputer({ strategy: 'median' }).fit(numFrame()), numFrame()],
      [new SimpleImputer({ strategy: 'most_frequent' }).fit(catFrame()), catFrame()],
    ];
    for (const [est, X] of cases) {
      const back = roundTrip(est);
      expect(back.constructor).toBe(est.constructor);
      const a = est.transform(X);
      const b = back.transform(X);
      expect(b.columns).toEqual(a.columns);
      if (a instanceof Table) expect((b as Table).values).toEqual(a.values);
      else expect(Array.from((b as Matrix).data)).toEqual(Array.from(a.data));
    }
  });

  it('an unfitted transformer serializes with null state and stays unfitted', () => {
    const back = roundTrip(new OneHotEncoder({ handleUnknown: 'ignore' }));
    expect(back.isFitted).toBe(false);
    expect(back.params.handleUnknown).toBe('ignore');
    expect(() => back.transform([['a']])).toThrow(NotFittedError);
  });

  it('DataError is what bad input raises', () => {
    expect(() => new StandardScaler().fit([])).toThrow(DataError);
  });
});

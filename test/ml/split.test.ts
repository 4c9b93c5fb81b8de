import { describe, expect, it } from 'vitest';
import * as dfd from 'danfojs';
import ref from '../fixtures/sklearn_preprocessing.json';
import {
  KFold,
  StratifiedKFold,
  splitSizes,
  trainTestIndices,
  trainTestSplit,
} from '../../src/ml/model-selection/split';
import { toMatrix, toRows, type Matrix } from '../../src/data/frame';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const sorted = (a: number[]) => [...a].sort((x, y) => x - y);

describe('trainTestSplit', () => {
  it.each(ref.train_test_split.map((c) => [c.n, c.test_size, c.train_size, c] as const))(
    'n=%s test_size=%s train_size=%s: sizes and unshuffled indices equal scikit-learn',
    (n, testSize, trainSize, c) => {
      const opts = { testSize: testSize ?? undefined, trainSize: trainSize ?? undefined };
      expect(splitSizes(n, opts.testSize, opts.trainSize)).toEqual({ nTrain: c.train.length, nTest: c.test.length });
      const [train, test] = trainTestSplit(range(n), { ...opts, shuffle: false });
      expect(train).toEqual(c.train);
      expect(test).toEqual(c.test);
    },
  );

  it('shuffles deterministically per randomState, into disjoint parts covering every row', () => {
    const a = trainTestIndices(20, { randomState: 42 });
    const b = trainTestIndices(20, { randomState: 42 });
    const c = trainTestIndices(20, { randomState: 7 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.test).toHaveLength(5);
    expect(sorted([...a.train, ...a.test])).toEqual(range(20));
    expect(a.train).not.toEqual(range(15)); // actually shuffled
  });

  it('splits a DataFrame and a Series into DataFrames/Series with the same columns and matching rows', () => {
    const df = new dfd.DataFrame({ x: range(8), name: range(8).map((i) => `r${i}`) });
    const y = new dfd.Series(
      range(8).map((i) => i * 10),
      { columns: ['target'] },
    );
    const [XTrain, XTest, yTrain, yTest] = trainTestSplit(df, y, { testSize: 0.25, randomState: 1 });
    // danfojs's iloc builds its base classes, not the browser build's subclasses: check the kind by shape.
    expect(XTrain.constructor.name).toBe('DataFrame');
    expect(yTest.constructor.name).toBe('Series');
    expect(yTest.ndim).toBe(1);
    expect(yTest.columns).toEqual(['target']);
    expect(XTrain.columns).toEqual(['x', 'name']);
    expect(XTrain.shape).toEqual([6, 2]);
    expect(XTest.shape).toEqual([2, 2]);
    const xs = (XTest.values as unknown[][]).map((r) => r[0] as number);
    expect(yTest.values).toEqual(xs.map((i) => i * 10));
    expect((XTest.values as unknown[][]).map((r) => r[1])).toEqual(xs.map((i) => `r${i}`));
    expect(yTrain.values).toHaveLength(6);
  });

  it('keeps the container kind for Matrix, typed arrays and arrays', () => {
    const X = toMatrix(range(10).map((i) => [i, -i]));
    const y = Float64Array.from(range(10), (i) => i * 2);
    const [XTrain, XTest, yTrain, yTest] = trainTestSplit(X, y, { testSize: 3, randomState: 3 });
    expect((XTest as Matrix).rows).toBe(3);
    expect(yTest).toBeInstanceOf(Float64Array);
    expect(toRows(XTrain).map((r) => r[0]! * 2)).toEqual(Array.from(yTrain));
  });

  it('stratify keeps class proportions in both parts', () => {
    const y = [...Array(60).fill('a'), ...Array(40).fill('b')];
    const [, , yTrain, yTest] = trainTestSplit(range(100), y, { testSize: 0.2, randomState: 0, stratify: true });
    const count = (a: string[], v: string) => a.filter((x) => x === v).length;
    expect([count(yTest, 'a'), count(yTest, 'b')]).toEqual([12, 8]);
    expect([count(yTrain, 'a'), count(yTrain, 'b')]).toEqual([48, 32]);
    const again = trainTestSplit(range(100), y, { testSize: 0.2, randomState: 0, stratify: y });
    expect(again[1]).toEqual(trainTestSplit(range(100), y, { testSize: 0.2, randomState: 0, stratify: true })[1]);
  });

  it('refuses bad sizes, mismatched lengths and lonely classes with scikit-learn messages', () => {
    expect(() => trainTestSplit(range(10), { testSize: 1.5 })).toThrow(/test_size=1.5 should be either positive/);
    expect(() => trainTestSplit(range(10), { testSize: 0.6, trainSize: 0.6 })).toThrow(
      /The sum of train_size and test_size = 12/,
    );
    expect(() => trainTestSplit(range(10), range(9))).toThrow(
      'Found input variables with inconsistent numbers of samples: [10, 9]',
    );
    expect(() => trainTestSplit(range(4), [0, 0, 0, 1], { stratify: true })).toThrow(
      /least populated class in y has only 1 member/,
    );
    expect(() => trainTestSplit(range(4), [0, 0, 1, 1], { stratify: true, shuffle: false })).toThrow(
      /not implemented for shuffle=False/,
    );
  });
});

describe('KFold', () => {
  it.each(Object.entries(ref.kfold))('n_k=%s without shuffle equals scikit-learn exactly', (key, folds) => {
    const [n, k] = key.split('_').map(Number) as [number, number];
    expect([...new KFold({ nSplits: k }).split(range(n))]).toEqual(folds);
  });

  it('with shuffle: deterministic per seed, each row tested once, sizes as scikit-learn', () => {
    const a = [...new KFold({ nSplits: 3, shuffle: true, randomState: 5 }).split(range(10))];
    const b = [...new KFold({ nSplits: 3, shuffle: true, randomState: 5 }).split(range(10))];
    expect(a).toEqual(b);
    expect(a.map(([, te]) => te.length)).toEqual([4, 3, 3]);
    expect(sorted(a.flatMap(([, te]) => te))).toEqual(range(10));
    for (const [tr, te] of a) expect(sorted([...tr, ...te])).toEqual(range(10));
    expect(a.map(([, te]) => te)).not.toEqual(ref.kfold['10_3'].map(([, te]) => te));
  });

  it('refuses too many splits, fewer than 2, and a randomState without shuffle', () => {
    expect(() => [...new KFold({ nSplits: 5 }).split(range(3))]).toThrow(
      'Cannot have number of splits n_splits=5 greater than the number of samples: n_samples=3.',
    );
    expect(() => new KFold({ nSplits: 1 })).toThrow(/n_splits=2 or more, got n_splits=1/);
    expect(() => new KFold({ randomState: 1 })).toThrow(/no effect since shuffle is False/);
  });
});

describe('StratifiedKFold', () => {
  it('without shuffle equals scikit-learn exactly', () => {
    const { y, folds } = ref.stratified_kfold;
    expect([...new StratifiedKFold({ nSplits: 3 }).split(y, y)]).toEqual(folds);
  });

  it('with shuffle keeps per-class counts per fold and is deterministic', () => {
    const y = ref.stratified_kfold.y;
    const cv = () => [...new StratifiedKFold({ nSplits: 3, shuffle: true, randomState: 2 }).split(y, y)];
    const a = cv();
    expect(a).toEqual(cv());
    const perClass = (idx: number[]) => [0, 1, 2].map((c) => idx.filter((i) => y[i] === c).length);
    const unshuffled = ref.stratified_kfold.folds.map(([, te]) => perClass(te));
    expect(a.map(([, te]) => perClass(te))).toEqual(unshuffled);
    expect(sorted(a.flatMap(([, te]) => te))).toEqual(range(y.length));
  });

  it('needs y and enough members per class', () => {
    expect(() => [...new StratifiedKFold().split(range(4))]).toThrow(/needs y/);
    expect(() => [...new StratifiedKFold({ nSplits: 3 }).split(range(4), [0, 0, 1, 1])]).toThrow(
      /cannot be greater than the number of members in each class/,
    );
  });
});

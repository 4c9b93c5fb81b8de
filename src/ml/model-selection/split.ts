// Splitting data, scikit-learn's way: `trainTestSplit` (sizes, shuffling and stratification computed as
// scikit-learn computes them) and the K-fold splitters cross-validation iterates over.
//
// With `shuffle`, the permutation comes from our seeded generator (src/lib/random.ts), so a given
// `randomState` always gives the same split here, in Node and every browser — but not the split numpy
// would give for the same seed. Without shuffling, indices equal scikit-learn's exactly.
import { KirokuError, DataError } from '../../lib/errors';
import { permutation, rngFrom, type Rng } from '../../lib/random';
import { isMatrix, takeRows, vectorValues, type VectorInput } from '../../data/frame';
import { danfoTakeRows, isDanfoFrame, isDanfoSeries } from '../../data/danfo';
import { Table } from '../../data/table';
import { encodeLabels, toLabels, uniqueLabels } from '../core/labels';

/** Anything with rows: a Table, a danfojs DataFrame or Series, a Matrix, an array or typed array. */
export type Splittable = { readonly shape: readonly number[] } | { readonly rows: number } | ArrayLike<unknown>;

export type TrainTestSplitOptions = {
  /** Fraction (0–1) or count of test rows; 0.25 when neither size is given. */
  testSize?: number;
  /** Fraction (0–1) or count of train rows; the rest of `testSize` when not given. */
  trainSize?: number;
  /** Seed for the shuffle; the same seed gives the same split. */
  randomState?: number;
  shuffle?: boolean;
  /** Labels to keep class proportions equal in both parts (as scikit-learn's `stratify=y`); `true` means y. */
  stratify?: VectorInput | true;
};

export function numSamples(X: Splittable): number {
  if (isMatrix(X) || X instanceof Table) return X.rows;
  if (isDanfoFrame(X) || isDanfoSeries(X)) return (X as { shape: number[] }).shape[0]!;
  if (typeof (X as ArrayLike<unknown>).length === 'number') return (X as ArrayLike<unknown>).length;
  throw new DataError('Expected a DataFrame, Series, Matrix or array to split.');
}

/** Rows `idx` of X, in the same kind of container (DataFrames keep their columns, dtypes and index). */
export function takeSamples<T>(X: T, idx: ArrayLike<number>): T {
  if (isMatrix(X)) return takeRows(X, idx) as T;
  if (X instanceof Table) return X.take(idx) as T;
  if (isDanfoFrame(X) || isDanfoSeries(X)) return danfoTakeRows(X, idx);
  if (ArrayBuffer.isView(X)) {
    const src = X as unknown as Float64Array;
    const out = new (src.constructor as Float64ArrayConstructor)(idx.length);
    for (let k = 0; k < idx.length; k++) out[k] = src[idx[k]!]!;
    return out as T;
  }
  if (Array.isArray(X)) return Array.from(idx, (i) => X[i]) as T;
  throw new DataError('Expected a DataFrame, Series, Matrix or array to split.');
}

/** scikit-learn's `_validate_shuffle_split`: fractions for test round up, for train round down. */
export function splitSizes(n: number, testSize?: number, trainSize?: number): { nTrain: number; nTest: number } {
  const check = (v: number | undefined, name: string) => {
    if (v === undefined) return;
    const ok = Number.isInteger(v) && v >= 1 ? v < n : v > 0 && v < 1;
    if (!ok)
      throw new KirokuError(
        `${name}=${v} should be either positive and smaller than the number of samples ${n} or a float in the (0, ` +
          `1) range.`,
        'INVALID_PARAMETER_VALUE',
      );
  };
  if (testSize === undefined && trainSize === undefined) testSize = 0.25;
  check(testSize, 'test_size');
  check(trainSize, 'train_size');
  let nTest = testSize === undefined ? undefined : testSize < 1 ? Math.ceil(testSize * n) : testSize;
  let nTrain = trainSize === undefined ? undefined : trainSize < 1 ? Math.floor(trainSize * n) : trainSize;
  if (nTrain === undefined) nTrain = n - nTest!;
  if (nTest === undefined) nTest = n - nTrain;
  if (nTrain + nTest > n)
    throw new KirokuError(
      `The sum of train_size and test_size = ${nTrain + nTest}, should be smaller than the number of samples ${n}. ` +
        `Reduce test_size and/or train_size.`,
      'INVALID_PARAMETER_VALUE',
    );
  if (nTrain === 0)
    throw new KirokuError(
      `With n_samples=${n}, test_size=${testSize} and train_size=${trainSize}, the resulting train set will be ` +
        `empty. Adjust any of the aforementioned parameters.`,
      'INVALID_PARAMETER_VALUE',
    );
  return { nTrain, nTest };
}

/** Class of each sample as 0..k-1 (classes in np.unique order), and the count per class. */
function classCodes(y: VectorInput): { codes: Int32Array; counts: number[] } {
  const labels = toLabels(y, 'stratify');
  const classes = uniqueLabels(labels);
  const codes = encodeLabels(labels, classes);
  const counts = classes.map(() => 0);
  for (const c of codes) counts[c]!++;
  return { codes, counts };
}

/** k distinct items of `arr`, drawn with `rng` (numpy's `rng.choice(arr, k, replace=False)`). */
function choose(arr: number[], k: number, rng: Rng): number[] {
  const p = permutation(arr.length, rng);
  return Array.from(p.subarray(0, k), (i) => arr[i]!);
}

/** scikit-learn's `_approximate_mode`: split `nDraws` across classes in proportion, ties broken at random. */
function approximateMode(counts: number[], nDraws: number, rng: Rng): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const continuous = counts.map((c) => (c / total) * nDraws);
  const floored = continuous.map(Math.floor);
  let need = nDraws - floored.reduce((a, b) => a + b, 0);
  const remainder = continuous.map((c, i) => c - floored[i]!);
  const values = [...new Set(remainder)].sort((a, b) => b - a);
  for (const value of values) {
    if (need <= 0) break;
    const inds = remainder.flatMap((r, i) => (r === value ? [i] : []));
    const now = Math.min(inds.length, need);
    for (const i of choose(inds, now, rng)) floored[i]!++;
    need -= now;
  }
  return floored;
}

/** Train and test indices, as scikit-learn's ShuffleSplit / StratifiedShuffleSplit would draw them. */
export function trainTestIndices(
  n: number,
  opts: Omit<TrainTestSplitOptions, 'stratify'> & { stratify?: VectorInput },
): { train: number[]; test: number[] } {
  const { nTrain, nTest } = splitSizes(n, opts.testSize, opts.trainSize);
  const shuffle = opts.shuffle ?? true;
  if (!shuffle) {
    if (opts.stratify)
      throw new KirokuError(
        'Stratified train/test split is not implemented for shuffle=False',
        'INVALID_PARAMETER_VALUE',
      );
    return { train: range(0, nTrain), test: range(nTrain, nTrain + nTest) };
  }
  const rng = rngFrom(opts.randomState);
  if (!opts.stratify) {
    const perm = Array.from(permutation(n, rng));
    return { test: perm.slice(0, nTest), train: perm.slice(nTest, nTest + nTrain) };
  }
  const { codes, counts } = classCodes(opts.stratify);
  if (codes.length !== n) throw new DataError(`stratify has ${codes.length} labels for ${n} samples.`);
  if (Math.min(...counts) < 2) {
    throw new DataError(
      'The least populated class in y has only 1 member, which is too few. The minimum number of groups for any ' +
        'class cannot be less than 2.',
    );
  }
  if (nTrain < counts.length)
    throw new DataError(
      `The train_size = ${nTrain} should be greater or equal to the number of classes = ${counts.length}`,
    );
  if (nTest < counts.length)
    throw new DataError(
      `The test_size = ${nTest} should be greater or equal to the number of classes = ${counts.length}`,
    );
  const byClass: number[][] = counts.map(() => []);
  codes.forEach((c, i) => byClass[c]!.push(i));
  const nI = approximateMode(counts, nTrain, rng);
  const tI = approximateMode(
    counts.map((c, k) => c - nI[k]!),
    nTest,
    rng,
  );
  const train: number[] = [];
  const test: number[] = [];
  byClass.forEach((members, k) => {
    const perm = permutation(members.length, rng);
    const shuffled = Array.from(perm, (p) => members[p]!);
    train.push(...shuffled.slice(0, nI[k]));
    test.push(...shuffled.slice(nI[k], nI[k]! + tI[k]!));
  });
  const shuffleList = (a: number[]) => Array.from(permutation(a.length, rng), (p) => a[p]!);
  return { train: shuffleList(train), test: shuffleList(test) };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

function isOptions(x: unknown): x is TrainTestSplitOptions {
  return (
    typeof x === 'object' &&
    x !== null &&
    !Array.isArray(x) &&
    !ArrayBuffer.isView(x) &&
    !isDanfoFrame(x) &&
    !isDanfoSeries(x) &&
    !isMatrix(x) &&
    !(x instanceof Table)
  );
}

/**
 * scikit-learn's `train_test_split`: `[XTrain, XTest, yTrain, yTest]`, or `[XTrain, XTest]` without y.
 * Each part is the same kind of container as its input (a DataFrame keeps its columns and index).
 *
 *   const [XTrain, XTest, yTrain, yTest] = trainTestSplit(X, y, { testSize: 0.2, randomState: 42 });
 */
export function trainTestSplit<X extends Splittable>(X: X, options?: TrainTestSplitOptions): [X, X];
export function trainTestSplit<X extends Splittable, Y extends Splittable>(
  X: X,
  y: Y,
  options?: TrainTestSplitOptions,
): [X, X, Y, Y];
export function trainTestSplit(
  X: Splittable,
  yOrOptions?: Splittable | TrainTestSplitOptions,
  options: TrainTestSplitOptions = {},
): Splittable[] {
  const y = isOptions(yOrOptions) ? undefined : yOrOptions;
  const opts = isOptions(yOrOptions) ? yOrOptions : options;
  const n = numSamples(X);
  if (y !== undefined && numSamples(y) !== n) {
    throw new DataError(`Found input variables with inconsistent numbers of samples: [${n}, ${numSamples(y)}]`);
  }
  if (opts.stratify === true && y === undefined)
    throw new KirokuError('stratify: true needs y.', 'INVALID_PARAMETER_VALUE');
  const stratify = opts.stratify === true ? (y as VectorInput) : opts.stratify;
  const { train, test } = trainTestIndices(n, { ...opts, stratify });
  const parts = [takeSamples(X, train), takeSamples(X, test)];
  if (y !== undefined) parts.push(takeSamples(y, train), takeSamples(y, test));
  return parts;
}

/** What a cross-validation splitter yields: train and test row indices, both ascending (as scikit-learn). */
export type Fold = [train: number[], test: number[]];

export interface CrossValidator {
  split(X: Splittable, y?: VectorInput): Generator<Fold>;
  getNSplits(): number;
}

export type KFoldParams = { nSplits?: number; shuffle?: boolean; randomState?: number };

function checkKFoldParams(nSplits: number, shuffle: boolean, randomState: number | undefined): void {
  if (!Number.isInteger(nSplits) || nSplits < 2) {
    throw new KirokuError(
      `k-fold cross-validation requires at least one train/test split by setting n_splits=2 or more, got ` +
        `n_splits=${nSplits}.`,
      'INVALID_PARAMETER_VALUE',
    );
  }
  if (!shuffle && randomState !== undefined) {
    throw new KirokuError(
      'Setting a random_state has no effect since shuffle is False. You should leave random_state to its default ' +
        '(None), or set shuffle=True.',
      'INVALID_PARAMETER_VALUE',
    );
  }
}

/** Rows whose fold is `k` as test, the rest as train, both ascending. */
function* foldsFrom(testFold: Int32Array, nSplits: number): Generator<Fold> {
  for (let k = 0; k < nSplits; k++) {
    const train: number[] = [];
    const test: number[] = [];
    testFold.forEach((f, i) => (f === k ? test : train).push(i));
    yield [train, test];
  }
}

/**
 * scikit-learn's KFold: consecutive folds (of the shuffled rows with `shuffle`); the first `n % nSplits`
 * folds have one row more. Without shuffle the folds equal scikit-learn's exactly.
 */
export class KFold implements CrossValidator {
  readonly nSplits: number;
  readonly shuffle: boolean;
  readonly randomState: number | undefined;

  constructor({ nSplits = 5, shuffle = false, randomState }: KFoldParams = {}) {
    checkKFoldParams(nSplits, shuffle, randomState);
    this.nSplits = nSplits;
    this.shuffle = shuffle;
    this.randomState = randomState;
  }

  getNSplits(): number {
    return this.nSplits;
  }

  *split(X: Splittable): Generator<Fold> {
    const n = numSamples(X);
    if (this.nSplits > n) {
      throw new DataError(
        `Cannot have number of splits n_splits=${this.nSplits} greater than the number of samples: n_samples=${n}.`,
      );
    }
    const order = this.shuffle ? permutation(n, rngFrom(this.randomState)) : Uint32Array.from(range(0, n));
    const testFold = new Int32Array(n);
    let at = 0;
    for (let k = 0; k < this.nSplits; k++) {
      const size = Math.floor(n / this.nSplits) + (k < n % this.nSplits ? 1 : 0);
      for (let i = at; i < at + size; i++) testFold[order[i]!] = k;
      at += size;
    }
    yield* foldsFrom(testFold, this.nSplits);
  }
}

/**
 * scikit-learn's StratifiedKFold (the 1.x algorithm): each class's rows are dealt to the folds in turn,
 * so every fold keeps the class proportions. Without shuffle the folds equal scikit-learn's exactly.
 */
export class StratifiedKFold implements CrossValidator {
  readonly nSplits: number;
  readonly shuffle: boolean;
  readonly randomState: number | undefined;

  constructor({ nSplits = 5, shuffle = false, randomState }: KFoldParams = {}) {
    checkKFoldParams(nSplits, shuffle, randomState);
    this.nSplits = nSplits;
    this.shuffle = shuffle;
    this.randomState = randomState;
  }

  getNSplits(): number {
    return this.nSplits;
  }

  *split(X: Splittable, y?: VectorInput): Generator<Fold> {
    if (y === undefined) throw new KirokuError('StratifiedKFold needs y to split by class.', 'INVALID_PARAMETER_VALUE');
    const n = numSamples(X);
    const labels = Array.from(vectorValues(y).values);
    if (labels.length !== n)
      throw new DataError(`Found input variables with inconsistent numbers of samples: [${n}, ${labels.length}]`);
    // Classes numbered in order of first appearance, as scikit-learn does before dealing.
    const firstSeen = new Map<unknown, number>();
    for (const v of labels) if (!firstSeen.has(v)) firstSeen.set(v, firstSeen.size);
    const codes = labels.map((v) => firstSeen.get(v)!);
    const nClasses = firstSeen.size;
    const counts = new Array<number>(nClasses).fill(0);
    for (const c of codes) counts[c]!++;
    if (counts.every((c) => this.nSplits > c)) {
      throw new DataError(`n_splits=${this.nSplits} cannot be greater than the number of members in each class.`);
    }
    // Deal the sorted class codes round-robin: fold i gets elements i, i + k, i + 2k, …
    const yOrder = [...codes].sort((a, b) => a - b);
    const allocation = Array.from({ length: this.nSplits }, (_, i) => {
      const row = new Array<number>(nClasses).fill(0);
      for (let t = i; t < n; t += this.nSplits) row[yOrder[t]!]!++;
      return row;
    });
    const rng = this.shuffle ? rngFrom(this.randomState) : null;
    const testFold = new Int32Array(n);
    for (let k = 0; k < nClasses; k++) {
      let folds = allocation.flatMap((row, i) => new Array<number>(row[k]!).fill(i));
      if (rng) folds = Array.from(permutation(folds.length, rng), (p) => folds[p]!);
      let t = 0;
      codes.forEach((c, i) => {
        if (c === k) testFold[i] = folds[t++]!;
      });
    }
    yield* foldsFrom(testFold, this.nSplits);
  }
}

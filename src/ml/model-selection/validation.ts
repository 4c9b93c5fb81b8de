// Cross-validation, scikit-learn's `cross_validate` / `cross_val_score`: clone the estimator per fold
// (the caller's estimator is never fitted), fit on the train rows, score on the test rows.
//
// Always async, because some estimators fit asynchronously (MLP on TensorFlow.js):
//   const scores = await crossValScore(new ElasticNet(), X, y, { cv: 5, scoring: 'r2' });
import { KirokuError } from '../../lib/errors';
import type { VectorInput } from '../../data/frame';
import { danfoSeriesValues, isDanfoFrame, isDanfoSeries, tableFromDanfo } from '../../data/danfo';
import type { Table } from '../../data/table';
import { clone, setParamsLoose, type AnyEstimator } from './clone';
import { getScorer, type Scorer, type Scoring } from './scoring';
import { KFold, StratifiedKFold, takeSamples, type CrossValidator, type Fold, type Splittable } from './split';
import { warn } from '../core/warnings';

/** A fold count (KFold, or StratifiedKFold for classifiers, as scikit-learn), a splitter, or the folds themselves. */
export type CvInput = number | CrossValidator | Iterable<Fold>;

export type CrossValidateOptions = {
  cv?: CvInput;
  scoring?: Scoring;
  /** Also score each fold's training rows (`trainScore`). */
  returnTrainScore?: boolean;
  /** Keep each fold's fitted estimator (`estimators`). */
  returnEstimator?: boolean;
  /** What a failed fit scores: a number (default NaN, with a warning) or 'raise' to rethrow. */
  errorScore?: number | 'raise';
};

export type CrossValidateResult = {
  testScore: number[];
  trainScore?: number[];
  /** Seconds per fold. */
  fitTime: number[];
  scoreTime: number[];
  estimators?: AnyEstimator[];
};

/** The folds of `cv` for these rows, as arrays. */
export function checkCv(cv: CvInput, estimator: AnyEstimator, X: Splittable, y?: unknown): Fold[] {
  if (typeof cv === 'number') {
    const classifier = estimator.kind === 'classifier' && y !== undefined;
    const splitter = classifier ? new StratifiedKFold({ nSplits: cv }) : new KFold({ nSplits: cv });
    return [...splitter.split(X, y as VectorInput)];
  }
  if ('split' in cv && typeof cv.split === 'function') return [...cv.split(X, y as VectorInput)];
  return [...(cv as Iterable<Fold>)];
}

/**
 * X and y in a form whose rows are cheap to take many times: a danfojs DataFrame becomes a Table
 * (names kept, types from its values), a Series its values. Other inputs are kept.
 */
export function indexable<T>(X: T): T | Table | unknown[] {
  if (isDanfoFrame(X)) return tableFromDanfo(X);
  if (isDanfoSeries(X)) return danfoSeriesValues(X).values;
  return X;
}

export type FoldResult = {
  testScore: number;
  trainScore?: number;
  fitTime: number;
  scoreTime: number;
  estimator: AnyEstimator;
};

/** Free what a fold's estimator holds outside the JS heap (an MLP's tensors), once it is no longer needed. */
function release(est: AnyEstimator): void {
  const d = (est as unknown as { dispose?: () => void }).dispose;
  if (typeof d === 'function') d.call(est);
}

/** Clone, fit on `train`, score on `test` (and on `train` when asked). */
export async function fitAndScore(
  estimator: AnyEstimator,
  X: unknown,
  y: unknown,
  [train, test]: Fold,
  scorer: Scorer,
  options: {
    returnTrainScore?: boolean;
    errorScore?: number | 'raise';
    params?: Record<string, unknown>;
    returnEstimator?: boolean;
  } = {},
): Promise<FoldResult> {
  const est = clone(estimator);
  if (options.params) setParamsLoose(est, options.params);
  const Xtr = takeSamples(X as Splittable, train);
  const ytr = y === undefined ? undefined : takeSamples(y as Splittable, train);
  const t0 = performance.now();
  try {
    await est.fit(Xtr, ytr);
  } catch (err) {
    const errorScore = options.errorScore ?? NaN;
    if (errorScore === 'raise') throw err;
    warn(
      'UserWarning',
      `Estimator fit failed. The score on this train-test partition for these parameters will be set ` +
        `to ${errorScore}. Details: ${(err as Error).message}`,
    );
    release(est);
    const failed = { testScore: errorScore, fitTime: (performance.now() - t0) / 1000, scoreTime: 0, estimator: est };
    return options.returnTrainScore ? { ...failed, trainScore: errorScore } : failed;
  }
  const fitTime = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const testScore = scorer(
    est,
    takeSamples(X as Splittable, test),
    y === undefined ? undefined : takeSamples(y as Splittable, test),
  );
  const scoreTime = (performance.now() - t1) / 1000;
  const out: FoldResult = { testScore, fitTime, scoreTime, estimator: est };
  if (options.returnTrainScore) out.trainScore = scorer(est, Xtr, ytr);
  if (!options.returnEstimator) release(est);
  return out;
}

/** scikit-learn's `cross_validate`: per-fold test scores and timings (seconds). */
export async function crossValidate(
  estimator: AnyEstimator,
  X: unknown,
  y?: unknown,
  options: CrossValidateOptions = {},
): Promise<CrossValidateResult> {
  const Xi = indexable(X);
  const yi = indexable(y);
  const folds = checkCv(options.cv ?? 5, estimator, Xi as Splittable, yi);
  if (folds.length === 0) throw new KirokuError('cv produced no folds.', 'INVALID_PARAMETER_VALUE');
  const scorer = getScorer(options.scoring);
  const results: FoldResult[] = [];
  for (const fold of folds) results.push(await fitAndScore(estimator, Xi, yi, fold, scorer, options));
  const out: CrossValidateResult = {
    testScore: results.map((r) => r.testScore),
    fitTime: results.map((r) => r.fitTime),
    scoreTime: results.map((r) => r.scoreTime),
  };
  if (options.returnTrainScore) out.trainScore = results.map((r) => r.trainScore!);
  if (options.returnEstimator) out.estimators = results.map((r) => r.estimator);
  return out;
}

/** scikit-learn's `cross_val_score`: one test score per fold. */
export async function crossValScore(
  estimator: AnyEstimator,
  X: unknown,
  y?: unknown,
  options: Pick<CrossValidateOptions, 'cv' | 'scoring' | 'errorScore'> = {},
): Promise<number[]> {
  return (await crossValidate(estimator, X, y, options)).testScore;
}

// scikit-learn's scoring names (`scoring='neg_mean_squared_error'`): greater is always better, so
// losses are negated, and cross-validation and grid search can maximize any of them.
import { KirokuError } from '../../lib/errors';
import {
  accuracyScore,
  f1Score,
  logLoss,
  meanAbsoluteError,
  meanSquaredError,
  precisionScore,
  r2Score,
  recallScore,
  rocAucScore,
  rootMeanSquaredError,
} from '../metrics';
import type { Label } from '../core/labels';
import type { AnyEstimator } from './clone';

/** `(fitted estimator, X, y) → score`, greater is better (scikit-learn's scorer callable). */
export type Scorer = (estimator: AnyEstimator, X: unknown, y: unknown) => number;
export type Scoring = string | Scorer | undefined;

type Predicting = {
  predict(X: unknown): unknown;
  predictProba?(X: unknown): number[][];
  classes_?: Label[];
  score?(X: unknown, y: unknown): number;
};

function predictor(est: AnyEstimator, method: 'predict' | 'predictProba' | 'score'): Predicting {
  const p = est as unknown as Predicting;
  if (typeof p[method] !== 'function') {
    throw new KirokuError(
      `${est.estimatorName} has no ${method}, which this scoring needs.`,
      'INVALID_PARAMETER_VALUE',
    );
  }
  return p;
}

type Y = Parameters<typeof r2Score>[0];

const onPredict =
  (metric: (y: Y, p: Y) => number, sign = 1): Scorer =>
  (est, X, y) =>
    sign * metric(y as Y, predictor(est, 'predict').predict(X) as Y);

const onProba =
  (metric: (y: Y, proba: number[][], classes: Label[] | undefined) => number, sign = 1): Scorer =>
  (est, X, y) => {
    const p = predictor(est, 'predictProba');
    return sign * metric(y as Y, p.predictProba!(X), p.classes_);
  };

const prf = (fn: typeof f1Score, average: 'binary' | 'micro' | 'macro' | 'weighted') =>
  onPredict((y, p) => fn(y, p, { average }) as number);

const SCORERS: Record<string, Scorer> = {
  r2: onPredict((y, p) => r2Score(y, p)),
  neg_mean_squared_error: onPredict((y, p) => meanSquaredError(y, p), -1),
  neg_root_mean_squared_error: onPredict((y, p) => rootMeanSquaredError(y, p), -1),
  neg_mean_absolute_error: onPredict((y, p) => meanAbsoluteError(y, p), -1),
  accuracy: onPredict((y, p) => accuracyScore(y, p)),
  neg_log_loss: onProba((y, proba, classes) => logLoss(y, proba, { labels: classes }), -1),
  roc_auc: onProba((y, proba) => rocAucScore(y, proba)),
  roc_auc_ovr: onProba((y, proba, classes) => rocAucScore(y, proba, { multiClass: 'ovr', labels: classes })),
  roc_auc_ovo: onProba((y, proba, classes) => rocAucScore(y, proba, { multiClass: 'ovo', labels: classes })),
};
for (const [name, fn] of [
  ['f1', f1Score],
  ['precision', precisionScore],
  ['recall', recallScore],
] as const) {
  SCORERS[name] = prf(fn, 'binary');
  for (const avg of ['micro', 'macro', 'weighted'] as const) SCORERS[`${name}_${avg}`] = prf(fn, avg);
}

/** The estimator's own `score` (R² for regressors, accuracy for classifiers), as scikit-learn's default. */
const ownScore: Scorer = (est, X, y) => predictor(est, 'score').score!(X, y);

/** Names accepted by `scoring`. */
export function scorerNames(): string[] {
  return Object.keys(SCORERS).sort();
}

/** A scoring name, a scorer function, or undefined for the estimator's own `score`. */
export function getScorer(scoring: Scoring): Scorer {
  if (scoring === undefined) return ownScore;
  if (typeof scoring === 'function') return scoring;
  const s = SCORERS[scoring];
  if (!s) {
    throw new KirokuError(
      `'${scoring}' is not a valid scoring value. Valid options are: ${scorerNames().join(', ')}.`,
      'INVALID_PARAMETER_VALUE',
    );
  }
  return s;
}

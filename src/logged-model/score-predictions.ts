// Predictions scored against the true values of a target column, with the metrics MLflow's
// `mlflow.evaluate` reports under these names, computed by Kiroku's metric functions (ml/metrics).
// Rows where the target or the prediction is missing are left out, and counted.
import { accuracyScore, meanAbsoluteError, r2Score, rootMeanSquaredError } from '../ml/metrics';
import { isNumericDtype, type ColumnData, type Dtype } from '../data/table';

export interface PredictionScores {
  /** Regression when target and predictions are numbers; otherwise classification (labels compared). */
  kind: 'regression' | 'classification';
  /** Rows compared (both values present): MLflow's `example_count`. */
  rows: number;
  /** MLflow's metric names: mean_absolute_error, root_mean_squared_error, r2_score; accuracy_score. */
  metrics: Record<string, number>;
}

export interface ScoredColumn {
  dtype: Dtype;
  data: ColumnData;
}

const missing = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && v !== v);

export function scorePredictions(target: ScoredColumn, predicted: ScoredColumn): PredictionScores {
  const keep: number[] = [];
  for (let i = 0; i < target.data.length; i++)
    if (!missing(target.data[i]) && !missing(predicted.data[i])) keep.push(i);
  const pick = (c: ColumnData) => keep.map((i) => c[i]);
  const t = pick(target.data);
  const p = pick(predicted.data);
  if (keep.length === 0)
    return { kind: isNumericDtype(target.dtype) ? 'regression' : 'classification', rows: 0, metrics: {} };
  if (isNumericDtype(target.dtype) && isNumericDtype(predicted.dtype)) {
    const metrics: Record<string, number> = {
      mean_absolute_error: meanAbsoluteError(t, p),
      root_mean_squared_error: rootMeanSquaredError(t, p),
      r2_score: r2Score(t, p),
    };
    // Whole-number labels predicted as whole numbers (a classifier of numeric classes): accuracy says more.
    if (target.dtype === 'int64' && predicted.dtype === 'int64') metrics.accuracy_score = accuracyScore(t, p);
    return { kind: 'regression', rows: keep.length, metrics };
  }
  // Labels of different kinds (text and numbers) are compared as text, as a CSV holds them.
  const same = target.dtype === predicted.dtype;
  return {
    kind: 'classification',
    rows: keep.length,
    metrics: { accuracy_score: accuracyScore(same ? t : t.map(String), same ? p : p.map(String)) },
  };
}

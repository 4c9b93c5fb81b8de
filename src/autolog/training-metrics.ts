// The training metrics MLflow's sklearn autolog logs, computed right after fit (synchronously, before
// the caller can change the model): regressors get MSE, MAE, R², RMSE and score; classifiers accuracy,
// weighted precision, recall and F1, log loss and ROC AUC (when they give probabilities) and score.
import type { MatrixInput, VectorInput } from '../data/frame';
import { meanAbsoluteError, meanSquaredError, r2Score, rootMeanSquaredError, accuracyScore } from '../ml/metrics';
import { f1Score, precisionScore, recallScore } from '../ml/metrics/precision-recall';
import { logLoss, rocAucScore } from '../ml/metrics/probability';

type Scorer = {
  predict(X: unknown): unknown;
  score?(X: unknown, y: unknown): number;
  predictProba?(X: unknown): number[][];
  classes_?: unknown[];
};

function attempt(out: Record<string, number>, key: string, fn: () => number): void {
  try {
    const v = fn();
    if (typeof v === 'number' && !Number.isNaN(v)) out[key] = v;
  } catch {
    // A metric that does not apply (e.g. ROC AUC with one class present) is left out, as in MLflow.
  }
}

export function trainingMetrics(
  model: Scorer,
  kind: string,
  X: MatrixInput,
  y: VectorInput | undefined,
): Record<string, number> {
  const out: Record<string, number> = {};
  if (y === undefined || (kind !== 'regressor' && kind !== 'classifier')) return out;
  const pred = model.predict(X) as VectorInput;
  if (kind === 'regressor') {
    attempt(out, 'training_mean_squared_error', () => meanSquaredError(y, pred));
    attempt(out, 'training_mean_absolute_error', () => meanAbsoluteError(y, pred));
    attempt(out, 'training_r2_score', () => r2Score(y, pred));
    attempt(out, 'training_root_mean_squared_error', () => rootMeanSquaredError(y, pred));
  } else {
    attempt(out, 'training_accuracy_score', () => accuracyScore(y, pred));
    attempt(out, 'training_precision_score', () => precisionScore(y, pred, { average: 'weighted' }) as number);
    attempt(out, 'training_recall_score', () => recallScore(y, pred, { average: 'weighted' }) as number);
    attempt(out, 'training_f1_score', () => f1Score(y, pred, { average: 'weighted' }) as number);
    if (typeof model.predictProba === 'function') {
      const proba = model.predictProba(X);
      const labels = model.classes_ as never;
      attempt(out, 'training_log_loss', () => logLoss(y, proba, { labels } as never));
      attempt(out, 'training_roc_auc', () =>
        proba[0]!.length === 2
          ? rocAucScore(
              y,
              proba.map((r) => r[1]!),
            )
          : rocAucScore(y, proba, { multiClass: 'ovo', average: 'weighted', labels }),
      );
    }
  }
  if (typeof model.score === 'function') attempt(out, 'training_score', () => model.score!(X, y));
  return out;
}

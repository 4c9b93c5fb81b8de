// What an MLP's training says after each epoch: the logs (loss, validation score, learning rate) given
// to a fit's own `onEpochEnd` and to every listener added with addEpochListener (autolog streams them
// into a run as they come).
import type * as tf from '@tensorflow/tfjs';

/** What the per-epoch hooks receive; `val_*` only with `earlyStopping` (the held-out fraction). */
export type EpochLogs = {
  /** Training loss of the epoch, as scikit-learn's `loss_curve_` (data loss + L2 penalty). */
  loss: number;
  /** Data loss (no penalty) on the validation fraction. */
  val_loss?: number;
  /** R² (regressor) or accuracy (classifier) on the validation fraction, as `validation_scores_`. */
  val_score?: number;
  learning_rate: number;
};

/** `epoch` is 0-based (the first epoch is 0), as Keras's `onEpochEnd`. */
export type EpochCallback = (epoch: number, logs: EpochLogs) => void | Promise<void>;
export type EpochEvent = {
  estimator: { estimatorName: string; model_: tf.LayersModel | null };
  epoch: number;
  logs: EpochLogs;
};
export type EpochListener = (event: EpochEvent) => void | Promise<void>;

const epochListeners = new Set<EpochListener>();

/** Hear every MLP's epochs (autolog); returns the unsubscribe function. Listeners are awaited in turn. */
export function addEpochListener(fn: EpochListener): () => void {
  epochListeners.add(fn);
  return () => epochListeners.delete(fn);
}

/** Tell every listener of an epoch's end, one after another (training waits for them). */
export async function epochEnded(event: EpochEvent): Promise<void> {
  for (const fn of epochListeners) await fn(event);
}

// Post-training metrics, MLflow's: predictions made by an autologged model are remembered (by
// identity, weakly), and when a metric function later scores them, the value is logged on that
// model's run as `<metric>_<dataset>` — `mean_squared_error_test`, then `mean_squared_error-2_test`
// for a second call — with `metric_info.json` describing each call.
import { onMetricComputed } from '../ml/metrics/events';

export interface PredictionOrigin {
  log: (key: string, value: number, description: string) => void;
  dataset: string;
}

const origins = new WeakMap<object, PredictionOrigin>();
const datasetNames = new WeakMap<object, string>();

/** Name the data predictions are made on (MLflow takes the variable name; we cannot): `nameDataset(XTest, 'test')`. */
export function nameDataset<T extends object>(X: T, name: string): T {
  datasetNames.set(X, name);
  return X;
}

export function datasetNameOf(X: unknown): string {
  return (typeof X === 'object' && X !== null && datasetNames.get(X)) || 'eval';
}

export function rememberPrediction(prediction: unknown, origin: PredictionOrigin): void {
  if (typeof prediction === 'object' && prediction !== null) origins.set(prediction, origin);
}

/** Per-run counters of (metric, dataset) calls, for MLflow's `-2`, `-3` suffixes. */
export class CallCounter {
  private counts = new Map<string, number>();
  key(metric: string, dataset: string): string {
    const n = (this.counts.get(`${metric}\u0000${dataset}`) ?? 0) + 1;
    this.counts.set(`${metric}\u0000${dataset}`, n);
    return n === 1 ? `${metric}_${dataset}` : `${metric}-${n}_${dataset}`;
  }
}

let listening: (() => void) | null = null;

export function listenForMetrics(enabled: boolean): void {
  if (enabled && !listening) {
    listening = onMetricComputed(({ name, value, yPred }) => {
      const origin = typeof yPred === 'object' && yPred !== null ? origins.get(yPred) : undefined;
      if (origin && typeof value === 'number')
        origin.log(name, value, `${name}(y_true, y_pred) on dataset '${origin.dataset}'`);
    });
  } else if (!enabled && listening) {
    listening();
    listening = null;
  }
}

// Public metric functions announce what they computed, so autolog can log a metric computed on an
// autologged model's predictions (MLflow's post-training metrics). Internal uses (score(), training
// metrics) call the plain functions and announce nothing.

export interface MetricEvent {
  /** scikit-learn's function name, e.g. "mean_squared_error". */
  name: string;
  value: unknown;
  yTrue: unknown;
  yPred: unknown;
}

type Listener = (event: MetricEvent) => void;
const listeners = new Set<Listener>();

export function onMetricComputed(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Wrap a metric `(yTrue, yPred, …)` so each call is announced under `name`. */
export function observed<F extends (yTrue: any, yPred: any, ...rest: any[]) => unknown>(name: string, fn: F): F {
  const wrapped = function (this: unknown, yTrue: unknown, yPred: unknown, ...rest: unknown[]) {
    const value = fn.call(this, yTrue, yPred, ...rest);
    if (listeners.size) for (const l of listeners) l({ name, value, yTrue, yPred });
    return value;
  } as F;
  Object.defineProperty(wrapped, 'name', { value: fn.name });
  return wrapped;
}

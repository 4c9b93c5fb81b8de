// autolog for TensorFlow.js models the user builds with `tf`: wraps `LayersModel.fit` (and
// Sequential's), logging fit params, the optimizer and learning rate, per-epoch metrics (step =
// epoch), early stopping's params and stopped epoch, model_summary.txt, and the model (tfjs flavor).
import * as tf from '@tensorflow/tfjs';
import { FitRecorder, type FitSnapshot } from './fit-recorder';
import { modelSummary } from './model-summary';
import { AUTOLOG_FLAVOR } from './options';
import { holdDepth, shouldLog, state } from './state';

const PATCHED = Symbol.for('kiroku.autolog.patched');
type FitFn = ((this: tf.LayersModel, x: unknown, y: unknown, args?: tf.ModelFitArgs) => Promise<tf.History>) & {
  [PATCHED]?: true;
};

function withCallback(
  callbacks: tf.ModelFitArgs['callbacks'],
  ours: tf.CustomCallback,
): tf.CustomCallback[] | tf.Callback[] {
  if (callbacks == null) return [ours];
  const list = Array.isArray(callbacks) ? callbacks : [callbacks];
  return [
    ...list.map((c) =>
      c instanceof tf.Callback || c instanceof tf.CustomCallback
        ? c
        : new tf.CustomCallback(c as tf.CustomCallbackArgs),
    ),
    ours,
  ] as tf.Callback[];
}

function earlyStopping(callbacks: tf.ModelFitArgs['callbacks']): tf.EarlyStopping | undefined {
  const list = callbacks == null ? [] : Array.isArray(callbacks) ? callbacks : [callbacks];
  return list.find((c): c is tf.EarlyStopping => c instanceof tf.EarlyStopping);
}

function optimizerInfo(model: tf.LayersModel): Record<string, string> {
  const opt = model.optimizer as (tf.Optimizer & { learningRate?: number }) | undefined;
  if (!opt) return {};
  const out: Record<string, string> = { optimizer_name: opt.getClassName() };
  if (typeof opt.learningRate === 'number') out.learning_rate = String(opt.learningRate);
  return out;
}

function wrap(original: FitFn): FitFn {
  const fit = function (this: tf.LayersModel, x: unknown, y: unknown, args: tf.ModelFitArgs = {}) {
    if (!shouldLog()) return original.call(this, x, y, args);
    const api = state.api!;
    const recorder = new FitRecorder(api, state.options, AUTOLOG_FLAVOR.tfjs);
    const stopper = earlyStopping(args.callbacks);
    const ours = new tf.CustomCallback({
      onEpochEnd: async (epoch, logs) => {
        if (!recorder.writable || !logs) return;
        for (const [k, v] of Object.entries(logs))
          if (typeof v === 'number' && Number.isFinite(v)) void recorder.logMetric(k, v, epoch).catch(() => {});
      },
    });
    const params: Record<string, string> = {
      epochs: String(args.epochs ?? 1),
      batch_size: String(args.batchSize ?? 32),
      validation_split: String(args.validationSplit ?? 0),
      shuffle: String(args.shuffle ?? true),
      ...optimizerInfo(this),
    };
    const loss = (this as unknown as { loss?: unknown }).loss;
    if (typeof loss === 'string') params.loss = loss;
    if (stopper) {
      const s = stopper as unknown as {
        monitor: string;
        minDelta: number;
        patience: number;
        baseline?: number;
        mode: string;
      };
      Object.assign(params, {
        monitor: s.monitor,
        min_delta: String(Math.abs(s.minDelta)),
        patience: String(s.patience),
        mode: s.mode,
        ...(s.baseline !== undefined ? { baseline: String(s.baseline) } : {}),
      });
    }
    state.depth++;
    const finish = (err?: unknown) => {
      const snap: FitSnapshot = {
        params,
        metrics: {},
        tags: { estimator_name: this.getClassName(), estimator_class: `tf.${this.getClassName()}` },
      };
      if (err === undefined) {
        const stopped = (stopper as unknown as { stoppedEpoch?: number } | undefined)?.stoppedEpoch;
        if (stopper && stopped) snap.metrics.stopped_epoch = stopped;
        const summary = modelSummary(this as never);
        if (summary) snap.extraArtifacts = { 'model_summary.txt': summary };
        if (state.options.logModels) snap.model = { object: this };
      }
      api.trackPending(recorder.finish(snap, err === undefined ? 'FINISHED' : FitRecorder.failureStatus(err)));
    };
    const result = original.call(this, x, y, { ...args, callbacks: withCallback(args.callbacks, ours) });
    return holdDepth(
      result.then(
        (history) => {
          finish();
          return history;
        },
        (err: unknown) => {
          finish(err);
          throw err;
        },
      ),
    );
  } as FitFn;
  fit[PATCHED] = true;
  return fit;
}

export function patchTfjs(): void {
  for (const proto of [tf.LayersModel.prototype, tf.Sequential.prototype]) {
    const own = Object.getOwnPropertyDescriptor(proto, 'fit');
    if (!own || typeof own.value !== 'function' || (own.value as FitFn)[PATCHED]) continue;
    Object.defineProperty(proto, 'fit', { ...own, value: wrap(own.value as FitFn) });
  }
}

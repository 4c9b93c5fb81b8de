// autolog for Kiroku's estimators: wraps `fit` (and `predict`, for post-training metrics) on every
// registered estimator class, once. A wrapped fit runs the original, snapshots what MLflow's sklearn
// autolog logs, and hands the writes to the background.
import { Estimator, estimatorClasses, estimatorFromJSON } from '../ml/core/estimator';
import { addEpochListener } from '../ml/neural-network/epochs';
import type { MatrixInput, VectorInput } from '../data/frame';
import { inferSchema, type ModelSignature } from '../logged-model/signature';
import { FitRecorder, type FitSnapshot } from './fit-recorder';
import { AUTOLOG_FLAVOR } from './options';
import { estimatorParams } from './params';
import { CallCounter, datasetNameOf, rememberPrediction } from './post-training';
import { trainingDataset } from './dataset';
import { trainingInput } from './training-input';
import { trainingMetrics } from './training-metrics';
import { modelSummary } from './model-summary';
import { holdDepth, shouldLog, state } from './state';

const PATCHED = Symbol.for('kiroku.autolog.patched');
type AnyFn = ((...args: unknown[]) => unknown) & { [PATCHED]?: true };

/** The recorder of each estimator whose fit is running (per-epoch metrics find their run here). */
const recorders = new WeakMap<object, FitRecorder>();
/** Models fitted under autolog → how to log metrics on their predictions. */
// The recorder, not its id: a store that assigns run ids gives the run its id only once it is written.
const fittedRuns = new WeakMap<
  object,
  { recorder: FitRecorder; counter: CallCounter; info: Record<string, string>; written: Promise<void> }
>();

/** The tags MLflow's CodeDatasetSource keeps: where the code that made the data ran. */
export function sourceTags(api: { contextTags(): Record<string, string> }): Record<string, string> {
  const tags = api.contextTags();
  return Object.fromEntries(
    ['mlflow.source.name', 'mlflow.source.type'].filter((k) => tags[k]).map((k) => [k, tags[k]!]),
  );
}

function snapshot(est: Estimator<object>, X: MatrixInput, y: VectorInput | undefined): FitSnapshot {
  const name = est.estimatorName;
  const s: FitSnapshot = {
    params: estimatorParams(est),
    metrics: trainingMetrics(est as never, est.kind, X, y),
    tags: { estimator_name: name, estimator_class: `kiroku.ml.${name}` },
  };
  const opts = state.options;
  const input = trainingInput(X);
  if (opts.logModels) {
    // A copy of the fitted model: the caller may refit the original before the background write.
    const frozen = estimatorFromJSON(est.toJSON());
    const predict = (frozen as unknown as { predict?: (x: unknown) => unknown }).predict;
    let signature: ModelSignature | undefined;
    if (opts.logModelSignatures) {
      try {
        const outputs = typeof predict === 'function' ? predict.call(frozen, input.head) : undefined;
        signature = {
          inputs: input.inputs,
          ...(outputs !== undefined && outputs !== null ? { outputs: inferSchema(outputs) } : {}),
        };
      } catch {
        signature = undefined;
      }
    }
    s.model = {
      object: frozen,
      ...(opts.logInputExamples ? { inputExample: input.head } : {}),
      ...(signature ? { signature } : {}),
    };
  }
  const tags = state.api ? sourceTags(state.api) : {};
  s.dataset = () => trainingDataset(input.table, tags);
  // Networks (MLPs): the epochs run, early stopping's stop, and the layer summary.
  const net = est as unknown as {
    nIter_?: number | null;
    stoppedEpoch_?: number | null;
    model_?: Parameters<typeof modelSummary>[0];
  };
  if (net.model_ && typeof net.nIter_ === 'number') s.params.epochs = String(net.nIter_);
  if (typeof net.stoppedEpoch_ === 'number') s.metrics.stopped_epoch = net.stoppedEpoch_;
  const summary = modelSummary(net.model_);
  if (summary) s.extraArtifacts = { 'model_summary.txt': summary };
  return s;
}

function wrapFit(original: AnyFn): AnyFn {
  const fit = function (this: Estimator<object>, ...args: unknown[]) {
    if (!shouldLog()) return original.apply(this, args);
    const api = state.api!;
    const recorder = new FitRecorder(api, state.options, AUTOLOG_FLAVOR.estimator);
    recorders.set(this, recorder);
    state.depth++;
    const [X, y] = args as [MatrixInput, VectorInput | undefined];
    const done = (err?: unknown) => {
      recorders.delete(this);
      const endTime = Date.now();
      let snap: FitSnapshot = { params: {}, metrics: {}, tags: {} };
      let recorded = false;
      if (err === undefined) {
        try {
          snap = snapshot(this, X, y);
          recorded = true;
        } catch (e) {
          recorder.warn(`could not record the fit: ${String(e)}`);
        }
      } else {
        snap.params = safeParams(this);
        snap.tags = { estimator_name: this.estimatorName, estimator_class: `kiroku.ml.${this.estimatorName}` };
      }
      const written = recorder.finish(snap, err === undefined ? 'FINISHED' : FitRecorder.failureStatus(err), endTime);
      api.trackPending(written);
      // Post-training metrics go to this run once it is written.
      if (recorded) fittedRuns.set(this, { recorder, counter: new CallCounter(), info: {}, written });
    };
    let result: unknown;
    try {
      result = original.apply(this, args);
    } catch (err) {
      state.depth--;
      done(err);
      throw err;
    }
    if (result instanceof Promise) {
      return holdDepth(
        result.then(
          (r) => {
            done();
            return r;
          },
          (err: unknown) => {
            done(err);
            throw err;
          },
        ),
      );
    }
    holdDepth(result);
    done();
    return result;
  } as AnyFn;
  fit[PATCHED] = true;
  return fit;
}

function safeParams(est: Estimator<object>): Record<string, string> {
  try {
    return estimatorParams(est);
  } catch {
    return {};
  }
}

function wrapPredict(original: AnyFn): AnyFn {
  const predict = function (this: object, ...args: unknown[]) {
    const result = original.apply(this, args);
    const run = fittedRuns.get(this);
    if (run && state.api && state.options.logPostTrainingMetrics && !state.options.disable) {
      const api = state.api;
      rememberPrediction(result, {
        dataset: datasetNameOf(args[0]),
        log: (metric, value, description) => {
          const key = run.counter.key(metric, datasetNameOf(args[0]));
          run.info[key] = description;
          api.trackPending(
            (async () => {
              await run.written;
              await api.client().logMetric(run.recorder.runId, key, value);
              await api.client().logArtifact(run.recorder.runId, 'metric_info.json', JSON.stringify(run.info, null, 2));
            })(),
          );
        },
      });
    }
    return result;
  } as AnyFn;
  predict[PATCHED] = true;
  return predict;
}

function patchMethod(proto: object, name: 'fit' | 'predict', wrap: (f: AnyFn) => AnyFn): void {
  const own = Object.getOwnPropertyDescriptor(proto, name);
  if (!own || typeof own.value !== 'function' || (own.value as AnyFn)[PATCHED]) return;
  Object.defineProperty(proto, name, { ...own, value: wrap(own.value as AnyFn) });
}

/** Wrap fit and predict on every estimator class registered so far (and their base classes). */
export function patchEstimators(): void {
  for (const cls of estimatorClasses().values()) {
    for (
      let proto = cls.prototype as object | null;
      proto && proto !== Object.prototype;
      proto = Object.getPrototypeOf(proto)
    ) {
      if (proto === Estimator.prototype) break;
      patchMethod(proto, 'fit', wrapFit);
      patchMethod(proto, 'predict', wrapPredict);
    }
  }
  installEpochListener();
}

let epochListener: (() => void) | null = null;

/** MLP epochs: loss, validation loss and score per epoch, step = epoch. */
function installEpochListener(): void {
  if (epochListener) return;
  epochListener = addEpochListener(({ estimator, epoch, logs }) => {
    const recorder = recorders.get(estimator);
    if (!recorder?.writable) return;
    for (const [key, value] of Object.entries(logs)) {
      if (typeof value === 'number' && Number.isFinite(value))
        void recorder.logMetric(key, value, epoch).catch(() => {});
    }
  });
}

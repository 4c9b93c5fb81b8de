// The part of MLPRegressor and MLPClassifier that does not depend on the target: params, building the
// TensorFlow.js model, scikit-learn's stochastic training loop (its step, written out as tensor ops, is
// in step.ts), and weights ⇄ JSON.
//
// Why our own loop rather than `model.fit`: scikit-learn's MLP semantics (loss = data loss + ½·alpha·‖W‖²
// / batch size, the `tol` / `nIterNoChange` stopping rule, early stopping on the validation *score* with
// the best weights restored, the adaptive SGD schedule) and exact reproducibility (our seeded shuffle)
// are not what `model.fit` does. The model is still a `tf.LayersModel` (exposed as `model_`), and
// `model_.stopTraining = true` stops training at the end of the epoch, as it does with `model.fit`.
//
// Tensors: every batch runs in `tf.tidy`; the data tensors and the optimizer's slots are disposed when
// fit ends (also on error); only the model's weights outlive `fit`, until `dispose()` or the next fit.
import * as tf from '@tensorflow/tfjs';
import { checkOneOf, checkRange, snakeCase } from '../core/estimator';
import { KirokuError } from '../../lib/errors';
import { rngFrom, permutation, type Rng } from '../../lib/random';
import type { Matrix } from '../../data/frame';
import { checkInterrupt } from '../../lib/interrupt';
import { NetworkOptimizer, meanDataLoss, trainStep, type StepNetwork } from './step';

export type Activation = 'identity' | 'logistic' | 'tanh' | 'relu';

/** scikit-learn's MLP params, camelCased (`beta1` is logged as `beta_1`). `lbfgs` is not offered. */
export type MLPParams = {
  hiddenLayerSizes: number[];
  activation: Activation;
  solver: 'adam' | 'sgd';
  /** L2 penalty strength. */
  alpha: number;
  batchSize: number | 'auto';
  /** SGD only: 'constant', 'invscaling' (lr / t^powerT) or 'adaptive' (÷5 when stuck). */
  learningRate: 'constant' | 'invscaling' | 'adaptive';
  learningRateInit: number;
  powerT: number;
  /** Epochs. */
  maxIter: number;
  shuffle: boolean;
  randomState: number | null;
  tol: number;
  verbose: boolean;
  momentum: number;
  nesterovsMomentum: boolean;
  earlyStopping: boolean;
  validationFraction: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  nIterNoChange: number;
};

export const MLP_DEFAULTS: MLPParams = {
  hiddenLayerSizes: [100],
  activation: 'relu',
  solver: 'adam',
  alpha: 0.0001,
  batchSize: 'auto',
  learningRate: 'constant',
  learningRateInit: 0.001,
  powerT: 0.5,
  maxIter: 200,
  shuffle: true,
  randomState: null,
  tol: 1e-4,
  verbose: false,
  momentum: 0.9,
  nesterovsMomentum: true,
  earlyStopping: false,
  validationFraction: 0.1,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  nIterNoChange: 10,
};

/** scikit-learn's snake_case where plain case conversion differs (`beta_1`, not `beta1`). */
export function mlpParamName(key: string): string {
  return key === 'beta1' ? 'beta_1' : key === 'beta2' ? 'beta_2' : snakeCase(key);
}

export function checkMLPParams(name: string, p: MLPParams): void {
  const sizes = p.hiddenLayerSizes;
  if (!Array.isArray(sizes) || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new KirokuError(`hidden_layer_sizes must be > 0, got ${JSON.stringify(sizes)}.`, 'INVALID_PARAMETER_VALUE');
  }
  checkOneOf(name, 'activation', p.activation, ['identity', 'logistic', 'tanh', 'relu']);
  checkOneOf(name, 'solver', p.solver, ['adam', 'sgd']);
  checkOneOf(name, 'learningRate', p.learningRate, ['constant', 'invscaling', 'adaptive']);
  checkRange(name, 'alpha', p.alpha, 0, Infinity);
  if (p.batchSize !== 'auto') checkRange(name, 'batchSize', p.batchSize, 1, Infinity, { integer: true });
  checkRange(name, 'learningRateInit', p.learningRateInit, 0, Infinity, { loOpen: true });
  checkRange(name, 'maxIter', p.maxIter, 1, Infinity, { integer: true });
  checkRange(name, 'tol', p.tol, 0, Infinity);
  checkRange(name, 'momentum', p.momentum, 0, 1);
  checkRange(name, 'validationFraction', p.validationFraction, 0, 1, { hiOpen: true });
  checkRange(name, 'beta1', p.beta1, 0, 1, { hiOpen: true });
  checkRange(name, 'beta2', p.beta2, 0, 1, { hiOpen: true });
  checkRange(name, 'epsilon', p.epsilon, 0, Infinity, { loOpen: true });
  checkRange(name, 'nIterNoChange', p.nIterNoChange, 1, Infinity, { integer: true });
}

// ---------------------------------------------------------------------------------------------------
// Hooks

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

// ---------------------------------------------------------------------------------------------------
// Model

const TF_ACTIVATION: Record<Activation | 'softmax', string> = {
  identity: 'linear',
  logistic: 'sigmoid',
  tanh: 'tanh',
  relu: 'relu',
  softmax: 'softmax',
};

export type OutActivation = 'identity' | 'logistic' | 'softmax';

export type Architecture = {
  nIn: number;
  hidden: number[];
  nOut: number;
  activation: Activation;
  outActivation: OutActivation;
};

/**
 * A dense network; weights and biases uniform in ±sqrt(factor / (fanIn + fanOut)), factor 2 for the
 * logistic activation and 6 otherwise (scikit-learn's Glorot initialization), each from its own seed.
 */
export function buildModel(a: Architecture, rng: Rng): tf.Sequential {
  const sizes = [a.nIn, ...a.hidden, a.nOut];
  const factor = a.activation === 'logistic' ? 2 : 6;
  const model = tf.sequential();
  for (let i = 0; i < sizes.length - 1; i++) {
    const bound = Math.sqrt(factor / (sizes[i]! + sizes[i + 1]!));
    const init = () =>
      tf.initializers.randomUniform({ minval: -bound, maxval: bound, seed: Math.floor(rng() * 2 ** 31) });
    const last = i === sizes.length - 2;
    model.add(
      tf.layers.dense({
        units: sizes[i + 1]!,
        inputShape: i === 0 ? [a.nIn] : undefined,
        activation: TF_ACTIVATION[last ? a.outActivation : a.activation] as 'linear',
        kernelInitializer: init(),
        biasInitializer: init(),
      }),
    );
  }
  // Training runs our own loop; tfjs only lets `stopTraining` be set on a compiled Sequential, and a
  // compiled model is what users expect from `model_` (evaluate, fit). Its optimizer is disposed with it.
  model.compile({
    optimizer: 'sgd',
    loss:
      a.outActivation === 'identity'
        ? 'meanSquaredError'
        : a.outActivation === 'logistic'
          ? 'binaryCrossentropy'
          : 'categoricalCrossentropy',
  });
  return model;
}

export type WeightsJSON = { shape: number[]; values: number[] }[];

/** The weights as plain arrays: float32 values read as numbers, which JSON keeps exactly. */
export function weightsToJSON(model: tf.LayersModel): WeightsJSON {
  return model.getWeights().map((w) => ({ shape: w.shape.slice(), values: Array.from(w.dataSync()) }));
}

export function setWeights(model: tf.LayersModel, weights: WeightsJSON | Float32Array[]): void {
  const shapes = model.getWeights().map((w) => w.shape);
  const tensors = weights.map((w, i) =>
    w instanceof Float32Array ? tf.tensor(w, shapes[i]) : tf.tensor(w.values, w.shape, 'float32'),
  );
  model.setWeights(tensors);
  tensors.forEach((t) => t.dispose());
}

/** X as a row-major float32 array, the layout tensors take. */
export function rowMajor32(m: Matrix): Float32Array {
  const out = new Float32Array(m.rows * m.cols);
  for (let j = 0; j < m.cols; j++) {
    const off = j * m.rows;
    for (let i = 0; i < m.rows; i++) out[i * m.cols + j] = m.data[off + i]!;
  }
  return out;
}

/** Forward pass on rows, in batches, as a fresh Float32Array (n × nOut, row-major); leaves no tensors. */
export function forward(model: tf.LayersModel, X: Float32Array, n: number, nIn: number): Float32Array {
  return tf.tidy(() => {
    const out = model.predict(tf.tensor2d(X, [n, nIn]), { batchSize: 4096 }) as tf.Tensor;
    return Float32Array.from(out.dataSync());
  });
}

// ---------------------------------------------------------------------------------------------------
// Training

export type LossKind = 'squared' | 'binary' | 'multiclass';

export type TrainInput = {
  name: string;
  params: MLPParams;
  model: tf.LayersModel;
  X: Float32Array;
  Y: Float32Array;
  n: number;
  nIn: number;
  nOut: number;
  loss: LossKind;
  /** Held-out rows for early stopping and how to score predictions on them (greater is better). */
  validation?: { X: Float32Array; Y: Float32Array; n: number; score: (pred: Float32Array) => number };
  rng: Rng;
  host: EpochEvent['estimator'];
  onEpochEnd?: EpochCallback;
  signal?: AbortSignal;
  warn: (message: string) => void;
};

export type TrainResult = {
  lossCurve: number[];
  validationScores: number[] | null;
  bestLoss: number | null;
  bestValidationScore: number | null;
  nIter: number;
  /** Samples seen (scikit-learn's `t_`). */
  t: number;
  /** Epoch count when training stopped before `maxIter` (no improvement or `stopTraining`), else null. */
  stoppedEpoch: number | null;
};

/** Let messages (a stop button, an AbortSignal) through between epochs without the 4 ms timer clamp. */
function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((r) => setImmediate(r));
  return new Promise((r) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      r();
    };
    ch.port2.postMessage(null);
  });
}

/** Rows [start, start + size) of the epoch's order (or in place without shuffling), row-major. */
function batchRows(
  src: Float32Array,
  width: number,
  order: Uint32Array | null,
  start: number,
  size: number,
): Float32Array {
  if (!order) return src.subarray(start * width, (start + size) * width);
  const out = new Float32Array(size * width);
  for (let r = 0; r < size; r++) {
    const i = order[start + r]! * width;
    for (let c = 0; c < width; c++) out[r * width + c] = src[i + c]!;
  }
  return out;
}

/** Shuffled mini-batch training, scikit-learn's `_fit_stochastic`. */
export async function train(t: TrainInput): Promise<TrainResult> {
  const p = t.params;
  let batchSize = p.batchSize === 'auto' ? Math.min(200, t.n) : p.batchSize;
  if (batchSize > t.n) {
    t.warn('Got `batch_size` less than 1 or larger than sample size. It is going to be clipped');
    batchSize = t.n;
  }
  const vars = t.model.trainableWeights.map((w) => w.read() as tf.Variable);
  const net: StepNetwork = { variables: vars, activation: p.activation, loss: t.loss };
  const optimizer = new NetworkOptimizer(p, vars);
  const res: TrainResult = {
    lossCurve: [],
    validationScores: t.validation ? [] : null,
    bestLoss: t.validation ? null : Infinity,
    bestValidationScore: t.validation ? -Infinity : null,
    nIter: 0,
    t: 0,
    stoppedEpoch: null,
  };
  let lr = p.learningRateInit;
  let noImprovement = 0;
  let best: Float32Array[] | null = null;
  t.model.stopTraining = false;
  try {
    for (let epoch = 0; epoch < p.maxIter; epoch++) {
      checkInterrupt(); // a notebook interrupt stops training between epochs (the run ends KILLED)
      const order = p.shuffle ? permutation(t.n, t.rng) : null;
      optimizer.sync();
      const costs: tf.Scalar[] = [];
      for (let start = 0; start < t.n; start += batchSize) {
        if (t.signal?.aborted) break;
        const size = Math.min(batchSize, t.n - start);
        const xb = tf.tensor2d(batchRows(t.X, t.nIn, order, start, size), [size, t.nIn]);
        const yb = tf.tensor2d(batchRows(t.Y, t.nOut, order, start, size), [size, t.nOut]);
        costs.push(trainStep(net, optimizer, p.alpha, xb, yb));
        xb.dispose();
        yb.dispose();
      }
      if (t.signal?.aborted) {
        costs.forEach((c) => c.dispose());
        throw t.signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
      }
      const total = tf.tidy(() => tf.addN(costs).dataSync()[0]!);
      costs.forEach((c) => c.dispose());
      const loss = total / t.n;
      res.nIter++;
      res.t += t.n;
      res.lossCurve.push(loss);
      if (p.verbose) console.log(`Iteration ${res.nIter}, loss = ${loss.toFixed(8)}`);
      const logs: EpochLogs = { loss, learning_rate: lr };

      // scikit-learn's `_update_no_improvement_count`.
      if (t.validation) {
        const v = t.validation;
        const pred = forward(t.model, v.X, v.n, t.nIn);
        const score = v.score(pred);
        logs.val_score = score;
        logs.val_loss = meanDataLoss(t.loss, v.Y, pred, v.n, t.nOut);
        if (p.verbose) console.log(`Validation score: ${score.toFixed(6)}`);
        res.validationScores!.push(score);
        noImprovement = score < res.bestValidationScore! + p.tol ? noImprovement + 1 : 0;
        if (score > res.bestValidationScore!) {
          res.bestValidationScore = score;
          best = t.model.getWeights().map((w) => Float32Array.from(w.dataSync()));
        }
      } else {
        noImprovement = loss > res.bestLoss! - p.tol ? noImprovement + 1 : 0;
        if (loss < res.bestLoss!) res.bestLoss = loss;
      }
      if (p.solver === 'sgd' && p.learningRate === 'invscaling') {
        lr = p.learningRateInit / (res.t + 1) ** p.powerT;
        optimizer.learningRate = lr;
      }

      await t.onEpochEnd?.(epoch, logs);
      for (const fn of epochListeners) await fn({ estimator: t.host, epoch, logs });
      if (t.model.stopTraining) {
        res.stoppedEpoch = res.nIter;
        break;
      }

      if (noImprovement > p.nIterNoChange) {
        const what = t.validation ? 'Validation score' : 'Training loss';
        const msg = `${what} did not improve more than tol=${p.tol} for ${p.nIterNoChange} consecutive epochs.`;
        // Adaptive SGD divides the rate by 5 and goes on, until the rate is tiny; everything else stops.
        if (p.solver === 'sgd' && p.learningRate === 'adaptive' && lr > 1e-6) {
          lr /= 5;
          optimizer.learningRate = lr;
          noImprovement = 0;
          if (p.verbose) console.log(`${msg} Setting learning rate to ${lr}`);
        } else {
          if (p.verbose) console.log(`${msg} Stopping.`);
          res.stoppedEpoch = res.nIter;
          break;
        }
      }
      if (res.nIter === p.maxIter) {
        t.warn(
          `Stochastic Optimizer: Maximum iterations (${p.maxIter}) reached and the optimization hasn't converged yet.`,
        );
      }
      await yieldToEventLoop();
    }
    if (best) setWeights(t.model, best);
  } finally {
    optimizer.dispose();
  }
  return res;
}

/** A fresh seed stream from `randomState` (a fit with the same seed repeats exactly). */
export function fitRng(randomState: number | null): Rng {
  return rngFrom(randomState);
}

/** Names of sklearn's fitted attributes as they appear in JSON state. */
export function trainResultToJSON(r: TrainResult): Record<string, unknown> {
  const finite = (v: number | null) => (v === null || Number.isFinite(v) ? v : null);
  return { ...r, bestLoss: finite(r.bestLoss), bestValidationScore: finite(r.bestValidationScore) };
}

// scikit-learn's stochastic training loop for the MLPs (`_fit_stochastic`); its step, written out as
// tensor ops, is step.ts.
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
import { checkInterrupt } from '../../lib/interrupt';
import { permutation, rngFrom, type Rng } from '../../lib/random';
import { type EpochCallback, type EpochEvent, type EpochLogs, epochEnded } from './epochs';
import { forward, setWeights } from './network';
import type { MLPParams } from './params';
import { meanDataLoss, NetworkOptimizer, type StepNetwork, trainStep } from './step';

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
      await epochEnded({ estimator: t.host, epoch, logs });
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

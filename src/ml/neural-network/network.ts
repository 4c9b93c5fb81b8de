// The network of MLPRegressor and MLPClassifier as a TensorFlow.js model: built with scikit-learn's
// initialization, its weights ⇄ JSON, and forward passes over row-major float32 data. Training it is
// train.ts; the params are params.ts.
import * as tf from '@tensorflow/tfjs';
import type { Matrix } from '../../data/frame';
import type { Rng } from '../../lib/random';
import type { Activation } from './params';

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

// One mini-batch step of scikit-learn's MLP training (`_backprop` and its optimizers' `update_params`)
// as explicit tensor ops on the network's own weight variables: forward through fused dense layers,
// the loss, the gradients written out by hand, and Adam or SGD on all parameters at once.
//
// Why not `optimizer.minimize` on `model.apply`: on small networks TensorFlow.js spends its time
// dispatching ops, not computing (a 200 × 64 add costs ~6 µs of bookkeeping on the WASM backend, more
// than its arithmetic). Layers' `apply`, the gradient tape and a per-variable optimizer cost ~150 ops a
// step; written out, a (64, 64) step is 70, a third of them free reshapes. And it is scikit-learn's:
//
//   deltas_last = out − y                        (identity/squared, logistic/binary, softmax/multiclass)
//   coef_grad   = (hᵀ·delta + alpha·W) / batch   intercept_grad = mean(delta)
//   delta_prev  = delta·Wᵀ ⊙ f′(h)               (relu: h > 0; tanh: 1 − h²; logistic: h(1 − h))
//   Adam:  m = β₁m + (1 − β₁)g,  v = β₂v + (1 − β₂)g²,  W −= lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε)
//   SGD:   vel = μ·vel − lr·g,  W += vel  (Nesterov: W += μ·vel − lr·g)
//
// The loss of a batch, as scikit-learn accumulates it: batch × data loss + ½·alpha·‖W‖² (kernels only).
// Two things differ from a textbook gradient, for the WASM backend, which runs a matMul with a
// transposed operand on a slow scalar path (5–10× the time): hᵀ·delta is transpose(h)·delta and
// delta·Wᵀ is delta·transpose(W). (Its slice and gather also copy their whole input, so batches are
// made from JS arrays by the caller instead.)
import * as tf from '@tensorflow/tfjs';
import type { Activation, MLPParams } from './params';
import type { LossKind } from './train';

const CLIP = 1e-7; // float32's counterpart of scikit-learn's clipping of probabilities to [eps, 1 − eps]

export type StepNetwork = {
  /** Kernels (fanIn × fanOut) and biases, alternating: the layers' own variables, updated in place. */
  variables: tf.Variable[];
  activation: Activation;
  loss: LossKind;
};

const FUSED: Partial<Record<Activation, 'linear' | 'relu' | 'sigmoid'>> = {
  identity: 'linear',
  relu: 'relu',
  logistic: 'sigmoid',
};

/** h·W + b, then the activation (fused into the matMul where TensorFlow.js can). */
function dense(h: tf.Tensor, W: tf.Tensor, b: tf.Tensor, activation: Activation | 'softmax'): tf.Tensor {
  const fused = activation === 'softmax' ? undefined : FUSED[activation];
  if (fused) return tf.fused.matMul({ a: h as tf.Tensor2D, b: W as tf.Tensor2D, bias: b, activation: fused });
  const z = tf.fused.matMul({ a: h as tf.Tensor2D, b: W as tf.Tensor2D, bias: b });
  return activation === 'tanh' ? tf.tanh(z) : tf.softmax(z);
}

/** delta ⊙ f′ at the layer's output h. */
function derivative(delta: tf.Tensor, h: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case 'identity':
      return delta;
    case 'relu':
      return tf.mul(delta, tf.step(h));
    case 'tanh':
      return tf.mul(delta, tf.sub(1, tf.square(h)));
    case 'logistic':
      return tf.mul(delta, tf.mul(h, tf.sub(1, h)));
  }
}

/** Σ over the batch of the per-sample data loss (scikit-learn's loss × batch size). */
function batchDataLoss(kind: LossKind, y: tf.Tensor, out: tf.Tensor, diff: tf.Tensor): tf.Tensor {
  if (kind === 'squared') return tf.sum(tf.square(diff)).div(2 * y.shape[1]!);
  const p = tf.clipByValue(out, CLIP, 1 - CLIP);
  if (kind === 'multiclass') return tf.neg(tf.sum(tf.mul(y, tf.log(p))));
  return tf.neg(tf.sum(tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p))))));
}

/** The mean data loss (no penalty) of predictions for n rows, as scikit-learn's loss functions. */
export function meanDataLoss(kind: LossKind, Y: Float32Array, pred: Float32Array, n: number, nOut: number): number {
  return tf.tidy(() => {
    const y = tf.tensor2d(Y, [n, nOut]);
    const out = tf.tensor2d(pred, [n, nOut]);
    return batchDataLoss(kind, y, out, tf.sub(out, y)).dataSync()[0]! / n;
  });
}

/**
 * Adam or SGD over all parameters as one flat vector θ (the variables concatenated, kept beside them and
 * split back into them after each update): a handful of ops per step, not per variable — the L2
 * penalty and its gradient included, through a mask of the kernels' entries.
 */
export class NetworkOptimizer {
  private readonly sizes: number[];
  private readonly shapes: number[][];
  private theta: tf.Tensor | null = null;
  private kernelMask: tf.Tensor | null = null;
  /** The mask times the last l2 factor (alpha / batch size: the same for every full batch). */
  private l2Mask: { l2: number; mask: tf.Tensor } | null = null;
  private m: tf.Tensor | null = null;
  private v: tf.Tensor | null = null;
  private t = 0;
  learningRate: number;

  constructor(
    private readonly p: MLPParams,
    private readonly variables: tf.Variable[],
  ) {
    this.shapes = variables.map((w) => w.shape.slice());
    this.sizes = variables.map((w) => w.size);
    this.learningRate = p.learningRateInit;
  }

  /** θ from the variables again (each epoch: a callback may have set weights). */
  sync(): void {
    this.theta?.dispose();
    this.theta = tf.keep(tf.tidy(() => tf.concat(this.variables.map((x) => tf.reshape(x, [-1])))));
    if (!this.kernelMask) {
      const mask = new Float32Array(this.sizes.reduce((a, b) => a + b, 0));
      let at = 0;
      this.sizes.forEach((n, i) => {
        if (this.shapes[i]!.length === 2) mask.fill(1, at, at + n); // kernels; biases are not penalized
        at += n;
      });
      this.kernelMask = tf.keep(tf.tensor1d(mask));
    }
  }

  /** ‖W‖² over the kernels (what the L2 penalty takes), at the current weights. */
  kernelNorm2(): tf.Tensor {
    if (!this.theta) this.sync();
    return tf.sum(tf.square(tf.mul(this.theta!, this.kernelMask!)));
  }

  /** One update from the data-loss gradients (in the variables' order) plus l2·W on the kernels. */
  update(grads: tf.Tensor[], l2: number): void {
    const p = this.p;
    if (!this.theta) this.sync();
    let g = tf.concat(grads.map((x) => tf.reshape(x, [-1])));
    if (l2 > 0) {
      if (this.l2Mask?.l2 !== l2) {
        this.l2Mask?.mask.dispose();
        this.l2Mask = { l2, mask: tf.keep(tf.mul(this.kernelMask!, l2)) };
      }
      g = tf.add(g, tf.mul(this.theta!, this.l2Mask.mask));
    }
    const total = this.theta!.size;
    this.m ??= tf.keep(tf.zeros([total]));
    let step: tf.Tensor;
    if (p.solver === 'adam') {
      this.v ??= tf.keep(tf.zeros([total]));
      this.t++;
      const m = tf.add(tf.mul(this.m!, p.beta1), tf.mul(g, 1 - p.beta1));
      const v = tf.add(tf.mul(this.v!, p.beta2), tf.mul(tf.square(g), 1 - p.beta2));
      const lr = (this.learningRate * Math.sqrt(1 - p.beta2 ** this.t)) / (1 - p.beta1 ** this.t);
      step = tf.mul(tf.div(m, tf.add(tf.sqrt(v), p.epsilon)), -lr);
      this.swap('m', m);
      this.swap('v', v);
    } else {
      const vel = tf.sub(tf.mul(this.m!, p.momentum), tf.mul(g, this.learningRate));
      step = p.nesterovsMomentum ? tf.sub(tf.mul(vel, p.momentum), tf.mul(g, this.learningRate)) : vel;
      this.swap('m', vel);
    }
    this.swap('theta', tf.add(this.theta!, step));
    const parts = tf.split(this.theta!, this.sizes);
    this.variables.forEach((w, i) => w.assign(tf.reshape(parts[i]!, this.shapes[i]!)));
  }

  private swap(which: 'm' | 'v' | 'theta', next: tf.Tensor): void {
    this[which]?.dispose();
    this[which] = tf.keep(next);
  }

  dispose(): void {
    for (const t of [this.m, this.v, this.theta, this.kernelMask, this.l2Mask?.mask]) t?.dispose();
    this.m = this.v = this.theta = this.kernelMask = null;
    this.l2Mask = null;
  }
}

/**
 * One step on the batch (xb, yb): updates the weights and returns the batch's loss as scikit-learn
 * accumulates it (a scalar tensor the caller owns; read it once per epoch, not per step).
 */
export function trainStep(
  net: StepNetwork,
  opt: NetworkOptimizer,
  alpha: number,
  xb: tf.Tensor,
  yb: tf.Tensor,
): tf.Scalar {
  return tf.tidy(() => {
    const vars = net.variables;
    const layers = vars.length / 2;
    const bs = xb.shape[0]!;
    const outActivation = net.loss === 'squared' ? 'identity' : net.loss === 'binary' ? 'logistic' : 'softmax';
    // Forward, keeping every layer's output.
    const acts: tf.Tensor[] = [xb];
    for (let l = 0; l < layers; l++) {
      acts.push(dense(acts[l]!, vars[2 * l]!, vars[2 * l + 1]!, l === layers - 1 ? outActivation : net.activation));
    }
    const out = acts[layers]!;
    const diff = tf.sub(out, yb);
    let loss = batchDataLoss(net.loss, yb, out, diff);
    if (alpha > 0) loss = tf.add(loss, tf.mul(opt.kernelNorm2(), 0.5 * alpha));
    // Backward: delta is the gradient of the mean loss w.r.t. each layer's pre-activation.
    const grads = new Array<tf.Tensor>(vars.length);
    let delta = tf.mul(diff, 1 / bs);
    for (let l = layers - 1; l >= 0; l--) {
      const W = vars[2 * l]!;
      grads[2 * l] = tf.matMul(tf.transpose(acts[l]!), delta);
      grads[2 * l + 1] = tf.sum(delta, 0);
      if (l > 0) delta = derivative(tf.matMul(delta, tf.transpose(W)), acts[l]!, net.activation);
    }
    opt.update(grads, alpha / bs);
    return loss as tf.Scalar;
  });
}

// The MLP's training step against scikit-learn: from the same initial weights, without shuffling, a few
// epochs of Adam or SGD must give scikit-learn's weights and loss curve (up to float32 rounding) — the
// hand-written gradients, the L2 penalty in loss and gradient, and both optimizers' updates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { buildModel, setWeights } from '../../src/ml/neural-network/network';
import { MLP_DEFAULTS, type Activation, type MLPParams } from '../../src/ml/neural-network/params';
import { train, type LossKind } from '../../src/ml/neural-network/train';
import { seededRandom } from '../../src/lib/random';
import { repoRoot } from './sklearn-fixture';

type Case = {
  kind: 'regressor' | 'classifier';
  params: Record<string, unknown> & { hidden_layer_sizes: number[]; activation: Activation; epochs: number };
  initial: { coefs: number[][]; intercepts: number[][] };
  coefs: number[][];
  intercepts: number[][];
  loss_curve: number[];
};
const fx = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/sklearn_mlp.json'), 'utf8')) as {
  X: number[];
  rows: number;
  cols: number;
  y: { regressor: number[]; binary: number[]; multiclass: number[] };
  cases: Case[];
};

function paramsOf(c: Case): MLPParams {
  const p = c.params;
  return {
    ...MLP_DEFAULTS,
    hiddenLayerSizes: p.hidden_layer_sizes,
    activation: p.activation,
    solver: p.solver as 'adam' | 'sgd',
    alpha: p.alpha as number,
    batchSize: p.batch_size as number,
    learningRateInit: p.learning_rate_init as number,
    momentum: (p.momentum as number | undefined) ?? 0.9,
    nesterovsMomentum: (p.nesterovs_momentum as boolean | undefined) ?? true,
    maxIter: p.epochs,
    shuffle: false,
    tol: 0,
    nIterNoChange: 10_000,
  };
}

/** Targets as Kiroku's estimators build them: one column, or one-hot for more than two classes. */
function targets(c: Case): { Y: Float32Array; nOut: number; loss: LossKind } {
  if (c.kind === 'regressor') return { Y: Float32Array.from(fx.y.regressor), nOut: 1, loss: 'squared' };
  if (c.coefs.at(-1)!.length === c.params.hidden_layer_sizes.at(-1)!)
    return { Y: Float32Array.from(fx.y.binary), nOut: 1, loss: 'binary' };
  const Y = new Float32Array(fx.rows * 3);
  fx.y.multiclass.forEach((k, i) => (Y[i * 3 + k] = 1));
  return { Y, nOut: 3, loss: 'multiclass' };
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 1e-3;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]!));
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
  }
  return diff / scale;
}

describe('MLP training step = scikit-learn', () => {
  for (const c of fx.cases) {
    const p = paramsOf(c);
    const name = `${c.kind} ${c.params.activation} ${c.params.solver}`;
    it(`${name}: weights and loss curve after ${c.params.epochs} epochs`, async () => {
      const { Y, nOut, loss } = targets(c);
      const out = loss === 'squared' ? 'identity' : loss === 'binary' ? 'logistic' : 'softmax';
      const model = buildModel(
        { nIn: fx.cols, hidden: p.hiddenLayerSizes, nOut, activation: p.activation, outActivation: out },
        seededRandom(0),
      );
      setWeights(
        model,
        c.initial.coefs.flatMap((w, l) => [Float32Array.from(w), Float32Array.from(c.initial.intercepts[l]!)]),
      );
      const baseline = tf.memory().numTensors;
      const res = await train({
        name: 'test',
        params: p,
        model,
        X: Float32Array.from(fx.X),
        Y,
        n: fx.rows,
        nIn: fx.cols,
        nOut,
        loss,
        rng: seededRandom(0),
        host: { estimatorName: 'test', model_: model },
        warn: () => {},
      });
      expect(tf.memory().numTensors).toBe(baseline); // the optimizer's state is gone
      expect(maxRelDiff(res.lossCurve, c.loss_curve)).toBeLessThan(1e-5);
      const weights = model.getWeights().map((w) => w.dataSync());
      c.coefs.forEach((w, l) => expect(maxRelDiff(weights[2 * l]!, w), `coefs_[${l}]`).toBeLessThan(1e-5));
      c.intercepts.forEach((b, l) =>
        expect(maxRelDiff(weights[2 * l + 1]!, b), `intercepts_[${l}]`).toBeLessThan(1e-5),
      );
      // And the starting point was not already the answer.
      expect(maxRelDiff(c.initial.coefs[0]!, c.coefs[0]!)).toBeGreaterThan(1e-3);
      model.dispose();
    });
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { MLPClassifier, MLPRegressor, addEpochListener, type EpochLogs } from '../../src/ml/neural-network/mlp';
import { Pipeline } from '../../src/ml/pipeline';
import { StandardScaler } from '../../src/ml/preprocessing';
import { crossValScore } from '../../src/ml/model-selection';
import { estimatorFromJSON } from '../../src/ml/core/estimator';
import { setWarningHandler, type WarningHandler } from '../../src/ml/core/warnings';
import { seededRandom } from '../../src/lib/random';
import { NotFittedError } from '../../src/lib/errors';

// Small, fixed data: a linear target with a little noise, and three well-separated classes.
const rnd = seededRandom(123);
const X = Array.from({ length: 120 }, () => [rnd() * 2 - 1, rnd() * 2 - 1, rnd() * 2 - 1]);
const yLin = X.map(([a, b, c]) => 2 * a! - 3 * b! + 0.5 * c! + 1 + 0.05 * (rnd() - 0.5));
const yCls = X.map(([a, b]) => (a! + b! > 0.6 ? 'high' : a! + b! < -0.6 ? 'low' : 'mid'));
const yBin = X.map(([a]) => (a! > 0 ? 1 : 0));

const small = { hiddenLayerSizes: [16], learningRateInit: 0.02, maxIter: 150, randomState: 0 };

let restoreWarnings: WarningHandler;
beforeAll(() => {
  restoreWarnings = setWarningHandler(() => {}); // ConvergenceWarnings from short fits are expected here
});
afterAll(() => {
  setWarningHandler(restoreWarnings);
});

describe('MLPRegressor', () => {
  it('learns a linear function: loss decreases and R² > 0.9', async () => {
    const mlp = await new MLPRegressor(small).fit(X, yLin);
    const curve = mlp.lossCurve_!;
    expect(curve.length).toBe(mlp.nIter_);
    expect(curve.at(-1)!).toBeLessThan(curve[0]! / 10);
    expect(mlp.loss_).toBe(curve.at(-1));
    expect(mlp.score(X, yLin)).toBeGreaterThan(0.9);
    expect(mlp.predict(X)).toBeInstanceOf(Float64Array);
    expect(mlp.coefs_!.map((w) => [w.length, w[0]!.length])).toEqual([
      [3, 16],
      [16, 1],
    ]);
    expect(mlp.intercepts_!.map((b) => b.length)).toEqual([16, 1]);
    expect([mlp.nLayers_, mlp.nOutputs_, mlp.outActivation_]).toEqual([3, 1, 'identity']);
    mlp.dispose();
  });

  it('the same randomState gives the same weights and predictions; another seed differs', async () => {
    const a = await new MLPRegressor({ ...small, maxIter: 20 }).fit(X, yLin);
    const b = await new MLPRegressor({ ...small, maxIter: 20 }).fit(X, yLin);
    const c = await new MLPRegressor({ ...small, maxIter: 20, randomState: 1 }).fit(X, yLin);
    expect(b.coefs_).toEqual(a.coefs_);
    expect(Array.from(b.predict(X))).toEqual(Array.from(a.predict(X)));
    expect(b.lossCurve_).toEqual(a.lossCurve_);
    expect(c.coefs_).not.toEqual(a.coefs_);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('leaks no tensors: fit and predict leave only the weights, refit replaces them, dispose frees all', async () => {
    const baseline = tf.memory().numTensors;
    const mlp = await new MLPRegressor({ ...small, maxIter: 5 }).fit(X, yLin);
    const held = tf.memory().numTensors - baseline;
    // The model's 4 weight tensors, plus the scalar of the optimizer `compile` attaches to model_.
    expect(held).toBe(mlp.model_!.getWeights().length + 1);
    mlp.predict(X);
    mlp.score(X, yLin);
    expect(tf.memory().numTensors - baseline).toBe(held);
    await mlp.fit(X, yLin);
    expect(tf.memory().numTensors - baseline).toBe(held);
    await new MLPRegressor({ ...small, maxIter: 5, earlyStopping: true }).fit(X, yLin).then((m) => m.dispose());
    expect(tf.memory().numTensors - baseline).toBe(held);
    mlp.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
    expect(mlp.isFitted).toBe(false);
  });

  it('early stopping holds out validationFraction, scores it each epoch and sets stoppedEpoch_', async () => {
    const logs: EpochLogs[] = [];
    const mlp = new MLPRegressor({ ...small, maxIter: 500, earlyStopping: true, nIterNoChange: 3, tol: 1e-3 });
    mlp.onEpochEnd = (_, l) => void logs.push(l);
    await mlp.fit(X, yLin);
    expect(mlp.stoppedEpoch_).toBe(mlp.nIter_);
    expect(mlp.nIter_!).toBeLessThan(500);
    expect(mlp.validationScores_).toHaveLength(mlp.nIter_!);
    expect(mlp.bestValidationScore_).toBe(Math.max(...mlp.validationScores_!));
    expect(mlp.bestLoss_).toBeNull();
    expect(logs[0]!.val_score).toBe(mlp.validationScores_![0]);
    expect(logs.every((l) => typeof l.val_loss === 'number' && l.val_loss >= 0)).toBe(true);
    mlp.dispose();
  });

  it('without early stopping, stops when the training loss stalls (tol, nIterNoChange)', async () => {
    const mlp = await new MLPRegressor({ ...small, maxIter: 500, tol: 0.5, nIterNoChange: 2 }).fit(X, yLin);
    expect(mlp.stoppedEpoch_).toBe(mlp.nIter_);
    expect(mlp.nIter_!).toBeLessThan(10);
    expect(mlp.validationScores_).toBeNull();
    expect(mlp.bestLoss_).toBe(Math.min(...mlp.lossCurve_!));
    const full = await new MLPRegressor({ ...small, maxIter: 5 }).fit(X, yLin);
    expect(full.stoppedEpoch_).toBeNull();
    expect(full.warnings_[0]!.message).toMatch(/Maximum iterations \(5\) reached/);
    [mlp, full].forEach((m) => m.dispose());
  });

  it('onEpochEnd and epoch listeners see each epoch (0-based); model_.stopTraining stops after it', async () => {
    const seen: number[] = [];
    const losses: number[] = [];
    const heard: string[] = [];
    const off = addEpochListener(({ estimator, epoch }) => void heard.push(`${estimator.estimatorName}:${epoch}`));
    const mlp = new MLPRegressor({ ...small, maxIter: 50 });
    mlp.onEpochEnd = async (epoch, logs) => {
      await Promise.resolve();
      seen.push(epoch);
      losses.push(logs.loss);
      expect(logs.learning_rate).toBe(0.02);
      if (epoch === 2) mlp.model_!.stopTraining = true;
    };
    await mlp.fit(X, yLin);
    off();
    expect(seen).toEqual([0, 1, 2]);
    expect(losses).toEqual(mlp.lossCurve_);
    expect(heard).toEqual(['MLPRegressor:0', 'MLPRegressor:1', 'MLPRegressor:2']);
    expect(mlp.nIter_).toBe(3);
    expect(mlp.stoppedEpoch_).toBe(3);
    await new MLPRegressor({ ...small, maxIter: 2 }).fit(X, yLin).then((m) => m.dispose());
    expect(heard).toHaveLength(3); // unsubscribed
    mlp.dispose();
  });

  it('an AbortSignal stops fit, which rejects with its reason and leaks nothing', async () => {
    const baseline = tf.memory().numTensors;
    const ctrl = new AbortController();
    const mlp = new MLPRegressor({ ...small, maxIter: 100 });
    mlp.onEpochEnd = (epoch) => {
      if (epoch === 1) ctrl.abort(new Error('stopped by user'));
    };
    await expect(mlp.fit(X, yLin, { signal: ctrl.signal })).rejects.toThrow('stopped by user');
    expect(mlp.isFitted).toBe(false);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('round-trips through JSON text with identical predictions (weights as plain arrays)', async () => {
    const mlp = await new MLPRegressor({ ...small, maxIter: 30, activation: 'tanh' }).fit(X, yLin);
    const json = JSON.parse(JSON.stringify(mlp.toJSON()));
    expect(Array.isArray(json.state.weights[0].values)).toBe(true);
    const back = estimatorFromJSON(json) as MLPRegressor;
    expect(back).toBeInstanceOf(MLPRegressor);
    expect(Array.from(back.predict(X))).toEqual(Array.from(mlp.predict(X)));
    expect(back.lossCurve_).toEqual(mlp.lossCurve_);
    expect(back.nIter_).toBe(mlp.nIter_);
    expect(back.params).toEqual(mlp.params);
    const unfitted = estimatorFromJSON(
      JSON.parse(JSON.stringify(new MLPRegressor({ hiddenLayerSizes: 7 }).toJSON())),
    ) as MLPRegressor;
    expect(unfitted.isFitted).toBe(false);
    expect(unfitted.params.hiddenLayerSizes).toEqual([7]);
    expect(() => unfitted.predict(X)).toThrow(NotFittedError);
    [mlp, back].forEach((m) => m.dispose());
  });

  it("getParams uses scikit-learn's names; bad params are refused with its message", async () => {
    const p = new MLPRegressor().getParams();
    expect(p).toMatchObject({
      hidden_layer_sizes: [100],
      activation: 'relu',
      solver: 'adam',
      batch_size: 'auto',
      beta_1: 0.9,
      beta_2: 0.999,
      learning_rate_init: 0.001,
      max_iter: 200,
      n_iter_no_change: 10,
      early_stopping: false,
      validation_fraction: 0.1,
    });
    await expect(new MLPRegressor({ activation: 'softplus' as never }).fit(X, yLin)).rejects.toThrow(
      /The 'activation' parameter of MLPRegressor must be one of/,
    );
    await expect(new MLPRegressor({ hiddenLayerSizes: [0] }).fit(X, yLin)).rejects.toThrow(
      /hidden_layer_sizes must be > 0/,
    );
  });

  it('sgd with momentum also learns; works inside a Pipeline and crossValScore', async () => {
    const sgd = await new MLPRegressor({
      ...small,
      solver: 'sgd',
      learningRateInit: 0.05,
      learningRate: 'adaptive',
    }).fit(X, yLin);
    expect(sgd.score(X, yLin)).toBeGreaterThan(0.9);
    sgd.dispose();
    const pipe = new Pipeline([
      ['scale', new StandardScaler()],
      ['mlp', new MLPRegressor({ ...small, maxIter: 60 })],
    ]);
    expect(await pipe.fit(X, yLin)).toBe(pipe);
    expect(pipe.score(X, yLin)).toBeGreaterThan(0.8);
    pipe.dispose();
    expect((pipe.namedSteps.mlp as MLPRegressor).isFitted).toBe(false);
    const baseline = tf.memory().numTensors;
    const scores = await crossValScore(new MLPRegressor({ ...small, maxIter: 30 }), X, yLin, { cv: 3 });
    expect(scores).toHaveLength(3);
    // Each fold's MLP is disposed once scored: cross-validation leaves no tensors behind.
    expect(tf.memory().numTensors).toBe(baseline);
  });
});

describe('MLPClassifier', () => {
  it('multiclass: string classes_, probabilities summing to 1, predict = most probable class', async () => {
    const clf = await new MLPClassifier(small).fit(X, yCls);
    expect(clf.classes_).toEqual(['high', 'low', 'mid']);
    expect(clf.outActivation_).toBe('softmax');
    const proba = clf.predictProba(X);
    expect(proba).toHaveLength(X.length);
    for (const row of proba) {
      expect(row).toHaveLength(3);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    const pred = clf.predict(X);
    pred.forEach((label, i) => expect(label).toBe(clf.classes_![proba[i]!.indexOf(Math.max(...proba[i]!))]));
    expect(clf.score(X, yCls)).toBeGreaterThan(0.85);
    clf.dispose();
  });

  it('binary: one logistic output, two probability columns, early stopping on accuracy', async () => {
    const clf = await new MLPClassifier({ ...small, maxIter: 300, earlyStopping: true, nIterNoChange: 20 }).fit(
      X,
      yBin,
    );
    expect(clf.nOutputs_).toBe(1);
    expect(clf.outActivation_).toBe('logistic');
    expect(clf.classes_).toEqual([0, 1]);
    const proba = clf.predictProba(X);
    proba.forEach((r) => expect(r[0]! + r[1]!).toBeCloseTo(1, 12));
    expect(clf.validationScores_!.every((s) => s >= 0 && s <= 1)).toBe(true);
    expect(clf.stoppedEpoch_).not.toBeNull();
    expect(clf.score(X, yBin)).toBeGreaterThan(0.9);
    clf.dispose();
  });

  it('round-trips through JSON with identical probabilities and classes', async () => {
    const clf = await new MLPClassifier({ ...small, maxIter: 20 }).fit(X, yCls);
    const back = estimatorFromJSON(JSON.parse(JSON.stringify(clf.toJSON()))) as MLPClassifier;
    expect(back.classes_).toEqual(clf.classes_);
    expect(back.predictProba(X)).toEqual(clf.predictProba(X));
    [clf, back].forEach((m) => m.dispose());
  });

  it('refuses a single class', async () => {
    await expect(
      new MLPClassifier(small).fit(
        X,
        X.map(() => 'a'),
      ),
    ).rejects.toThrow(/at least 2 classes/);
  });
});

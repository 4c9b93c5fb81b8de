// MLPRegressor and MLPClassifier, scikit-learn's multi-layer perceptrons, trained with TensorFlow.js on
// the backend ml/core/tf-backend.ts chose (WebGPU, a hardware WebGL, else WASM — in Node too — else cpu), or
// the one set since with `tf.setBackend`.
//
//   const mlp = new MLPRegressor({ hiddenLayerSizes: [32, 16], maxIter: 300, randomState: 0 });
//   mlp.onEpochEnd = (epoch, logs) => console.log(epoch, logs.loss);   // optional, awaited
//   await mlp.fit(XTrain, yTrain);                                      // fit is async
//   mlp.predict(XTest); mlp.lossCurve_; mlp.nIter_;
//   mlp.dispose();                                                      // free the network's tensors
//
// Same `randomState`, same data → the same weights (seeded initializers and shuffling); the numbers are
// not scikit-learn's (different generator, float32). Training semantics, params and fitted attribute
// names are scikit-learn's; see network.ts for the loop and the hooks (`onEpochEnd`,
// `addEpochListener`, `model_.stopTraining`, `fit(X, y, {signal})`). Only the solvers 'adam' and
// 'sgd' exist ('lbfgs' does not), there is no `warm_start`, and y must be one column.
import { Classifier, Regressor, registerEstimator } from '../core/estimator';
import { DataError } from '../../lib/errors';
import { toVector, type MatrixInput, type VectorInput } from '../../data/frame';
import { toLabels, uniqueLabels, type Label } from '../core/labels';
import { MLP_DEFAULTS, type MLPParams } from './params';
import { MLPMixin, type MLPFitOptions } from './base';

export { addEpochListener, type EpochLogs, type EpochCallback, type EpochEvent, type EpochListener } from './epochs';
export type { MLPParams, Activation } from './params';
export type { MLPFitOptions } from './base';

/** Params as the constructor takes them: `hiddenLayerSizes` may be one number, as a one-element tuple in Python. */
export type MLPParamsInput = Partial<Omit<MLPParams, 'hiddenLayerSizes'>> & { hiddenLayerSizes?: number | number[] };

function normalize(params: MLPParamsInput): Partial<MLPParams> {
  const h = params.hiddenLayerSizes;
  return typeof h === 'number' ? { ...params, hiddenLayerSizes: [h] } : (params as Partial<MLPParams>);
}

/** R² of float32 predictions against targets, as scikit-learn's validation score for regressors. */
function r2(pred: Float32Array, y: Float64Array, idx: number[]): number {
  const mean = idx.reduce((s, i) => s + y[i]!, 0) / idx.length;
  let num = 0;
  let den = 0;
  idx.forEach((i, k) => {
    num += (y[i]! - pred[k]!) ** 2;
    den += (y[i]! - mean) ** 2;
  });
  return den === 0 ? (num === 0 ? 1 : 0) : 1 - num / den;
}

export class MLPRegressor extends MLPMixin(Regressor<MLPParams>) {
  static override readonly kind = 'regressor' as const;

  constructor(params: MLPParamsInput = {}) {
    super(MLP_DEFAULTS, normalize(params));
  }

  /** Train on (X, y); resolves to `this`. Squared-error loss, identity output. */
  async fit(X: MatrixInput, y: VectorInput, options: MLPFitOptions = {}): Promise<this> {
    const m = this.fitMatrix(X);
    const yv = toVector(y);
    if (yv.length !== m.rows)
      throw new DataError(`Found input variables with inconsistent numbers of samples: [${m.rows}, ${yv.length}]`);
    await this.fitNetwork(
      m,
      {
        Y: Float32Array.from(yv),
        nOut: 1,
        loss: 'squared',
        outActivation: 'identity',
        score: (pred, idx) => r2(pred, yv, idx),
      },
      options,
    );
    return this;
  }

  predict(X: MatrixInput): Float64Array {
    return Float64Array.from(this.forwardRows(X).out);
  }

  protected stateToJSON(): Record<string, unknown> {
    return this.networkState();
  }

  protected override stateFromJSON(state: Record<string, unknown>): void {
    this.restoreNetwork(state);
  }
}

export class MLPClassifier extends MLPMixin(Classifier<MLPParams>) {
  static override readonly kind = 'classifier' as const;

  constructor(params: MLPParamsInput = {}) {
    super(MLP_DEFAULTS, normalize(params));
  }

  /**
   * Train on (X, labels); resolves to `this`. Two classes: one logistic output and binary log loss;
   * more: softmax and multiclass log loss, as scikit-learn.
   */
  async fit(X: MatrixInput, y: VectorInput, options: MLPFitOptions = {}): Promise<this> {
    const m = this.fitMatrix(X);
    const labels = toLabels(y);
    if (labels.length !== m.rows)
      throw new DataError(`Found input variables with inconsistent numbers of samples: [${m.rows}, ${labels.length}]`);
    this.classes_ = uniqueLabels(labels);
    const k = this.classes_.length;
    if (k < 2) {
      throw new DataError(
        `This solver needs samples of at least 2 classes in the data, but the data contains only one ` +
          `class: ${JSON.stringify(this.classes_[0])}`,
      );
    }
    const codes = this.encodeY(labels);
    const nOut = k === 2 ? 1 : k;
    const Y = new Float32Array(m.rows * nOut);
    codes.forEach((c, i) => {
      if (k === 2) Y[i] = c;
      else Y[i * k + c] = 1;
    });
    await this.fitNetwork(
      m,
      {
        Y,
        nOut,
        loss: k === 2 ? 'binary' : 'multiclass',
        outActivation: k === 2 ? 'logistic' : 'softmax',
        stratify: labels,
        score: (pred, idx) => {
          let right = 0;
          idx.forEach((i, r) => {
            if (argmaxRow(pred, nOut, r) === codes[i]) right++;
          });
          return right / idx.length;
        },
      },
      options,
    );
    return this;
  }

  /** One row per sample, columns in `classes_` order, each row summing to 1. */
  predictProba(X: MatrixInput): number[][] {
    const { out, n } = this.forwardRows(X);
    const k = this.classes_!.length;
    if (k === 2) return Array.from({ length: n }, (_, i) => [1 - out[i]!, out[i]!]);
    return Array.from({ length: n }, (_, i) => {
      const row = Array.from(out.subarray(i * k, (i + 1) * k));
      const s = row.reduce((a, b) => a + b, 0); // float32 softmax sums to 1 ± 1e-7; make it exact-ish in float64
      return row.map((v) => v / s);
    });
  }

  protected stateToJSON(): Record<string, unknown> {
    return { ...this.networkState(), classes: this.classes_ };
  }

  protected override stateFromJSON(state: Record<string, unknown>): void {
    this.restoreNetwork(state);
    this.classes_ = state.classes as Label[];
  }
}

/** Class index of row r: 0/1 by the 0.5 threshold for one output (0 on a tie), else the argmax. */
function argmaxRow(pred: Float32Array, width: number, r: number): number {
  if (width === 1) return pred[r]! > 0.5 ? 1 : 0;
  let best = 0;
  for (let c = 1; c < width; c++) if (pred[r * width + c]! > pred[r * width + best]!) best = c;
  return best;
}

export { usesTensorFlow } from '../estimator-modules';

registerEstimator('MLPRegressor', MLPRegressor);
registerEstimator('MLPClassifier', MLPClassifier);

// What MLPRegressor and MLPClassifier share, as a mixin over the Regressor / Classifier bases (each
// must extend its own base for `score` and `kind`): the network (`model_`), fitted attributes with
// scikit-learn's names, the fit skeleton, forward passes, disposal and state ⇄ JSON.
import type * as tf from '@tensorflow/tfjs';
import type { Predictor } from '../core/estimator';
import type { Matrix, MatrixInput } from '../../data/frame';
import { DataError } from '../../lib/errors';
import type { Label } from '../core/labels';
import { seededRandom } from '../../lib/random';
import { trainTestIndices } from '../model-selection/split';
import { ensureTfBackend } from '../core/tf-backend';
import type { EpochCallback } from './epochs';
import {
  buildModel,
  forward,
  rowMajor32,
  setWeights,
  weightsToJSON,
  type Architecture,
  type OutActivation,
  type WeightsJSON,
} from './network';
import { checkMLPParams, mlpParamName, type MLPParams } from './params';
import { fitRng, train, trainResultToJSON, type LossKind, type TrainInput, type TrainResult } from './train';

export type MLPFitOptions = {
  /**
   * Stop at the next batch: fit rejects with the signal's reason and the estimator is left unfitted.
   * To stop early and keep the weights, set `model_.stopTraining = true` from an epoch callback.
   */
  signal?: AbortSignal;
};

/** What the subclass supplies to `fitNetwork`: targets as float32 rows and how to score held-out predictions. */
export type NetworkTarget = {
  Y: Float32Array;
  nOut: number;
  loss: LossKind;
  outActivation: OutActivation;
  /** Score (greater is better) of predictions for the rows `idx`, for early stopping. */
  score: (pred: Float32Array, idx: number[]) => number;
  /** Class labels, so the validation split keeps class proportions (classifiers). */
  stratify?: Label[];
};

function pick(src: Float32Array, width: number, idx: number[]): Float32Array {
  const out = new Float32Array(idx.length * width);
  idx.forEach((i, k) => out.set(src.subarray(i * width, (i + 1) * width), k * width));
  return out;
}

type PredictorCtor = abstract new (...args: any[]) => Predictor<MLPParams>;

/**
 * The members MLPMixin adds, as a named class type: the declaration emit (which the notebook's cell types
 * are generated from) cannot write a mixin's anonymous class that has protected members (TS4094), so the
 * mixin returns this type. The mixin checks its public members against the class; the subclasses' calls
 * check the protected ones.
 */
export declare abstract class MLPMembers {
  /** The TensorFlow.js network, for advanced use (summary, export); null until fitted. */
  model_: tf.LayersModel | null;
  /** Training loss per epoch (data loss + L2 penalty), as scikit-learn's `loss_curve_`. */
  lossCurve_: number[] | null;
  /** Validation score per epoch with `earlyStopping`, else null. */
  validationScores_: number[] | null;
  /** Lowest training loss (null with `earlyStopping`, as scikit-learn). */
  bestLoss_: number | null;
  bestValidationScore_: number | null;
  /** The last epoch's training loss. */
  loss_: number | null;
  /** Epochs run. */
  nIter_: number | null;
  /** Training samples seen. */
  t_: number | null;
  /** Epochs run when training stopped before `maxIter` (no improvement, `model_.stopTraining`), else null. */
  stoppedEpoch_: number | null;
  nLayers_: number | null;
  nOutputs_: number | null;
  outActivation_: OutActivation | null;
  /**
   * Called after every epoch, awaited: `(epoch, logs) => …` with a 0-based epoch and
   * `{loss, val_loss?, val_score?, learning_rate}`. Set `est.model_.stopTraining = true` inside it
   * to stop after this epoch. Not a param: clones do not copy it. (Every MLP's epochs also go to
   * `addEpochListener` listeners, after this callback.)
   */
  onEpochEnd: EpochCallback | undefined;
  get isFitted(): boolean;
  /** Free the network's tensors; the estimator is unfitted afterwards. */
  dispose(): void;
  /** Weight matrices per layer (fanIn × fanOut), as scikit-learn's `coefs_`. */
  get coefs_(): number[][][] | null;
  /** Bias vectors per layer, as scikit-learn's `intercepts_`. */
  get intercepts_(): number[][] | null;
  /** scikit-learn's names: `hidden_layer_sizes`, `beta_1`, … */
  getParams(): Record<string, unknown>;
  protected fitNetwork(m: Matrix, target: NetworkTarget, options: MLPFitOptions): Promise<void>;
  /** The network's output for X (n × nOut, row-major), after the usual input checks. */
  protected forwardRows(X: MatrixInput): { out: Float32Array; n: number };
  protected networkState(): Record<string, unknown>;
  protected restoreNetwork(s: Record<string, unknown>): void;
}

export function MLPMixin<B extends PredictorCtor>(Base: B): B & (abstract new (...args: any[]) => MLPMembers) {
  abstract class MLPBase extends Base {
    /** The TensorFlow.js network, for advanced use (summary, export); null until fitted. */
    model_: tf.LayersModel | null = null;
    /** Training loss per epoch (data loss + L2 penalty), as scikit-learn's `loss_curve_`. */
    lossCurve_: number[] | null = null;
    /** Validation score per epoch with `earlyStopping`, else null. */
    validationScores_: number[] | null = null;
    /** Lowest training loss (null with `earlyStopping`, as scikit-learn). */
    bestLoss_: number | null = null;
    bestValidationScore_: number | null = null;
    /** The last epoch's training loss. */
    loss_: number | null = null;
    /** Epochs run. */
    nIter_: number | null = null;
    /** Training samples seen. */
    t_: number | null = null;
    /** Epochs run when training stopped before `maxIter` (no improvement, `model_.stopTraining`), else null. */
    stoppedEpoch_: number | null = null;
    nLayers_: number | null = null;
    nOutputs_: number | null = null;
    outActivation_: OutActivation | null = null;
    /**
     * Called after every epoch, awaited: `(epoch, logs) => …` with a 0-based epoch and
     * `{loss, val_loss?, val_score?, learning_rate}`. Set `est.model_.stopTraining = true` inside it
     * to stop after this epoch. Not a param: clones do not copy it. (Every MLP's epochs also go to
     * `addEpochListener` listeners, after this callback.)
     */
    onEpochEnd: EpochCallback | undefined = undefined;
    private arch: Architecture | null = null;

    get isFitted(): boolean {
      return this.model_ !== null;
    }

    /** Free the network's tensors; the estimator is unfitted afterwards. */
    dispose(): void {
      this.model_?.dispose();
      this.model_ = null;
      this.arch = null;
    }

    protected async fitNetwork(m: Matrix, target: NetworkTarget, options: MLPFitOptions): Promise<void> {
      const p = this.params;
      checkMLPParams(this.estimatorName, p);
      await ensureTfBackend();
      this.dispose();
      const rng = fitRng(p.randomState);
      const hidden = ([] as number[]).concat(p.hiddenLayerSizes);
      const arch: Architecture = {
        nIn: m.cols,
        hidden,
        nOut: target.nOut,
        activation: p.activation,
        outActivation: target.outActivation,
      };
      const model = buildModel(arch, rng);
      const X = rowMajor32(m);
      let train_ = { X, Y: target.Y, n: m.rows };
      let validation: TrainInput['validation'];
      if (p.earlyStopping) {
        const { train: tr, test: va } = trainTestIndices(m.rows, {
          testSize: p.validationFraction,
          randomState: Math.floor(rng() * 2 ** 31),
          stratify: target.stratify,
        });
        if (va.length < 2) {
          model.dispose();
          throw new DataError(`The validation set is too small if validation_fraction=${p.validationFraction}.`);
        }
        train_ = { X: pick(X, m.cols, tr), Y: pick(target.Y, target.nOut, tr), n: tr.length };
        validation = {
          X: pick(X, m.cols, va),
          Y: pick(target.Y, target.nOut, va),
          n: va.length,
          score: (pred: Float32Array) => target.score(pred, va),
        };
      }
      let res: TrainResult;
      try {
        // The model is visible during training, so an epoch callback can set `model_.stopTraining`.
        this.model_ = model;
        this.arch = arch;
        res = await train({
          name: this.estimatorName,
          params: p,
          model,
          ...train_,
          nIn: m.cols,
          nOut: target.nOut,
          loss: target.loss,
          validation,
          rng,
          host: this,
          onEpochEnd: this.onEpochEnd,
          signal: options.signal,
          warn: (msg) => this.warn('ConvergenceWarning', msg),
        });
      } catch (err) {
        this.dispose(); // a fit that did not finish leaves no half-trained model behind
        throw err;
      }
      this.applyResult(res);
    }

    private applyResult(r: TrainResult): void {
      this.lossCurve_ = r.lossCurve;
      this.validationScores_ = r.validationScores;
      this.bestLoss_ = r.bestLoss;
      this.bestValidationScore_ = r.bestValidationScore;
      this.loss_ = r.lossCurve.at(-1) ?? null;
      this.nIter_ = r.nIter;
      this.t_ = r.t;
      this.stoppedEpoch_ = r.stoppedEpoch;
      this.nLayers_ = this.arch!.hidden.length + 2;
      this.nOutputs_ = this.arch!.nOut;
      this.outActivation_ = this.arch!.outActivation;
    }

    /** The network's output for X (n × nOut, row-major), after the usual input checks. */
    protected forwardRows(X: MatrixInput): { out: Float32Array; n: number } {
      const m = this.predictMatrix(X);
      return { out: forward(this.model_!, rowMajor32(m), m.rows, m.cols), n: m.rows };
    }

    /** Weight matrices per layer (fanIn × fanOut), as scikit-learn's `coefs_`. */
    get coefs_(): number[][][] | null {
      return this.layerArrays(0);
    }
    /** Bias vectors per layer, as scikit-learn's `intercepts_`. */
    get intercepts_(): number[][] | null {
      const b = this.layerArrays(1);
      return b ? b.map((x) => x[0]!) : null;
    }
    private layerArrays(which: 0 | 1): number[][][] | null {
      if (!this.model_) return null;
      return weightsToJSON(this.model_)
        .filter((_, i) => i % 2 === which)
        .map(({ shape, values }) => {
          const [rows, cols] = shape.length === 2 ? shape : [1, shape[0]!];
          return Array.from({ length: rows! }, (_, r) => values.slice(r * cols!, (r + 1) * cols!));
        });
    }

    /** scikit-learn's names: `hidden_layer_sizes`, `beta_1`, … */
    override getParams(): Record<string, unknown> {
      const entries = Object.entries(this.params).map(([k, v]) => [mlpParamName(k), v] as const);
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(entries);
    }

    protected networkState(): Record<string, unknown> {
      const r: TrainResult = {
        lossCurve: this.lossCurve_!,
        validationScores: this.validationScores_,
        bestLoss: this.bestLoss_,
        bestValidationScore: this.bestValidationScore_,
        nIter: this.nIter_!,
        t: this.t_!,
        stoppedEpoch: this.stoppedEpoch_,
      };
      return {
        ...this.inputState(),
        architecture: this.arch,
        weights: weightsToJSON(this.model_!),
        ...trainResultToJSON(r),
      };
    }

    protected restoreNetwork(s: Record<string, unknown>): void {
      this.restoreInputState(s);
      this.arch = s.architecture as Architecture;
      this.model_ = buildModel(this.arch, seededRandom(0));
      setWeights(this.model_, s.weights as WeightsJSON);
      this.applyResult({
        lossCurve: s.lossCurve as number[],
        validationScores: s.validationScores as number[] | null,
        bestLoss: s.bestLoss as number | null,
        bestValidationScore: s.bestValidationScore as number | null,
        nIter: s.nIter as number,
        t: s.t as number,
        stoppedEpoch: s.stoppedEpoch as number | null,
      });
    }
  }
  null as unknown as MLPBase satisfies { [K in keyof MLPMembers]: MLPMembers[K] };
  return MLPBase as unknown as B & (abstract new (...args: any[]) => MLPMembers);
}

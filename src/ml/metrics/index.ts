// scikit-learn's metrics, with its names, defaults and edge cases (sklearn 1.2), so a number logged
// here means what it means in MLflow runs made with scikit-learn. The formulas follow sklearn's own
// order of operations where that changes the last bits (e.g. F1 = 2·p·r / (p + r), not 2tp / (…)).
//
// Regression and label metrics live here; the ones that take probabilities or scores (logLoss,
// rocAucScore) are in probability.ts and re-exported below.
import { DataError } from '../../lib/errors';
import { toVector, type VectorInput } from '../../data/frame';
import { toLabels, uniqueLabels, labelIndex, isDiscrete, type Label } from '../core/labels';
import { warn } from '../core/warnings';

export { logLoss, rocAucScore, type LogLossOptions, type RocAucOptions } from './probability';

export interface WeightOptions {
  /** Per-sample weights, as sklearn's `sample_weight`. */
  sampleWeight?: ArrayLike<number> | null;
}

/** sklearn's `check_consistent_length`, with its message. */
export function checkSameLength(...lengths: number[]): void {
  if (lengths.some((n) => n !== lengths[0])) {
    throw new DataError(`Found input variables with inconsistent numbers of samples: [${lengths.join(', ')}].`);
  }
}

function weightsOf(n: number, sw: ArrayLike<number> | null | undefined): ArrayLike<number> | null {
  if (sw == null) return null;
  checkSameLength(n, sw.length);
  return sw;
}

function regressionPair(yTrue: VectorInput, yPred: VectorInput): [Float64Array, Float64Array] {
  const t = toVector(yTrue);
  const p = toVector(yPred);
  checkSameLength(t.length, p.length);
  if (t.length === 0) throw new DataError('Found array with 0 sample(s) while a minimum of 1 is required.');
  return [t, p];
}

/** np.average of f(i) with optional weights. */
function average(n: number, w: ArrayLike<number> | null, f: (i: number) => number): number {
  let s = 0;
  let ws = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    s += wi * f(i);
    ws += wi;
  }
  if (ws === 0) throw new DataError("Weights sum to zero, can't be normalized.");
  return s / ws;
}

export function meanSquaredError(yTrue: VectorInput, yPred: VectorInput, options: WeightOptions = {}): number {
  const [t, p] = regressionPair(yTrue, yPred);
  const w = weightsOf(t.length, options.sampleWeight);
  return average(t.length, w, (i) => (t[i]! - p[i]!) ** 2);
}

/** sklearn 1.2's `mean_squared_error(..., squared=False)` (1.4's `root_mean_squared_error`). */
export function rootMeanSquaredError(yTrue: VectorInput, yPred: VectorInput, options: WeightOptions = {}): number {
  return Math.sqrt(meanSquaredError(yTrue, yPred, options));
}

export function meanAbsoluteError(yTrue: VectorInput, yPred: VectorInput, options: WeightOptions = {}): number {
  const [t, p] = regressionPair(yTrue, yPred);
  const w = weightsOf(t.length, options.sampleWeight);
  return average(t.length, w, (i) => Math.abs(t[i]! - p[i]!));
}

export interface R2Options extends WeightOptions {
  /** sklearn's `force_finite` (default true): a constant y_true scores 1 if predicted exactly, else 0. */
  forceFinite?: boolean;
}

/** Coefficient of determination, 1 − SS_res / SS_tot (sklearn's `r2_score`). */
export function r2Score(yTrue: VectorInput, yPred: VectorInput, options: R2Options = {}): number {
  const [t, p] = regressionPair(yTrue, yPred);
  const n = t.length;
  const w = weightsOf(n, options.sampleWeight);
  if (n < 2) warn('UndefinedMetricWarning', 'R^2 score is not well-defined with less than two samples.');
  const mean = average(n, w, (i) => t[i]!);
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    num += wi * (t[i]! - p[i]!) ** 2;
    den += wi * (t[i]! - mean) ** 2;
  }
  if (den === 0 && options.forceFinite !== false) return num === 0 ? 1 : 0;
  return 1 - num / den;
}

// ---------------------------------------------------------------------------------------------------
// Label metrics

function labelPair(yTrue: VectorInput, yPred: VectorInput): [Label[], Label[]] {
  const t = toLabels(yTrue, 'y_true');
  const p = toLabels(yPred, 'y_pred');
  checkSameLength(t.length, p.length);
  const all = uniqueLabels(t, p);
  if (!isDiscrete(all)) {
    throw new DataError(
      "Classification metrics can't handle continuous targets; round or threshold the predictions first.",
    );
  }
  return [t, p];
}

export interface AccuracyOptions extends WeightOptions {
  /** Return the fraction correct (default) or, when false, the (weighted) count. */
  normalize?: boolean;
}

export function accuracyScore(yTrue: VectorInput, yPred: VectorInput, options: AccuracyOptions = {}): number {
  const [t, p] = labelPair(yTrue, yPred);
  const w = weightsOf(t.length, options.sampleWeight);
  if (options.normalize === false) {
    let s = 0;
    for (let i = 0; i < t.length; i++) if (t[i] === p[i]) s += w ? w[i]! : 1;
    return s;
  }
  return average(t.length, w, (i) => (t[i] === p[i] ? 1 : 0));
}

export interface ConfusionOptions extends WeightOptions {
  /** Labels to index the matrix (default: sorted union of y_true and y_pred); others are ignored. */
  labels?: Label[];
  /** Normalize over true rows, predicted columns, or all cells, as sklearn's `normalize`. */
  normalize?: 'true' | 'pred' | 'all' | null;
}

/** Rows are true labels, columns predicted labels, in `labels` order (sklearn's `confusion_matrix`). */
export function confusionMatrix(yTrue: VectorInput, yPred: VectorInput, options: ConfusionOptions = {}): number[][] {
  const [t, p] = labelPair(yTrue, yPred);
  const w = weightsOf(t.length, options.sampleWeight);
  const labels = options.labels ?? uniqueLabels(t, p);
  if (labels.length === 0) throw new DataError("'labels' should contain at least one label.");
  const index = labelIndex(labels);
  if (options.labels && !t.some((v) => index.has(v)))
    throw new DataError('At least one label specified must be in y_true.');
  const k = labels.length;
  const cm = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < t.length; i++) {
    const a = index.get(t[i]!);
    const b = index.get(p[i]!);
    if (a !== undefined && b !== undefined) cm[a]![b]! += w ? w[i]! : 1;
  }
  const norm = options.normalize;
  if (norm) {
    const rowSums = cm.map((r) => r.reduce((a, v) => a + v, 0));
    const colSums = labels.map((_, b) => cm.reduce((s, r) => s + r[b]!, 0));
    const total = rowSums.reduce((a, v) => a + v, 0);
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        const d = norm === 'true' ? rowSums[a]! : norm === 'pred' ? colSums[b]! : total;
        // sklearn's `np.nan_to_num` after dividing: empty rows/columns give 0.
        cm[a]![b] = d === 0 ? 0 : cm[a]![b]! / d;
      }
    }
  }
  return cm;
}

export {
  precisionScore,
  recallScore,
  f1Score,
  fbetaScore,
  precisionRecallFscoreSupport,
  type PrfOptions,
  type Average,
} from './precision-recall';

// Metrics on probabilities and scores: log loss (sklearn 1.2: clip to [eps, 1 − eps], renormalize
// rows) and ROC AUC (binary; multiclass one-vs-rest or Hand & Till one-vs-one).
import { DataError } from '../../lib/errors';
import { isMatrix, toMatrix, toVector, type Matrix, type VectorInput } from '../../data/frame';
import { isDanfoFrame } from '../../data/danfo';
import { Table } from '../../data/table';
import { toLabels, uniqueLabels, labelIndex, type Label } from '../core/labels';

/** Probabilities or scores: one value per sample, or rows (number[][]), a Matrix or a DataFrame. */
export type ScoreInput = VectorInput | ArrayLike<ArrayLike<number>> | Matrix;

/** The score columns of y, each of length n. */
function scoreColumns(y: ScoreInput): Float64Array[] {
  let m: Matrix | null = null;
  if (isMatrix(y)) m = y;
  else if (isDanfoFrame(y) || y instanceof Table) m = toMatrix(y as Table);
  else if (typeof y === 'object' && y !== null && 'length' in y && (y as ArrayLike<unknown>).length > 0) {
    const first = (y as ArrayLike<unknown>)[0];
    if (Array.isArray(first) || ArrayBuffer.isView(first)) m = toMatrix(y as ArrayLike<ArrayLike<number>>);
  }
  if (!m) return [toVector(y as VectorInput)];
  return Array.from({ length: m.cols }, (_, j) => m!.data.subarray(j * m!.rows, (j + 1) * m!.rows));
}

export interface LogLossOptions {
  /** Clip probabilities to [eps, 1 − eps]; 'auto' (default) is float64's machine epsilon. */
  eps?: number | 'auto';
  /** Mean (default) or, when false, sum of per-sample losses. */
  normalize?: boolean;
  sampleWeight?: ArrayLike<number> | null;
  /** All class labels, in case y_true lacks some; columns of the probabilities follow their sorted order. */
  labels?: Label[];
}

/** Cross-entropy of true labels under predicted probabilities (sklearn's `log_loss`). */
export function logLoss(yTrue: VectorInput, yProb: ScoreInput, options: LogLossOptions = {}): number {
  const t = toLabels(yTrue, 'y_true');
  const eps = options.eps === undefined || options.eps === 'auto' ? Number.EPSILON : options.eps;
  const classes = uniqueLabels(options.labels ?? t);
  if (classes.length === 1) {
    throw new DataError(
      options.labels
        ? `The labels array needs to contain at least two labels for log_loss, got ${JSON.stringify(classes)}.`
        : `y_true contains only one label (${JSON.stringify(classes[0])}). Please provide the true labels ` +
            `explicitly through the labels argument.`,
    );
  }
  let cols = scoreColumns(yProb);
  if (cols[0]!.length !== t.length)
    throw new DataError(
      `Found input variables with inconsistent numbers of samples: [${cols[0]!.length}, ${t.length}].`,
    );
  const clip = (v: number) => Math.min(Math.max(v, eps), 1 - eps);
  cols = cols.map((c) => Float64Array.from(c, clip));
  if (cols.length === 1) cols = [cols[0]!.map((v) => 1 - v), cols[0]!];
  if (cols.length !== classes.length) {
    throw new DataError(
      options.labels
        ? `The number of classes in labels is different from that in y_pred. Classes found in ` +
            `labels: ${JSON.stringify(classes)}.`
        : `y_true and y_pred contain different number of classes ${classes.length}, ${cols.length}. Please provide ` +
            `the true labels explicitly through the labels argument. Classes found in ` +
            `y_true: ${JSON.stringify(classes)}.`,
    );
  }
  const index = labelIndex(classes);
  const sw = options.sampleWeight ?? null;
  let total = 0;
  let wsum = 0;
  for (let i = 0; i < t.length; i++) {
    const k = index.get(t[i]!);
    if (k === undefined)
      throw new DataError(
        `y_true contains label ${JSON.stringify(t[i])}, which is not in labels ${JSON.stringify(classes)}.`,
      );
    let rowSum = 0;
    for (const c of cols) rowSum += c[i]!;
    const w = sw ? sw[i]! : 1;
    total += w * -Math.log(cols[k]![i]! / rowSum);
    wsum += w;
  }
  return options.normalize === false ? total : total / wsum;
}

export interface RocAucOptions {
  /** Multiclass strategy; like sklearn, multiclass input needs it set (default 'raise'). */
  multiClass?: 'raise' | 'ovr' | 'ovo';
  /** Multiclass average: 'macro' (default) or 'weighted' by prevalence. */
  average?: 'macro' | 'weighted';
  /** All class labels (multiclass), ordering the score columns. */
  labels?: Label[];
  sampleWeight?: ArrayLike<number> | null;
}

/** Area under the ROC curve of a 0/1 target against scores; ties count half (trapezoids). */
function binaryAuc(
  positive: ArrayLike<boolean>,
  score: ArrayLike<number>,
  sw: ArrayLike<number> | null,
  idx?: ArrayLike<number>,
): number {
  const ids = idx ? Array.from(idx) : Array.from({ length: score.length }, (_, i) => i);
  ids.sort((a, b) => score[b]! - score[a]!);
  let tps = 0;
  let fps = 0;
  let area = 0;
  let prevTps = 0;
  let prevFps = 0;
  for (let k = 0; k < ids.length; k++) {
    const i = ids[k]!;
    const w = sw ? sw[i]! : 1;
    if (positive[i]) tps += w;
    else fps += w;
    // A threshold ends where the next score differs: one trapezoid per distinct score.
    if (k === ids.length - 1 || score[ids[k + 1]!] !== score[i]) {
      area += (fps - prevFps) * (tps + prevTps);
      prevTps = tps;
      prevFps = fps;
    }
  }
  if (tps === 0 || fps === 0)
    throw new DataError('Only one class present in y_true. ROC AUC score is not defined in that case.');
  return area / (2 * tps * fps);
}

/** sklearn's `roc_auc_score`: binary (scores of the greater label), or multiclass with `multiClass`. */
export function rocAucScore(yTrue: VectorInput, yScore: ScoreInput, options: RocAucOptions = {}): number {
  const t = toLabels(yTrue, 'y_true');
  const sw = options.sampleWeight ?? null;
  let cols = scoreColumns(yScore);
  if (cols[0]!.length !== t.length)
    throw new DataError(
      `Found input variables with inconsistent numbers of samples: [${t.length}, ${cols[0]!.length}].`,
    );
  const present = uniqueLabels(t);
  const multiclass =
    present.length > 2 || (options.labels !== undefined && options.labels.length > 2) || cols.length > 2;
  if (!multiclass) {
    if (cols.length === 2) cols = [cols[1]!];
    if (present.length < 2)
      throw new DataError('Only one class present in y_true. ROC AUC score is not defined in that case.');
    const pos = present[1]!;
    return binaryAuc(
      t.map((v) => v === pos),
      cols[0]!,
      sw,
    );
  }
  const mc = options.multiClass ?? 'raise';
  if (mc === 'raise') throw new DataError("multi_class must be in ('ovo', 'ovr') for multiclass targets.");
  const classes = options.labels ? uniqueLabels(options.labels) : present;
  if (cols.length !== classes.length) {
    throw new DataError(
      `Number of given labels, ${classes.length}, not equal to the number of columns in 'y_score', ${cols.length}.`,
    );
  }
  for (let i = 0; i < t.length; i++) {
    let s = 0;
    for (const c of cols) s += c[i]!;
    if (Math.abs(s - 1) > 1e-8 + 1e-5)
      throw new DataError(
        'Target scores need to be probabilities for multiclass roc_auc, i.e. they should sum up to 1.0 over classes.',
      );
  }
  const index = labelIndex(classes);
  const y = Int32Array.from(t, (v) => {
    const k = index.get(v);
    if (k === undefined)
      throw new DataError(
        `y_true contains label ${JSON.stringify(v)}, which is not in labels ${JSON.stringify(classes)}.`,
      );
    return k;
  });
  const weighted = options.average === 'weighted';
  const scores: number[] = [];
  const weights: number[] = [];
  if (mc === 'ovr') {
    classes.forEach((_, k) => {
      const pos = Array.from(y, (v) => v === k);
      scores.push(binaryAuc(pos, cols[k]!, sw));
      let prevalence = 0;
      for (let i = 0; i < y.length; i++) if (y[i] === k) prevalence += sw ? sw[i]! : 1;
      weights.push(prevalence);
    });
  } else {
    if (sw) throw new DataError('sample_weight is not supported for multiclass one-vs-one ROC AUC.');
    for (let a = 0; a < classes.length; a++) {
      for (let b = a + 1; b < classes.length; b++) {
        const idx = [];
        for (let i = 0; i < y.length; i++) if (y[i] === a || y[i] === b) idx.push(i);
        const isA = Array.from(y, (v) => v === a);
        const isB = Array.from(y, (v) => v === b);
        scores.push((binaryAuc(isA, cols[a]!, null, idx) + binaryAuc(isB, cols[b]!, null, idx)) / 2);
        weights.push(idx.length / y.length);
      }
    }
  }
  let s = 0;
  let ws = 0;
  scores.forEach((v, k) => {
    const w = weighted ? weights[k]! : 1;
    s += w * v;
    ws += w;
  });
  return s / ws;
}

// Precision, recall and F-scores, sklearn 1.2's `precision_recall_fscore_support` step by step:
// per-label tp / predicted / true counts, `_prf_divide` for 0/0, then the chosen average.
import { DataError } from '../../lib/errors';
import type { VectorInput } from '../../data/frame';
import { toLabels, uniqueLabels, labelIndex, isDiscrete, type Label } from '../core/labels';
import { warn } from '../core/warnings';

export type Average = 'binary' | 'micro' | 'macro' | 'weighted';

export interface PrfOptions {
  /** How to combine per-label scores; `null` returns one score per label (default 'binary'). */
  average?: Average | null;
  /** The positive class when `average` is 'binary' (default 1). */
  posLabel?: Label;
  /** Labels to score, and their order when `average` is null (default: all present, sorted). */
  labels?: Label[];
  /** Value for 0/0 (default 'warn': 0 with a warning), as sklearn's `zero_division`. */
  zeroDivision?: 'warn' | 0 | 1;
  sampleWeight?: ArrayLike<number> | null;
}

export interface PrfResult {
  precision: number | number[];
  recall: number | number[];
  fscore: number | number[];
  /** Per-label count of true samples; null once averaged. */
  support: number[] | null;
}

function checkedLabels(t: Label[], p: Label[], options: PrfOptions): { labels: Label[] | null; present: Label[] } {
  const present = uniqueLabels(t, p);
  if (!isDiscrete(present))
    throw new DataError(
      "Classification metrics can't handle continuous targets; round or threshold the predictions first.",
    );
  const average = options.average === undefined ? 'binary' : options.average;
  const allowed = [null, 'binary', 'micro', 'macro', 'weighted'];
  if (!allowed.includes(average))
    throw new DataError(`average has to be one of ${JSON.stringify(allowed)}; got ${JSON.stringify(average)}.`);
  if (average === 'binary') {
    const posLabel = options.posLabel ?? 1;
    if (present.length > 2) {
      throw new DataError(
        `Target is multiclass but average='binary'. Please choose another average setting, one of [null, 'micro', ` +
          `'macro', 'weighted'].`,
      );
    }
    if (!present.includes(posLabel) && present.length >= 2) {
      throw new DataError(
        `pos_label=${JSON.stringify(posLabel)} is not a valid label. It should be one of ${JSON.stringify(present)}.`,
      );
    }
    return { labels: [posLabel], present };
  }
  return { labels: options.labels ?? null, present };
}

function divide(num: number[], den: number[], what: string, zeroDivision: PrfOptions['zeroDivision']): number[] {
  let warned = false;
  return num.map((n, k) => {
    if (den[k] !== 0) return n / den[k]!;
    if (zeroDivision === 'warn' || zeroDivision === undefined) {
      if (!warned)
        warn(
          'UndefinedMetricWarning',
          `${what} is ill-defined and being set to 0.0 in labels with ` +
            `no ${what === 'Precision' ? 'predicted' : 'true'} samples. Use \`zero_division\` parameter to control ` +
            `this behavior.`,
        );
      warned = true;
      return 0;
    }
    return zeroDivision;
  });
}

function mean(xs: number[], w: number[] | null): number {
  let s = 0;
  let ws = 0;
  xs.forEach((x, k) => {
    const wk = w ? w[k]! : 1;
    s += wk * x;
    ws += wk;
  });
  return s / ws;
}

/** sklearn's `precision_recall_fscore_support(y_true, y_pred, beta=…, average=…, …)`. */
export function precisionRecallFscoreSupport(
  yTrue: VectorInput,
  yPred: VectorInput,
  beta = 1,
  options: PrfOptions = {},
): PrfResult {
  const t = toLabels(yTrue, 'y_true');
  const p = toLabels(yPred, 'y_pred');
  if (t.length !== p.length)
    throw new DataError(`Found input variables with inconsistent numbers of samples: [${t.length}, ${p.length}].`);
  const sw = options.sampleWeight ?? null;
  const average = options.average === undefined ? 'binary' : options.average;
  const { labels: given, present } = checkedLabels(t, p, options);
  const labels = given ?? present;
  const index = labelIndex(labels);
  const k = labels.length;
  let tp = new Array<number>(k).fill(0);
  let predSum = new Array<number>(k).fill(0);
  let trueSum = new Array<number>(k).fill(0);
  for (let i = 0; i < t.length; i++) {
    const w = sw ? sw[i]! : 1;
    const a = index.get(t[i]!);
    const b = index.get(p[i]!);
    if (a !== undefined) trueSum[a]! += w;
    if (b !== undefined) predSum[b]! += w;
    if (a !== undefined && t[i] === p[i]) tp[a]! += w;
  }
  if (average === 'micro') {
    const sum = (xs: number[]) => [xs.reduce((s, x) => s + x, 0)];
    tp = sum(tp);
    predSum = sum(predSum);
    trueSum = sum(trueSum);
  }
  const precision = divide(tp, predSum, 'Precision', options.zeroDivision);
  const recall = divide(tp, trueSum, 'Recall', options.zeroDivision);
  const beta2 = beta * beta;
  const fscore =
    beta === Infinity
      ? recall.slice()
      : precision.map((pr, j) => {
          const denom = beta2 * pr + recall[j]!;
          return ((1 + beta2) * pr * recall[j]!) / (denom === 0 ? 1 : denom);
        });
  if (average === null) return { precision, recall, fscore, support: trueSum };
  let weights: number[] | null = null;
  if (average === 'weighted') {
    weights = trueSum;
    if (trueSum.reduce((s, x) => s + x, 0) === 0) {
      const z = options.zeroDivision === 1 ? 1 : 0;
      const noPred = predSum.reduce((s, x) => s + x, 0) === 0;
      return { precision: noPred ? z : 0, recall: z, fscore: noPred ? z : 0, support: null };
    }
  }
  return {
    precision: mean(precision, weights),
    recall: mean(recall, weights),
    fscore: mean(fscore, weights),
    support: null,
  };
}

type Score<O> = O extends { average: null } ? number[] : number;

export function precisionScore<O extends PrfOptions>(yTrue: VectorInput, yPred: VectorInput, options?: O): Score<O> {
  return precisionRecallFscoreSupport(yTrue, yPred, 1, options).precision as Score<O>;
}

export function recallScore<O extends PrfOptions>(yTrue: VectorInput, yPred: VectorInput, options?: O): Score<O> {
  return precisionRecallFscoreSupport(yTrue, yPred, 1, options).recall as Score<O>;
}

export function f1Score<O extends PrfOptions>(yTrue: VectorInput, yPred: VectorInput, options?: O): Score<O> {
  return precisionRecallFscoreSupport(yTrue, yPred, 1, options).fscore as Score<O>;
}

export function fbetaScore<O extends PrfOptions>(
  yTrue: VectorInput,
  yPred: VectorInput,
  beta: number,
  options?: O,
): Score<O> {
  if (!(beta >= 0)) throw new DataError(`beta should be >= 0 in the F-beta score; got ${beta}.`);
  return precisionRecallFscoreSupport(yTrue, yPred, beta, options).fscore as Score<O>;
}

// Metrics against scikit-learn 1.2.1 on fixed inputs (test/fixtures/gen_sklearn_linear.py), to 1e-12,
// plus the edge cases sklearn defines (0/0, constant targets, one class) and its error messages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as M from '../../src/ml/metrics';
import { setWarningHandler, type MLWarning } from '../../src/ml/core/warnings';
import { fixture } from './sklearn-fixture';
import { toTable } from '../../src/data/index';

const { inputs: I, expected: E } = fixture().metrics;
const close = (got: number, want: number) =>
  expect(Math.abs(got - want), `${got} vs ${want}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));

let warned: MLWarning[] = [];
let previous: ReturnType<typeof setWarningHandler>;
beforeEach(() => {
  warned = [];
  previous = setWarningHandler((w) => warned.push(w));
});
afterEach(() => {
  setWarningHandler(previous);
});

describe('metrics match scikit-learn to 1e-12', () => {
  const sw = { sampleWeight: I.sample_weight as number[] };
  const cases: [string, () => number][] = [
    ['mse', () => M.meanSquaredError(I.r_true, I.r_pred)],
    ['rmse', () => M.rootMeanSquaredError(I.r_true, I.r_pred)],
    ['mae', () => M.meanAbsoluteError(I.r_true, I.r_pred)],
    ['r2', () => M.r2Score(I.r_true, I.r_pred)],
    ['mse_weighted', () => M.meanSquaredError(I.r_true, I.r_pred, sw)],
    ['r2_weighted', () => M.r2Score(I.r_true, I.r_pred, sw)],
    ['accuracy', () => M.accuracyScore(I.y_true, I.y_pred)],
    ['accuracy_weighted', () => M.accuracyScore(I.y_true, I.y_pred, sw)],
    ['precision_binary', () => M.precisionScore(I.b_true, I.b_pred)],
    ['recall_binary', () => M.recallScore(I.b_true, I.b_pred)],
    ['f1_binary', () => M.f1Score(I.b_true, I.b_pred)],
    ['f1_binary_pos0', () => M.f1Score(I.b_true, I.b_pred, { posLabel: 0 })],
    ['precision_macro', () => M.precisionScore(I.y_true, I.y_pred, { average: 'macro' })],
    ['recall_macro', () => M.recallScore(I.y_true, I.y_pred, { average: 'macro' })],
    ['f1_macro', () => M.f1Score(I.y_true, I.y_pred, { average: 'macro' })],
    ['f1_micro', () => M.f1Score(I.y_true, I.y_pred, { average: 'micro' })],
    ['f1_weighted', () => M.f1Score(I.y_true, I.y_pred, { average: 'weighted' })],
    ['precision_weighted', () => M.precisionScore(I.y_true, I.y_pred, { average: 'weighted' })],
    ['f1_strings_macro', () => M.f1Score(I.s_true, I.s_pred, { average: 'macro' })],
    ['f1_weighted_sw', () => M.f1Score(I.y_true, I.y_pred, { average: 'weighted', ...sw })],
    ['log_loss', () => M.logLoss(I.y_true, I.proba)],
    ['log_loss_binary_vector', () => M.logLoss(I.b_true, I.score)],
    ['log_loss_sum', () => M.logLoss(I.y_true, I.proba, { normalize: false })],
    ['roc_auc_binary', () => M.rocAucScore(I.b_true, I.score)],
    ['roc_auc_binary_weighted', () => M.rocAucScore(I.b_true, I.score, sw)],
    ['roc_auc_ovr', () => M.rocAucScore(I.y_true, I.proba, { multiClass: 'ovr' })],
    ['roc_auc_ovr_weighted', () => M.rocAucScore(I.y_true, I.proba, { multiClass: 'ovr', average: 'weighted' })],
    ['roc_auc_ovo', () => M.rocAucScore(I.y_true, I.proba, { multiClass: 'ovo' })],
  ];
  for (const [key, compute] of cases) {
    it(key, () => close(compute(), E[key] as number));
  }

  it('f1 per label (average null)', () => {
    const got = M.f1Score(I.y_true, I.y_pred, { average: null });
    (E.f1_none as number[]).forEach((v, k) => close(got[k]!, v));
  });

  it('confusion matrices: default, chosen labels, normalized, string labels', () => {
    expect(M.confusionMatrix(I.y_true, I.y_pred)).toEqual(E.confusion_matrix);
    expect(M.confusionMatrix(I.y_true, I.y_pred, { labels: [2, 0] })).toEqual(E.confusion_matrix_labels);
    M.confusionMatrix(I.y_true, I.y_pred, { normalize: 'true' }).forEach((row, a) =>
      row.forEach((v, b) => close(v, E.confusion_matrix_true[a][b])),
    );
    expect(M.confusionMatrix(I.s_true, I.s_pred)).toEqual(E.confusion_matrix_strings);
  });
});

describe('inputs and edge cases', () => {
  it('takes typed arrays, Series-like objects and one-column tables for y', () => {
    const t = Float64Array.from(I.r_true as number[]);
    const series = { values: I.r_pred as number[], shape: [40], columns: ['pred'] };
    const frame = toTable({ pred: I.r_pred as number[] }); // a one-column table
    close(M.r2Score(t, series), E.r2 as number);
    close(M.r2Score(t, frame), E.r2 as number);
  });

  it('R² of a constant target: 1 when predicted exactly, else 0 (force_finite)', () => {
    expect(M.r2Score([3, 3, 3], [3, 3, 3])).toBe(1);
    expect(M.r2Score([3, 3, 3], [3, 3, 4])).toBe(0);
    expect(M.r2Score([3, 3, 3], [3, 3, 4], { forceFinite: false })).toBe(-Infinity);
  });

  it('precision with no predicted positives is 0, with a warning (zero_division="warn")', () => {
    expect(M.precisionScore([1, 0, 1], [0, 0, 0])).toBe(0);
    expect(warned[0]!.category).toBe('UndefinedMetricWarning');
    expect(M.precisionScore([1, 0, 1], [0, 0, 0], { zeroDivision: 1 })).toBe(1);
  });

  it('refuses what sklearn refuses, with its words', () => {
    expect(() => M.f1Score([0, 1, 2], [0, 1, 1])).toThrow("Target is multiclass but average='binary'");
    expect(() => M.f1Score(['a', 'b'], ['a', 'b'])).toThrow(
      'pos_label=1 is not a valid label. It should be one of ["a","b"]',
    );
    expect(() => M.accuracyScore([0, 1], [0.5, 1])).toThrow("can't handle continuous targets");
    expect(() => M.rocAucScore([1, 1, 1], [0.2, 0.3, 0.9])).toThrow('Only one class present in y_true');
    expect(() => M.rocAucScore(I.y_true, I.proba)).toThrow("multi_class must be in ('ovo', 'ovr')");
    expect(() => M.logLoss([1, 1], [0.5, 0.9])).toThrow('y_true contains only one label (1)');
    expect(() => M.meanSquaredError([1, 2, 3], [1, 2])).toThrow(
      'Found input variables with inconsistent numbers of samples: [3, 2].',
    );
    expect(() => M.accuracyScore([1, null as unknown as number], [1, 1])).toThrow(
      "Column 'y_true' has a missing value at row 1",
    );
  });

  it('log loss clips probabilities of exactly 0 to machine epsilon', () => {
    close(
      M.logLoss(
        [0, 1],
        [
          [1, 0],
          [1, 0],
        ],
      ),
      (-Math.log(1 - Number.EPSILON) - Math.log(Number.EPSILON)) / 2,
    );
  });

  it('ROC AUC counts tied scores as half', () => {
    expect(M.rocAucScore([0, 1], [0.5, 0.5])).toBe(0.5);
    expect(M.rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
  });
});

// What the Predict page shows after predicting: the output as table columns, and scores against the
// target column computed by the metric functions (checked against scikit-learn in test/ml).
import { describe, expect, it } from 'vitest';
import { toTable } from '../../src/data/index';
import { predictionTable } from '../../src/logged-model/prediction-table';
import { scorePredictions } from '../../src/logged-model/score-predictions';
import { accuracyScore, meanAbsoluteError, r2Score, rootMeanSquaredError } from '../../src/ml/metrics';

describe('predictionTable', () => {
  it('names a vector predictions, rows of values predictions_j, and keeps record keys', () => {
    const v = predictionTable(Float64Array.of(1.5, 2), 2);
    expect(v.columns).toEqual(['predictions']);
    expect(v.dtypes).toEqual(['float64']);
    expect(predictionTable(['a', 'b'], 2).dtypes).toEqual(['string']);
    const proba = predictionTable(
      [
        [0.2, 0.8],
        [0.6, 0.4],
      ],
      2,
    );
    expect(proba.columns).toEqual(['predictions_0', 'predictions_1']);
    expect(proba.values).toEqual([
      [0.2, 0.8],
      [0.6, 0.4],
    ]);
    expect(predictionTable([{ label: 'x', score: 1 }], 1).columns).toEqual(['label', 'score']);
    expect(() => predictionTable([1, 2], 3)).toThrow('The model returned 2 predictions for 3 rows.');
  });
});

describe('scorePredictions', () => {
  it('scores numbers with the regression metrics, leaving out rows with a missing target', () => {
    const target = toTable({ y: [3, null, 5, 7.5] });
    const pred = predictionTable(Float64Array.of(2.5, 9, 5.5, 7), 4);
    const s = scorePredictions(target.spec(0), pred.spec(0));
    const t = [3, 5, 7.5];
    const p = [2.5, 5.5, 7];
    expect(s).toEqual({
      kind: 'regression',
      rows: 3,
      metrics: {
        mean_absolute_error: meanAbsoluteError(t, p),
        root_mean_squared_error: rootMeanSquaredError(t, p),
        r2_score: r2Score(t, p),
      },
    });
  });

  it('scores labels with accuracy, and whole-number classes with accuracy besides the errors', () => {
    const s = scorePredictions(toTable({ y: ['a', 'b', 'b'] }).spec(0), predictionTable(['a', 'a', 'b'], 3).spec(0));
    expect(s).toEqual({
      kind: 'classification',
      rows: 3,
      metrics: { accuracy_score: accuracyScore(['a', 'b', 'b'], ['a', 'a', 'b']) },
    });
    const ints = scorePredictions(toTable({ y: [5, 6, 6] }).spec(0), predictionTable([5, 6, 7], 3).spec(0));
    expect(ints.metrics.accuracy_score).toBe(accuracyScore([5, 6, 6], [5, 6, 7]));
    expect(scorePredictions(toTable({ y: [1, 0] }).spec(0), predictionTable(['1', '1'], 2).spec(0)).metrics).toEqual({
      accuracy_score: 0.5,
    });
  });
});

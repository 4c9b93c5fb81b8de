import { afterEach, describe, expect, it } from 'vitest';
import ref from '../fixtures/sklearn_preprocessing.json';
import {
  GridSearch,
  clone,
  crossValScore,
  crossValidate,
  getScorer,
  parameterGrid,
  type GridSearchEvent,
} from '../../src/ml/model-selection';
import { Pipeline } from '../../src/ml/pipeline';
import { StandardScaler } from '../../src/ml/preprocessing';
import { ElasticNet } from '../../src/ml/linear-model/elastic-net';
import { LinearRegression } from '../../src/ml/linear-model/linear-regression';
import { Classifier, Regressor, type EstimatorJSON } from '../../src/ml/core/estimator';
import { setWarningHandler, type MLWarning } from '../../src/ml/core/warnings';
import { KFold } from '../../src/ml/model-selection/split';
import type { MatrixInput } from '../../src/data/frame';
import type { Label } from '../../src/ml/core/labels';

const P = ref.pipeline;
const G = ref.model_selection.grid;

const enetPipe = () =>
  new Pipeline([
    ['scaler', new StandardScaler()],
    ['model', new ElasticNet({ alpha: 0.1 })],
  ]);

function expectAllClose(got: ArrayLike<number>, expected: number[], digits: number): void {
  expect(got.length).toBe(expected.length);
  expected.forEach((e, i) => expect(got[i]!).toBeCloseTo(e, digits));
}

/** A tiny classifier for these tests: nearest class mean on one feature, probabilities by softmax of -distance. */
class NearestMean extends Classifier<{ temperature: number }> {
  static override readonly kind = 'classifier' as const;
  means_: number[] | undefined;
  constructor(params: Partial<{ temperature: number }> = {}) {
    super({ temperature: 1 }, params);
  }
  get isFitted(): boolean {
    return this.means_ !== undefined;
  }
  fit(X: MatrixInput, y: Label[]): this {
    const m = this.fitMatrix(X);
    this.classes_ = [...new Set(y)].sort();
    this.means_ = this.classes_.map((c) => {
      const xs = y.flatMap((v, i) => (v === c ? [m.data[i]!] : []));
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    });
    return this;
  }
  predictProba(X: MatrixInput): number[][] {
    const m = this.predictMatrix(X);
    return Array.from(m.data.subarray(0, m.rows), (x) => {
      const e = this.means_!.map((mu) => Math.exp(-Math.abs(x - mu) / this.params.temperature));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    });
  }
  protected stateToJSON() {
    return { means: this.means_ };
  }
}

/** A regressor whose fit fails when `fail` is set, for errorScore. */
class Failing extends Regressor<{ fail: boolean }> {
  static override readonly kind = 'regressor' as const;
  fitted = false;
  constructor(params: Partial<{ fail: boolean }> = {}) {
    super({ fail: false }, params);
  }
  get isFitted(): boolean {
    return this.fitted;
  }
  fit(): this {
    if (this.params.fail) throw new Error('boom');
    this.fitted = true;
    return this;
  }
  predict(X: MatrixInput): Float64Array {
    return new Float64Array(this.predictMatrix(X).rows);
  }
  protected stateToJSON() {
    return {};
  }
}

describe('crossValScore / crossValidate', () => {
  it('matches scikit-learn for a Pipeline (default scoring r2, 5 unshuffled folds), leaving it unfitted', async () => {
    const pipe = enetPipe();
    const scores = await crossValScore(pipe, P.X, P.y, { cv: 5 });
    expectAllClose(scores, ref.model_selection.cv_r2, 6);
    expect(pipe.isFitted).toBe(false);
  });

  it('matches scikit-learn for neg_mean_squared_error and neg_mean_absolute_error', async () => {
    expectAllClose(
      await crossValScore(new LinearRegression(), P.X, P.y, {
        cv: new KFold({ nSplits: 3 }),
        scoring: 'neg_mean_squared_error',
      }),
      ref.model_selection.cv_neg_mse,
      9,
    );
    expectAllClose(
      await crossValScore(new LinearRegression(), P.X, P.y, { cv: 3, scoring: 'neg_mean_absolute_error' }),
      ref.model_selection.cv_neg_mae,
      9,
    );
  });

  it('crossValidate reports times, train scores and the fitted fold estimators', async () => {
    const r = await crossValidate(new LinearRegression(), P.X, P.y, {
      cv: 4,
      returnTrainScore: true,
      returnEstimator: true,
      scoring: 'neg_root_mean_squared_error',
    });
    expect(r.testScore).toHaveLength(4);
    expect(r.trainScore!.every((s) => s < 0)).toBe(true);
    expect(r.fitTime.every((t) => t >= 0)).toBe(true);
    expect(r.estimators!.every((e) => e.isFitted)).toBe(true);
  });

  it('uses stratified folds for classifiers and scores with accuracy, f1_macro and neg_log_loss', async () => {
    const X = [0, 0.2, 0.4, 1, 1.2, 1.4, 2, 2.2, 2.4].map((v) => [v]);
    const y = ['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c'];
    // Sorted by class: plain KFold(3) would test each class on a model that never saw it (accuracy 0).
    expect(await crossValScore(new NearestMean(), X, y, { cv: 3, scoring: 'accuracy' })).toEqual([1, 1, 1]);
    expect(
      await crossValScore(new NearestMean(), X, y, { cv: new KFold({ nSplits: 3 }), scoring: 'accuracy' }),
    ).toEqual([0, 0, 0]);
    expect(await crossValScore(new NearestMean(), X, y, { cv: 3, scoring: 'f1_macro' })).toEqual([1, 1, 1]);
    const ll = await crossValScore(new NearestMean(), X, y, { cv: 3, scoring: 'neg_log_loss' });
    expect(ll.every((s) => s < 0 && s > -1.2)).toBe(true);
  });

  it('a failing fit scores NaN with a warning, or rethrows with errorScore "raise"', async () => {
    const seen: MLWarning[] = [];
    const prev = setWarningHandler((w) => seen.push(w));
    try {
      const scores = await crossValScore(new Failing({ fail: true }), P.X, P.y, { cv: 3 });
      expect(scores.every(Number.isNaN)).toBe(true);
      expect(seen[0]!.message).toMatch(/Estimator fit failed.*boom/);
    } finally {
      setWarningHandler(prev);
    }
    await expect(crossValScore(new Failing({ fail: true }), P.X, P.y, { cv: 3, errorScore: 'raise' })).rejects.toThrow(
      'boom',
    );
  });

  it('refuses unknown scoring names, listing the valid ones', () => {
    expect(() => getScorer('r3')).toThrow(
      /'r3' is not a valid scoring value. Valid options are: .*neg_mean_squared_error.*r2/,
    );
  });
});

describe('clone', () => {
  it('copies params, not fitted state, and does not share nested arrays', () => {
    const e = new ElasticNet({ alpha: 0.3 }).fit(P.X, P.y);
    const c = clone(e);
    expect(c).toBeInstanceOf(ElasticNet);
    expect(c.params).toEqual(e.params);
    expect(c.isFitted).toBe(false);
  });
});

describe('parameterGrid', () => {
  it("enumerates like scikit-learn's ParameterGrid: keys sorted, last key fastest", () => {
    expect(parameterGrid({ b: [1, 2], a: ['x', 'y'] })).toEqual([
      { a: 'x', b: 1 },
      { a: 'x', b: 2 },
      { a: 'y', b: 1 },
      { a: 'y', b: 2 },
    ]);
    expect(parameterGrid([{ a: [1] }, { b: [2, 3] }])).toEqual([{ a: 1 }, { b: 2 }, { b: 3 }]);
    expect(() => parameterGrid({ a: [] })).toThrow(/needs to be a non-empty list/);
  });
});

describe('GridSearch', () => {
  let unsubscribe: (() => void) | undefined;
  afterEach(() => unsubscribe?.());

  const camelGrid = { model__alpha: [0.01, 0.1, 1.0], model__l1Ratio: [0.2, 0.8] };
  const toSnake = (p: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(p).map(([k, v]) => [k.replace('l1Ratio', 'l1_ratio'), v]));

  it('matches scikit-learn GridSearchCV: cv_results_, ranks, best params/score and refit predictions', async () => {
    const search = new GridSearch(enetPipe(), camelGrid, { cv: 4, scoring: 'neg_root_mean_squared_error' });
    await search.fit(P.X, P.y);
    const r = search.cvResults_!;
    expect(r.params.map(toSnake)).toEqual(G.params);
    expectAllClose(r.mean_test_score, G.mean_test_score, 6);
    expectAllClose(r.std_test_score, G.std_test_score, 6);
    expectAllClose(r.split0_test_score as number[], G.split0_test_score, 6);
    expect(r.rank_test_score).toEqual(G.rank_test_score);
    expect(r.param_model__l1_ratio).toEqual([0.2, 0.8, 0.2, 0.8, 0.2, 0.8]);
    expect(r.mean_fit_time).toHaveLength(6);
    expect(search.bestIndex_).toBe(G.best_index_);
    expect(toSnake(search.bestParams_!)).toEqual(G.best_params_);
    expect(search.bestScore_!).toBeCloseTo(G.best_score_, 6);
    expectAllClose(search.predict(P.X_query), G.predict, 5);
    expect((search.bestEstimator_ as Pipeline).namedSteps.model).toMatchObject({
      params: { alpha: 0.01, l1Ratio: 0.8 },
    });
    expect(search.score(P.X, P.y)).toBeLessThan(0); // the search's scoring, not R²
  });

  it("accepts scikit-learn's snake_case grid names", async () => {
    const search = await new GridSearch(
      enetPipe(),
      { model__alpha: [0.01, 1.0], model__l1_ratio: [0.8] },
      { cv: 4 },
    ).fit(P.X, P.y);
    expect(search.bestParams_).toEqual({ model__alpha: 0.01, model__l1_ratio: 0.8 });
    expect((search.bestEstimator_ as Pipeline).namedSteps.model).toMatchObject({ params: { l1Ratio: 0.8 } });
  });

  it('emits start, one candidate event per combination (awaited, in order), then end; onCandidate too', async () => {
    const events: string[] = [];
    unsubscribe = GridSearch.addListener(async (e: GridSearchEvent) => {
      await new Promise((r) => setTimeout(r, 1));
      if (e.type === 'start') events.push(`start:${e.candidates.length}x${e.nSplits}`);
      else if (e.type === 'candidate')
        events.push(`candidate:${e.index}/${e.total}:${e.params.alpha}:${e.splitTestScores.length}`);
      else events.push(`end:${e.search.bestEstimator_ !== null}`);
    });
    const infos: number[] = [];
    const search = new GridSearch(
      new ElasticNet(),
      { alpha: [0.01, 0.1] },
      { cv: 3, onCandidate: (info) => void infos.push(info.meanTestScore) },
    );
    await search.fit(P.X, P.y);
    expect(events).toEqual(['start:2x3', 'candidate:0/2:0.01:3', 'candidate:1/2:0.1:3', 'end:true']);
    expect(infos).toEqual(search.cvResults_!.mean_test_score);
    unsubscribe();
    events.length = 0;
    await search.fit(P.X, P.y);
    expect(events).toEqual([]);
  });

  it('is an estimator: deep params, kind of the wrapped estimator, NotFitted and refit=false', async () => {
    const search = new GridSearch(enetPipe(), camelGrid, { cv: 4 });
    expect(search.kind).toBe('regressor');
    const p = search.getParams();
    expect(p.estimator__model__alpha).toBe(0.1);
    expect(p.cv).toBe(4);
    expect(p.param_grid).toBe(JSON.stringify(camelGrid));
    expect(() => search.predict(P.X)).toThrow(/not fitted/);
    const noRefit = await new GridSearch(new ElasticNet(), { alpha: [0.1, 1] }, { cv: 3, refit: false }).fit(P.X, P.y);
    expect(noRefit.bestParams_).toEqual({ alpha: 0.1 });
    expect(() => noRefit.predict(P.X)).toThrow(/refit=false/);
  });

  it('round-trips through JSON text with identical predictions, and clones unfitted', async () => {
    const search = await new GridSearch(enetPipe(), camelGrid, { cv: 4 }).fit(P.X, P.y);
    const back = GridSearch.fromJSON(JSON.parse(JSON.stringify(search.toJSON())) as EstimatorJSON);
    expect(Array.from(back.predict(P.X_query))).toEqual(Array.from(search.predict(P.X_query)));
    expect(back.bestParams_).toEqual(search.bestParams_);
    expect(back.cvResults_!.rank_test_score).toEqual(search.cvResults_!.rank_test_score);
    const c = clone(search);
    expect(c.isFitted).toBe(false);
    expect(c.params.estimator).not.toBe(search.params.estimator);
  });
});

import { describe, expect, it } from 'vitest';
import * as dfd from 'danfojs';
import ref from '../fixtures/sklearn_preprocessing.json';
import { Pipeline, makePipeline } from '../../src/ml/pipeline';
import {
  MinMaxScaler,
  OneHotEncoder,
  StandardScaler,
  ColumnTransformer,
  SimpleImputer,
} from '../../src/ml/preprocessing';
import { ElasticNet } from '../../src/ml/linear-model/elastic-net';
import { LinearRegression } from '../../src/ml/linear-model/linear-regression';
import { estimatorFromJSON, type Estimator } from '../../src/ml/core/estimator';
import { clone } from '../../src/ml/model-selection';
import { toRows } from '../../src/data/frame';
import { NotFittedError } from '../../src/lib/errors';

const P = ref.pipeline;

function expectAllClose(got: ArrayLike<number>, expected: number[], digits: number): void {
  expect(got.length).toBe(expected.length);
  expected.forEach((e, i) => expect(got[i]!).toBeCloseTo(e, digits));
}

function roundTrip<E extends Estimator>(est: E): E {
  return estimatorFromJSON(JSON.parse(JSON.stringify(est.toJSON()))) as unknown as E;
}

describe('Pipeline', () => {
  it('StandardScaler + LinearRegression matches scikit-learn (predict, score, coef_)', async () => {
    const pipe = new Pipeline([
      ['scaler', new StandardScaler()],
      ['model', new LinearRegression()],
    ]);
    await pipe.fit(P.X, P.y);
    expectAllClose(pipe.predict(P.X_query), P.linear_regression.predict, 9);
    expect(pipe.score(P.X, P.y)).toBeCloseTo(P.linear_regression.score, 12);
    expectAllClose((pipe.namedSteps.model as LinearRegression).coef_!, P.linear_regression.coef_, 9);
  });

  it('StandardScaler + ElasticNet matches scikit-learn', async () => {
    const pipe = new Pipeline([
      ['scaler', new StandardScaler()],
      ['model', new ElasticNet({ alpha: 0.1, l1Ratio: 0.5 })],
    ]);
    await pipe.fit(P.X, P.y);
    expectAllClose(pipe.predict(P.X_query), P.elastic_net.predict, 6);
    expect(pipe.score(P.X, P.y)).toBeCloseTo(P.elastic_net.score, 6);
  });

  it('is an estimator: kind of its final step, fitted steps, NotFittedError before fit', async () => {
    const pipe = new Pipeline([
      ['scaler', new StandardScaler()],
      ['model', new LinearRegression()],
    ]);
    expect(pipe.kind).toBe('regressor');
    expect(pipe.isFitted).toBe(false);
    expect(() => pipe.predict(P.X)).toThrow(NotFittedError);
    const r = pipe.fit(P.X, P.y);
    expect(r).toBe(pipe); // synchronous final step: fit returns the pipeline itself
    expect(pipe.isFitted).toBe(true);
    expect((pipe.namedSteps.scaler as StandardScaler).mean_).toHaveLength(3);
    expect(pipe.nFeaturesIn_).toBe(3);
    expect(pipe.featureNamesIn_).toBeUndefined(); // number[][] has no column names
    expect(new Pipeline([['s', new StandardScaler()]]).kind).toBe('transformer');
  });

  it("getParams is scikit-learn's deep form; setParams routes step__param (camelCase or snake_case)", () => {
    const pipe = new Pipeline([
      ['scaler', new StandardScaler()],
      ['model', new ElasticNet({ alpha: 0.5 })],
    ]);
    const p = pipe.getParams();
    expect(p.steps).toBe("[('scaler', StandardScaler()), ('model', ElasticNet(alpha=0.5))]");
    expect(p.model).toBe('ElasticNet(alpha=0.5)');
    expect(p.model__alpha).toBe(0.5);
    expect(p.model__l1_ratio).toBe(0.5);
    expect(p.scaler__with_mean).toBe(true);
    expect(p.verbose).toBe(false);
    pipe.setParams({ model__l1Ratio: 0.9, model__alpha: 2, scaler__with_mean: false });
    expect((pipe.namedSteps.model as ElasticNet).params).toMatchObject({ l1Ratio: 0.9, alpha: 2 });
    expect((pipe.namedSteps.scaler as StandardScaler).params.withMean).toBe(false);
    pipe.setParams({ scaler: new MinMaxScaler() });
    expect(pipe.namedSteps.scaler).toBeInstanceOf(MinMaxScaler);
    expect(() => pipe.setParams({ nope__alpha: 1 })).toThrow(/no step named 'nope'/);
    expect(() => pipe.setParams({ model__nope: 1 })).toThrow(/Invalid parameter 'nope'/);
  });

  it('refuses duplicate names, __ in names and non-transformer intermediate steps', () => {
    expect(
      () =>
        new Pipeline([
          ['a', new StandardScaler()],
          ['a', new LinearRegression()],
        ]),
    ).toThrow(/not unique/);
    expect(() => new Pipeline([['a__b', new LinearRegression()]])).toThrow(/must not contain __/);
    expect(
      () =>
        new Pipeline([
          ['lr', new LinearRegression()],
          ['m', new LinearRegression()],
        ]),
    ).toThrow(/intermediate steps should be transformers.*'lr' \(LinearRegression\(\)\)/);
  });

  it("'passthrough' steps are skipped", async () => {
    const pipe = new Pipeline([
      ['scaler', 'passthrough'],
      ['model', new LinearRegression()],
    ]);
    await pipe.fit(P.X, P.y);
    const plain = new LinearRegression().fit(P.X, P.y);
    expect(Array.from(pipe.predict(P.X_query))).toEqual(Array.from(plain.predict(P.X_query)));
  });

  it('round-trips through JSON with identical predictions; unfitted steps stay unfitted', async () => {
    const pipe = new Pipeline([
      ['scaler', new StandardScaler()],
      ['model', new ElasticNet({ alpha: 0.1 })],
    ]);
    const unfitted = roundTrip(pipe);
    expect(unfitted.isFitted).toBe(false);
    expect(unfitted.getParams()).toEqual(pipe.getParams());
    await pipe.fit(P.X, P.y);
    const back = roundTrip(pipe);
    expect(back).toBeInstanceOf(Pipeline);
    expect(back.isFitted).toBe(true);
    expect(Array.from(back.predict(P.X_query))).toEqual(Array.from(pipe.predict(P.X_query)));
    expect(back.toJSON().params).toEqual(pipe.toJSON().params);
  });

  it('clone gives unfitted copies of every step', async () => {
    const pipe = new Pipeline([
      ['scaler', new StandardScaler()],
      ['model', new LinearRegression()],
    ]);
    await pipe.fit(P.X, P.y);
    const c = clone(pipe);
    expect(c.isFitted).toBe(false);
    expect(c.namedSteps.scaler).not.toBe(pipe.namedSteps.scaler);
    expect((c.namedSteps.scaler as StandardScaler).isFitted).toBe(false);
    expect(c.getParams()).toEqual(pipe.getParams());
  });

  it('runs a ColumnTransformer on a DataFrame with strings and missing values, feature names passed on', async () => {
    const df = new dfd.DataFrame({
      mass: [3750, 3800, NaN, 3450, 3650, 4200, 4500, 5000],
      island: ['Torgersen', 'Biscoe', 'Dream', 'Biscoe', 'Dream', 'Biscoe', 'Torgersen', 'Dream'],
      sex: ['male', 'female', 'female', null, 'male', 'female', 'male', 'male'],
    });
    const y = [40, 41, 38, 37, 39, 45, 47, 50];
    const pre = new ColumnTransformer([
      [
        'num',
        new Pipeline([
          ['impute', new SimpleImputer({ strategy: 'median' })],
          ['scale', new StandardScaler()],
        ]),
        ['mass'],
      ],
      [
        'cat',
        new Pipeline([
          ['impute', new SimpleImputer({ strategy: 'most_frequent' })],
          ['onehot', new OneHotEncoder({ handleUnknown: 'ignore' })],
        ]),
        ['island', 'sex'],
      ],
    ]);
    const pipe = new Pipeline([
      ['pre', pre],
      ['model', new LinearRegression()],
    ]);
    await pipe.fit(df, y);
    expect(pipe.getFeatureNamesOut()).toEqual([
      'num__mass',
      'cat__island_Biscoe',
      'cat__island_Dream',
      'cat__island_Torgersen',
      'cat__sex_female',
      'cat__sex_male',
    ]);
    expect((pipe.namedSteps.model as LinearRegression).featureNamesIn_).toEqual(pipe.getFeatureNamesOut());
    expect(pipe.featureNamesIn_).toEqual(['mass', 'island', 'sex']);
    const pred = pipe.predict(df);
    expect(pred).toHaveLength(8);
    const back = roundTrip(pipe);
    expect(Array.from(back.predict(df))).toEqual(Array.from(pred));
  });

  it('transform / fitTransform for an all-transformer pipeline, and makePipeline names steps', () => {
    const pipe = makePipeline(new SimpleImputer(), new StandardScaler());
    expect(Object.keys(pipe.namedSteps)).toEqual(['simpleimputer', 'standardscaler']);
    const out = pipe.fitTransform([
      [1, 2],
      [NaN, 4],
      [3, 6],
    ]);
    expect(toRows(out)).toEqual(
      [
        [-Math.sqrt(1.5), -Math.sqrt(1.5)],
        [0, 0],
        [Math.sqrt(1.5), Math.sqrt(1.5)],
      ].map((r) => r.map((v) => expect.closeTo(v, 12))),
    );
    expect(() => pipe.predict([[1, 2]])).toThrow(/has no attribute 'predict'/);
    expect(Object.keys(makePipeline(new StandardScaler(), new StandardScaler()).namedSteps)).toEqual([
      'standardscaler-1',
      'standardscaler-2',
    ]);
  });
});

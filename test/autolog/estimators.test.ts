// mlflow.autolog() with Kiroku's estimators: what MLflow's sklearn autolog records, in Node.
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ElasticNet,
  LogisticRegression,
  Pipeline,
  StandardScaler,
  GridSearch,
  MLPRegressor,
  meanSquaredError,
  r2Score,
} from '../../src/ml/index';
import { InterruptError } from '../../src/lib/errors';
import { nameDataset } from '../../src/autolog/index';
import { autolog } from '../../src/autolog/index';
import { closeStores } from '../../src/tracking/uri';
import { autologged, wine } from './helpers';

afterEach(async () => {
  await closeStores();
});

describe('autolog: ElasticNet on wine-quality', () => {
  it('makes one FINISHED run with params, training metrics, tags, dataset, model and environment', async () => {
    const mlflow = autologged();
    const { X, y } = await wine();
    const model = new ElasticNet({ alpha: 0.02, l1Ratio: 0.5 }).fit(X, y);
    await mlflow.flush();
    const runs = await mlflow.searchRuns();
    expect(runs.length).toBe(1);
    const run = runs[0]!;
    expect(run.info.status).toBe('FINISHED');
    expect(run.info.endTime).toBeGreaterThanOrEqual(run.info.startTime);
    expect(mlflow.lastActiveRun()?.info.runId).toBe(run.info.runId);
    expect(run.data.params).toEqual({
      alpha: '0.02',
      copy_X: 'True',
      fit_intercept: 'True',
      l1_ratio: '0.5',
      max_iter: '1000',
      positive: 'False',
      precompute: 'False',
      random_state: 'None',
      selection: 'cyclic',
      tol: '0.0001',
      warm_start: 'False',
    });
    expect(Object.keys(run.data.metrics).sort()).toEqual([
      'training_mean_absolute_error',
      'training_mean_squared_error',
      'training_r2_score',
      'training_root_mean_squared_error',
      'training_score',
    ]);
    expect(run.data.metrics.training_r2_score).toBe(r2Score(y, model.predict(X)));
    expect(run.data.metrics.training_score).toBe(run.data.metrics.training_r2_score);
    expect(run.data.tags).toMatchObject({
      estimator_name: 'ElasticNet',
      estimator_class: 'kiroku.ml.ElasticNet',
      'mlflow.autologging': 'kiroku_ml',
    });
    expect(run.inputs.datasetInputs).toEqual([
      {
        dataset: expect.objectContaining({
          name: 'dataset',
          digest: expect.stringMatching(/^[0-9a-f]{8}$/),
          profile: '{"num_rows":1599,"num_elements":17589}',
        }),
        tags: { 'mlflow.data.context': 'train' },
      },
    ]);
    const files = (await mlflow.client().listArtifactFiles(run.info.runId)).map((f) => f.path).sort();
    expect(files).toEqual([
      'environment/environment.json',
      'environment/requirements.txt',
      'model/MLmodel',
      'model/input_example.json',
      'model/model.json',
      'model/requirements.txt',
    ]);
    const mlmodel = parse(await (await mlflow.getArtifact(run.info.runId, 'model/MLmodel')).text());
    expect(JSON.parse(mlmodel.signature.inputs)).toHaveLength(11);
    expect(JSON.parse(mlmodel.signature.inputs)[0]).toEqual({ type: 'double', name: 'fixed acidity', required: true });
    const example = JSON.parse(await (await mlflow.getArtifact(run.info.runId, 'model/input_example.json')).text());
    expect(example.data).toHaveLength(5);
    expect(example.columns).toEqual(X.columns);

    // The logged model predicts exactly what the in-memory one does.
    const newRows = X.iloc({ rows: ['100:110'] });
    const loaded = await mlflow.pyfunc.loadModel(`runs:/${run.info.runId}/model`);
    expect(Array.from(loaded.predict<Float64Array>(newRows))).toEqual(Array.from(model.predict(newRows)));
  });

  it("logs into the user's run without ending it; exclusive keeps out", async () => {
    const mlflow = autologged();
    const { X, y } = await wine();
    const run = await mlflow.startRun({ runName: 'mine' });
    new ElasticNet({ alpha: 0.1 }).fit(X, y);
    await mlflow.flush();
    const mine = await mlflow.getRun(run.info.runId);
    expect(mine.info.status).toBe('RUNNING');
    expect(mine.data.params.alpha).toBe('0.1');
    await mlflow.endRun();

    autolog(mlflow, { exclusive: true });
    const other = await mlflow.startRun({ runName: 'excl' });
    new ElasticNet({ alpha: 0.3 }).fit(X, y);
    await mlflow.flush();
    expect((await mlflow.getRun(other.info.runId)).data.params).toEqual({});
    await mlflow.endRun();
    expect((await mlflow.searchRuns()).length).toBe(2);
  });

  it('ends a run FAILED when fit throws, KILLED when it is interrupted, and rethrows', async () => {
    const mlflow = autologged();
    expect(() => new ElasticNet().fit([[1, NaN]], [1])).toThrow(/missing value/);
    // The kernel's interrupt check raises inside the training loop, here at the end of an epoch.
    const net = new MLPRegressor({ hiddenLayerSizes: [2], maxIter: 3 });
    net.onEpochEnd = () => {
      throw new InterruptError();
    };
    await expect(net.fit([[1], [2], [3]], [1, 2, 3])).rejects.toThrow('Execution interrupted by the user.');
    await mlflow.flush();
    const statuses = (await mlflow.searchRuns({ orderBy: ['attributes.start_time ASC'] })).map((r) => r.info.status);
    expect(statuses.sort()).toEqual(['FAILED', 'KILLED']);
  });

  it('logs a pipeline once, with its deep params; its steps make no runs of their own', async () => {
    const mlflow = autologged();
    const { X, y } = await wine();
    new Pipeline([
      ['scaler', new StandardScaler()],
      ['model', new ElasticNet({ alpha: 0.05 })],
    ]).fit(X, y);
    new StandardScaler().fit(X); // a top-level transformer fit is a run too, as in MLflow
    await mlflow.flush();
    const runs = await mlflow.searchRuns({ orderBy: ['attributes.start_time ASC'] });
    expect(runs.map((r) => r.data.tags.estimator_name).sort()).toEqual(['Pipeline', 'StandardScaler']);
    const pipe = runs.find((r) => r.data.tags.estimator_name === 'Pipeline')!;
    expect(pipe.data.params).toMatchObject({
      model__alpha: '0.05',
      steps: "[('scaler', StandardScaler()), ('model', ElasticNet(alpha=0.05))]",
    });
    expect(pipe.data.metrics.training_r2_score).toBeGreaterThan(0.3);
  });

  it("logs post-training metrics on the model's run, numbering repeated calls", async () => {
    const mlflow = autologged();
    const { X, y } = await wine();
    const model = new ElasticNet({ alpha: 0.02 }).fit(X, y);
    const XTest = nameDataset(X.iloc({ rows: ['0:200'] }), 'test');
    const yTest = y.iloc(['0:200']);
    const pred = model.predict(XTest);
    const mse = meanSquaredError(yTest, pred);
    meanSquaredError(yTest, pred);
    r2Score(yTest, model.predict(X.iloc({ rows: ['200:400'] })));
    meanSquaredError(yTest, Array.from(pred)); // a copy is not the model's output: not logged
    await mlflow.flush();
    const run = (await mlflow.searchRuns())[0]!;
    expect(run.data.metrics).toMatchObject({
      mean_squared_error_test: mse,
      'mean_squared_error-2_test': mse,
      r2_score_eval: expect.any(Number),
    });
    expect(
      Object.keys(run.data.metrics)
        .filter((k) => !k.startsWith('training_'))
        .sort(),
    ).toEqual(['mean_squared_error-2_test', 'mean_squared_error_test', 'r2_score_eval']);
    const info = JSON.parse(await (await mlflow.getArtifact(run.info.runId, 'metric_info.json')).text());
    expect(Object.keys(info).sort()).toEqual(['mean_squared_error-2_test', 'mean_squared_error_test', 'r2_score_eval']);
  });

  it('records classifier metrics for LogisticRegression', async () => {
    const mlflow = autologged();
    const { X, y } = await wine();
    const good = Array.from(y.values as number[], (q) => (q >= 6 ? 'good' : 'bad'));
    new LogisticRegression({ maxIter: 200 }).fit(X, good);
    await mlflow.flush();
    const run = (await mlflow.searchRuns())[0]!;
    expect(Object.keys(run.data.metrics).sort()).toEqual([
      'training_accuracy_score',
      'training_f1_score',
      'training_log_loss',
      'training_precision_score',
      'training_recall_score',
      'training_roc_auc',
      'training_score',
    ]);
    expect(run.data.metrics.training_roc_auc).toBeGreaterThan(0.7);
  });

  it('logs per-epoch metrics of an MLP with step = epoch, and its summary', async () => {
    const mlflow = autologged({ logDatasets: false });
    const X = Array.from({ length: 64 }, (_, i) => [i / 64, (i % 7) / 7]);
    const y = X.map(([a, b]) => 2 * a! - b!);
    await new MLPRegressor({ hiddenLayerSizes: [8], maxIter: 5, randomState: 0, batchSize: 16 }).fit(X, y);
    await mlflow.flush();
    const run = (await mlflow.searchRuns())[0]!;
    const loss = await mlflow.getMetricHistory(run.info.runId, 'loss');
    expect(loss.map((m) => m.step)).toEqual([0, 1, 2, 3, 4]);
    expect(run.data.params).toMatchObject({ hidden_layer_sizes: '[8]', max_iter: '5', epochs: '5' });
    const summary = await (await mlflow.getArtifact(run.info.runId, 'model_summary.txt')).text();
    expect(summary).toMatch(/Total params: 33/);
  });

  it('makes GridSearch a parent run with a child run per best candidate', async () => {
    const mlflow = autologged({ maxTuningRuns: 2, logDatasets: false });
    const { X, y } = await wine();
    const search = await new GridSearch(new ElasticNet(), { alpha: [0.01, 0.1, 1] }, { cv: 3 }).fit(X, y);
    await mlflow.flush();
    const runs = await mlflow.searchRuns();
    const parent = runs.find((r) => !r.data.tags['mlflow.parentRunId'])!;
    const children = runs.filter((r) => r.data.tags['mlflow.parentRunId'] === parent.info.runId);
    expect(runs.length).toBe(3);
    expect(parent.data.params).toMatchObject({
      best_alpha: String(search.bestParams_!.alpha),
      param_grid: '{"alpha":[0.01,0.1,1]}',
      cv: '3',
    });
    expect(parent.data.metrics.best_cv_score).toBe(search.bestScore_);
    expect(children.map((c) => c.data.metrics.rank_test_score).sort()).toEqual([1, 2]);
    expect(children.every((c) => 'mean_test_score' in c.data.metrics && 'alpha' in c.data.params)).toBe(true);
    const header = (await (await mlflow.getArtifact(parent.info.runId, 'cv_results.csv')).text())
      .split('\n')[0]!
      .split(',');
    expect(header).toEqual(expect.arrayContaining(['params', 'mean_test_score', 'rank_test_score', 'param_alpha']));
  });

  it('records nothing when disabled', async () => {
    const mlflow = autologged({ disable: true });
    new ElasticNet().fit([[1], [2], [3]], [1, 2, 3]);
    await mlflow.flush();
    expect((await mlflow.searchRuns()).length).toBe(0);
  });
});

describe('autolog: interrupts from the notebook kernel', () => {
  it('an interrupt checked inside a fit ends the autologged run KILLED', async () => {
    const { setInterruptCheck } = await import('../../src/lib/interrupt');
    const mlflow = autologged({ logDatasets: false });
    const X = Array.from({ length: 50 }, (_, i) => [i, i % 3]);
    const y = X.map(([a, b]) => a! + b!);
    setInterruptCheck(() => {
      throw new InterruptError();
    });
    try {
      expect(() => new ElasticNet({ alpha: 0.1 }).fit(X, y)).toThrow('Execution interrupted by the user.');
    } finally {
      setInterruptCheck(null);
    }
    await mlflow.flush();
    expect((await mlflow.searchRuns()).map((r) => r.info.status)).toEqual(['KILLED']);
  });
});

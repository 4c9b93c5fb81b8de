// The code cells of the MLflow walkthrough, shared by its English and Japanese versions (only the prose
// differs). Parts of the API they use (autolog, logModel, loadModel, predictBatch, logImage,
// logFigure) are MLflow's names in camelCase; if one is renamed, this is the one place to change.
import { dedent } from './build';

export const WALKTHROUGH_CODE = {
  load: dedent(`
    // Wine Quality (UCI): upload winequality-red.csv in the Files panel to use it. Until you do, the
    // Auto MPG sample that ships with Kiroku ('cars') stands in, so every cell below still runs.
    let data: dfd.DataFrame;
    let target: string;
    try {
      data = await loadCSV('winequality-red.csv');
      target = 'quality';
    } catch {
      console.log('winequality-red.csv is not in Files: using the cars sample instead.');
      const cars = await loadCSV('cars');
      data = cars.drop({ columns: ['name', 'origin', 'year'] }).dropNa({ axis: 1 });
      target = 'miles_per_gallon';
    }
    const features = data.columns.filter((c) => c !== target);
    const X = data.loc({ columns: features });
    const y = data.column(target);
    const [XTrain, XTest, yTrain, yTest] = trainTestSplit(X, y, { testSize: 0.25, randomState: 42 });
    // Every run below goes to this experiment (it is created on first use).
    await mlflow.setExperiment('wine-quality');
    data.head()
  `),
  autolog: dedent(`
    mlflow.autolog();
    const model = new ElasticNet({ alpha: 0.05, l1Ratio: 0.5 }).fit(XTrain, yTrain);
  `),
  evaluate: dedent(`
    // With autolog on, metrics computed on a model's predictions are logged to its run too (MLflow's
    // post-training metrics); nameDataset names the data: root_mean_squared_error_test.
    const preds = model.predict(mlflow.nameDataset(XTest, 'test'));
    ({ rmse: rootMeanSquaredError(yTest, preds), r2: r2Score(yTest, preds) })
  `),
  byHand: dedent(`
    mlflow.autolog({ disable: true }); // by hand this time
    const alpha = 0.02;
    const l1Ratio = 0.3;
    const runId = await mlflow.startRun({ runName: 'elasticnet-by-hand' }, async (run) => {
      await mlflow.logParam('alpha', alpha);
      await mlflow.logParam('l1_ratio', l1Ratio);
      const enet = new ElasticNet({ alpha, l1Ratio }).fit(XTrain, yTrain);
      const predicted = enet.predict(XTest);
      await mlflow.logMetric('rmse', rootMeanSquaredError(yTest, predicted));
      await mlflow.logMetric('r2', r2Score(yTest, predicted));
      await mlflow.setTag('model_type', 'ElasticNet');
      // The signature (input columns and output type) and an input example travel with the model;
      // registeredModelName also makes it a version of a model on the Models page.
      const signature = mlflow.inferSignature(XTrain, enet.predict(XTrain));
      await mlflow.logModel(enet, 'model', {
        signature,
        inputExample: XTrain.head(5),
        registeredModelName: 'wine-quality-elasticnet',
      });
      return run.info.runId;
    });
    runId
  `),
  artifacts: dedent(`
    // Back into the same run (by its id) to attach files to it.
    await mlflow.startRun({ runId }, async () => {
      await mlflow.logText(\`trained on \${data.shape[0]} rows, target "\${target}"\`, 'notes.txt');
      // A figure: the run's page draws it, as display() does here.
      const predicted = Array.from(model.predict(XTest));
      const actual = yTest.values as number[];
      const residuals = predicted.map((p, i) => actual[i]! - p);
      const figure: ChartSpec = {
        type: 'scatter',
        title: 'Residuals',
        x: { label: 'predicted', values: predicted },
        series: [{ name: 'residual', values: residuals }],
      };
      await mlflow.logFigure(figure, 'residuals.json');
      display(figure);
      // An image drawn on an OffscreenCanvas (cells run in a worker: no DOM): a histogram of the residuals.
      const canvas = new OffscreenCanvas(320, 160);
      const ctx = canvas.getContext('2d')!;
      const lo = Math.min(...residuals);
      const width = (Math.max(...residuals) - lo) / 20 || 1;
      const bins = new Array<number>(20).fill(0);
      for (const r of residuals) bins[Math.min(19, Math.floor((r - lo) / width))]! += 1;
      const top = Math.max(...bins);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, 320, 160);
      ctx.fillStyle = '#7b2d43';
      bins.forEach((n, i) => ctx.fillRect(i * 16 + 1, 160 - (n / top) * 150, 14, (n / top) * 150));
      await mlflow.logImage(canvas, 'residuals-histogram.png');
      // Any file: here the test split as CSV, into the folder "data".
      await mlflow.logArtifact(new File([dfd.toCSV(XTest) as string], 'test.csv', { type: 'text/csv' }), 'data');
    });
    for (const a of await mlflow.listArtifacts(runId)) {
      console.log(a.isDir ? \`\${a.path}/\` : \`\${a.path} (\${a.fileSize} bytes)\`);
    }
  `),
  load_model: dedent(`
    const loaded = await mlflow.pyfunc.loadModel(\`runs:/\${runId}/model\`);
    // The input is checked against the signature (columns and types) before predicting.
    const sample = XTest.head(5);
    new dfd.DataFrame({ predicted: Array.from(loaded.predict(sample) as Float64Array), actual: yTest.head(5).values })
  `),
  batch: dedent(`
    // Batch prediction splits the rows into blocks, predicts them in a pool of workers and keeps the
    // row order; onProgress reports the fraction done.
    const predictions = await predictBatch(loaded, XTest, {
      workers: 2,
      onProgress: (done) =>
        display(\`\${Math.round(done * 100)} % of \${XTest.shape[0]} rows scored\`, { displayId: 'batch-progress' }),
    });
    const scored = XTest.addColumn('prediction', Array.from(predictions as Float64Array));
    scored.head()
  `),
} as const;

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
      const cars = await loadCSV('cars');
      data = cars.drop({ columns: ['name', 'origin', 'year'] }).dropNa({ axis: 1 });
      target = 'miles_per_gallon';
    }
    const features = data.columns.filter((c) => c !== target);
    const X = data.loc({ columns: features });
    const y = data.column(target);
    const [XTrain, XTest, yTrain, yTest] = ml.trainTestSplit(X, y, { testSize: 0.25, randomState: 42 });
    data.head()
  `),
  autolog: dedent(`
    mlflow.autolog();
    const model = new ml.ElasticNet({ alpha: 0.05, l1Ratio: 0.5 }).fit(XTrain, yTrain);
  `),
  evaluate: dedent(`
    const preds = model.predict(XTest);
    ({ rmse: ml.rootMeanSquaredError(yTest, preds), r2: ml.r2Score(yTest, preds) })
  `),
  byHand: dedent(`
    await mlflow.setExperiment('wine-quality');
    const alpha = 0.02;
    const l1Ratio = 0.3;
    const runId = await mlflow.startRun({ runName: 'elasticnet-by-hand' }, async (run) => {
      await mlflow.logParams({ alpha, l1_ratio: l1Ratio });
      const enet = new ml.ElasticNet({ alpha, l1Ratio }).fit(XTrain, yTrain);
      const predicted = enet.predict(XTest);
      await mlflow.logMetric('rmse', ml.rootMeanSquaredError(yTest, predicted));
      await mlflow.logMetric('r2', ml.r2Score(yTest, predicted));
      await mlflow.setTag('model_type', 'ElasticNet');
      // The signature (input columns and output type) and an input example travel with the model.
      const signature = mlflow.inferSignature(XTrain, enet.predict(XTrain));
      await mlflow.logModel(enet, 'model', { signature, inputExample: XTrain.head(5) });
      return run.info.runId;
    });
    runId
  `),
  artifacts: dedent(`
    await mlflow.startRun({ runId }, async () => {
      await mlflow.logText(\`trained on \${data.shape[0]} rows, target "\${target}"\`, 'notes.txt');
      // A figure: what the run page draws, and what display() shows here.
      const predicted = Array.from(model.predict(XTest));
      const actual = yTest.values as number[];
      const figure: ChartSpec = {
        type: 'scatter',
        title: 'Residuals',
        x: { label: 'predicted', values: predicted },
        series: [{ name: 'residual', values: predicted.map((p, i) => actual[i]! - p) }],
      };
      await mlflow.logFigure(figure, 'residuals.json');
      display(figure);
      // An image drawn on an OffscreenCanvas (the kernel runs in a worker: no DOM).
      const canvas = new OffscreenCanvas(240, 40);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#7b2d43';
      ctx.fillRect(0, 0, 240, 40);
      await mlflow.logImage(await canvas.convertToBlob(), 'swatch.png');
      // Any file: here the test split as CSV.
      await mlflow.logArtifact(new File([dfd.toCSV(XTest) as string], 'test.csv', { type: 'text/csv' }), 'data');
    });
  `),
  load_model: dedent(`
    const loaded = await mlflow.pyfunc.loadModel(\`runs:/\${runId}/model\`);
    loaded.predict(XTest.head(5))
  `),
  batch: dedent(`
    // Batch prediction splits the frame across workers and keeps the row order.
    const scored = await predictBatch(loaded, XTest);
    scored.head()
  `),
} as const;

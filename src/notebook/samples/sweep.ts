// Sample 3: a hyperparameter sweep as nested runs (one parent, a child per candidate), then a
// comparison with searchRuns.
import { md, sample, ts } from './build';

export const SWEEP = sample(
  'hyperparameter-sweep',
  'Hyperparameter sweep',
  'Nested runs over a grid of ElasticNet parameters, then the best run found with searchRuns.',
  () => [
    md(`
    # A hyperparameter sweep with nested runs

    One parent run for the sweep, one child run per candidate (\`nested: true\` tags each child with
    \`mlflow.parentRunId\`), then \`searchRuns\` to rank them — the same pattern as MLflow's
    hyperparameter tuning tutorials.
  `),
    ts(`
    const cars = (await loadCSV('cars')).drop({ columns: ['name', 'origin', 'year'] }).dropNa({ axis: 1 });
    const target = 'miles_per_gallon';
    const X = cars.loc({ columns: cars.columns.filter((c) => c !== target) });
    const [XTrain, XTest, yTrain, yTest] = trainTestSplit(X, cars.column(target), { testSize: 0.25, randomState: 0 });
    X.shape
  `),
    ts(`
    await mlflow.setExperiment('cars-sweep');
    const grid = { alpha: [0.01, 0.1, 1], l1Ratio: [0.1, 0.5, 0.9] };
    const parentId = await mlflow.startRun({ runName: 'elasticnet-sweep' }, async (parent) => {
      await mlflow.logParam('grid', JSON.stringify(grid));
      let best = Infinity;
      for (const alpha of grid.alpha) {
        for (const l1Ratio of grid.l1Ratio) {
          await mlflow.startRun({ runName: \`alpha=\${alpha} l1=\${l1Ratio}\`, nested: true }, async () => {
            const model = await new Pipeline({
              steps: [['scale', new StandardScaler()], ['enet', new ElasticNet({ alpha, l1Ratio })]],
            }).fit(XTrain, yTrain);
            const predicted = model.predict(XTest);
            const rmse = rootMeanSquaredError(yTest, predicted);
            best = Math.min(best, rmse);
            await mlflow.logParams({ alpha, l1_ratio: l1Ratio });
            await mlflow.logMetrics({ rmse, r2: r2Score(yTest, predicted) });
          });
        }
      }
      // The parent keeps the sweep's result, so the runs table shows it on the parent's row.
      await mlflow.logMetric('best_rmse', best);
      return parent.info.runId;
    });
  `),
    md(`## Compare the candidates`),
    ts(`
    const children = await mlflow.searchRuns({
      experimentNames: ['cars-sweep'],
      filter: \`tags.mlflow.parentRunId = '\${parentId}'\`,
      orderBy: ['metrics.rmse ASC'],
    });
    display({
      type: 'bar',
      title: 'RMSE per candidate (lower is better)',
      x: { label: 'run', values: children.map((r) => r.info.runName) },
      series: [{ name: 'rmse', values: children.map((r) => r.data.metrics.rmse!) }],
    } satisfies ChartSpec);
    children.map((r) => ({ run: r.info.runName, rmse: r.data.metrics.rmse, r2: r.data.metrics.r2 }))
  `),
    md(`
    The best candidate comes first. On the **Experiments** page, the children are grouped under their
    parent; select several to compare them side by side.
  `),
  ],
);

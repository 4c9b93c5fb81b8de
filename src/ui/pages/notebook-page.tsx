import { Placeholder } from './placeholder';

export default function NotebookPage() {
  return (
    <Placeholder title="Notebook">
      <p>
        The notebook is where you load data, train models and log runs. Until its editor lands, the whole
        tracking API is available in the browser console:
      </p>
      <pre><code>{`const { mlflow } = await kiroku;
await mlflow.startRun({ runName: 'first' }, async () => {
  await mlflow.logParam('alpha', 0.5);
  await mlflow.logMetric('rmse', 0.71);
});`}</code></pre>
      <p>Runs you log appear under <a href="#/experiments">Experiments</a>.</p>
    </Placeholder>
  );
}

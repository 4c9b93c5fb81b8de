// mlflow.autolog() with a TensorFlow.js model built by the user.
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { closeStores } from '../../src/tracking/uri';
import { autologged } from './helpers';

afterEach(async () => {
  await closeStores();
});

function net() {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        units: 4,
        inputShape: [2],
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
      }),
      tf.layers.dense({ units: 1 }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
  return model;
}

const xs = () => tf.tensor2d(Array.from({ length: 32 }, (_, i) => [i / 32, (i % 5) / 5]));
const ys = () => tf.tensor2d(Array.from({ length: 32 }, (_, i) => [i / 16]));

describe('autolog: TensorFlow.js', () => {
  it('logs params, per-epoch metrics (step = epoch), the summary and the model', async () => {
    const mlflow = autologged();
    const model = net();
    const [x, y] = [xs(), ys()];
    await model.fit(x, y, { epochs: 4, batchSize: 8, validationSplit: 0.25, shuffle: false });
    await mlflow.flush();
    const run = (await mlflow.searchRuns())[0]!;
    expect(run.info.status).toBe('FINISHED');
    expect(run.data.params).toMatchObject({
      epochs: '4',
      batch_size: '8',
      validation_split: '0.25',
      optimizer_name: 'Adam',
      learning_rate: '0.01',
      loss: 'meanSquaredError',
    });
    expect(run.data.tags).toMatchObject({ 'mlflow.autologging': 'tfjs', estimator_name: 'Sequential' });
    expect((await mlflow.getMetricHistory(run.info.runId, 'loss')).map((m) => m.step)).toEqual([0, 1, 2, 3]);
    expect((await mlflow.getMetricHistory(run.info.runId, 'val_loss')).length).toBe(4);
    expect(await (await mlflow.getArtifact(run.info.runId, 'model_summary.txt')).text()).toMatch(/Total params: 17/);
    const loaded = await mlflow.loadModel(`runs:/${run.info.runId}/model`);
    const probe = [[0.5, 0.2]];
    expect(loaded.predict(probe)).toEqual(Array.from((model.predict(tf.tensor2d(probe)) as tf.Tensor).dataSync()));
    x.dispose();
    y.dispose();
  });

  it('records early stopping: its params and the stopped epoch', async () => {
    const mlflow = autologged({ logModels: false });
    const model = net();
    const [x, y] = [xs(), ys()];
    // A monitor that never improves (huge minDelta) stops after `patience` epochs.
    const stopper = tf.callbacks.earlyStopping({ monitor: 'loss', patience: 1, minDelta: 1e9 });
    await model.fit(x, y, { epochs: 20, batchSize: 8, callbacks: [stopper] });
    await mlflow.flush();
    const run = (await mlflow.searchRuns())[0]!;
    expect(run.data.params).toMatchObject({ monitor: 'loss', patience: '1', min_delta: '1000000000' });
    expect(run.data.metrics.stopped_epoch).toBeGreaterThan(0);
    expect((await mlflow.getMetricHistory(run.info.runId, 'loss')).length).toBeLessThan(20);
    x.dispose();
    y.dispose();
  });
});

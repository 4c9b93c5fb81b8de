// Sample 2: a small TensorFlow.js network whose per-epoch loss is logged as MLflow metrics.
import { md, sample, ts } from './build';

export const TFJS = sample(
  'tfjs-network',
  'TensorFlow.js network',
  'A dense network on penguin measurements, with per-epoch metrics logged to a run.',
  () => [
    md(`
    # A TensorFlow.js network, tracked

    TensorFlow.js runs in the kernel's worker (WebGL when the browser offers it, else CPU: the
    toolbar says which). A callback logs each epoch's loss and accuracy to the run, so the run's page
    draws the training curves while it trains.
  `),
    ts(`
    const penguins = (await loadCSV('penguins')).dropNa({ axis: 1 });
    const featureNames = ['beak_length_mm', 'beak_depth_mm', 'flipper_length_mm', 'body_mass_g'];
    const species = [...new Set(penguins.column('species').values as string[])].sort();
    const raw = penguins.loc({ columns: featureNames }).values as number[][];
    // Standardize each column, so no feature dominates because of its unit.
    const means = featureNames.map((_, j) => raw.reduce((s, r) => s + r[j]!, 0) / raw.length);
    const stds = featureNames.map((_, j) =>
      Math.sqrt(raw.reduce((s, r) => s + (r[j]! - means[j]!) ** 2, 0) / raw.length),
    );
    const xs = tf.tensor2d(raw.map((r) => r.map((v, j) => (v - means[j]!) / stds[j]!)));
    const labels = (penguins.column('species').values as string[]).map((s) => species.indexOf(s));
    const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), species.length);
    ({ rows: raw.length, classes: species })
  `),
    ts(`
    const net = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [featureNames.length], units: 16, activation: 'relu' }),
        tf.layers.dense({ units: species.length, activation: 'softmax' }),
      ],
    });
    net.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

    await mlflow.setExperiment('penguins-tfjs');
    await mlflow.startRun({ runName: 'dense-16' }, async () => {
      const epochs = 20;
      await mlflow.logParams({ epochs, units: 16, learning_rate: 0.01, backend: tf.getBackend() });
      await net.fit(xs, ys, {
        epochs,
        validationSplit: 0.2,
        shuffle: true,
        callbacks: {
          onEpochEnd: async (epoch, logs) => {
            await mlflow.logMetrics(
              { loss: logs!.loss!, accuracy: logs!.acc!, val_loss: logs!.val_loss!, val_accuracy: logs!.val_acc! },
              { step: epoch },
            );
          },
        },
      });
    });
  `),
    md(`
    Open the run (the link above) to see the loss and accuracy per epoch. Run the cell again with
    different \`units\` and compare the runs on the **Experiments** page.
  `),
  ],
);

// logModel → MLmodel folder → loadModel, for estimators, TensorFlow.js models and a custom flavor;
// the registry's versions and aliases resolve to the same model.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { Fluent } from '../../src/tracking/fluent';
import { modelApi } from '../../src/logged-model/api';
import { ElasticNet } from '../../src/ml/index';
import { DataFrame } from 'danfojs';
import { closeStores } from '../../src/tracking/uri';
import { closeRegistryStores } from '../../src/model-registry/uri';

let n = 0;
function makeMlflow() {
  const fluent = new Fluent(`memory:models-${++n}`);
  return Object.assign(fluent, modelApi(fluent));
}
let mlflow: ReturnType<typeof makeMlflow>;

const X = [
  { alcohol: 9.4, sulphates: 0.56, pH: 3.51 },
  { alcohol: 9.8, sulphates: 0.68, pH: 3.2 },
  { alcohol: 10.5, sulphates: 0.65, pH: 3.26 },
  { alcohol: 11.2, sulphates: 0.58, pH: 3.16 },
  { alcohol: 12.8, sulphates: 0.75, pH: 3.3 },
  { alcohol: 9.5, sulphates: 0.57, pH: 3.39 },
];
const y = [5, 5, 5, 6, 7, 5];
const rows = X.map((r) => [r.alcohol, r.sulphates, r.pH]);
const frame = () => new DataFrame(X);

beforeEach(() => {
  mlflow = makeMlflow();
});
afterEach(async () => {
  await closeStores();
  await closeRegistryStores();
});

describe('logged estimators', () => {
  it('writes an MLmodel folder with MLflow fields, signature, example and requirements', async () => {
    const model = new ElasticNet({ alpha: 0.01 }).fit(frame(), y);
    const run = await mlflow.startRun();
    const info = await mlflow.logModel(model, 'model', {
      inputExample: frame(),
      signature: mlflow.inferSignature(frame(), model.predict(frame())),
    });
    await mlflow.endRun();
    expect(info.modelUri).toBe(`runs:/${run.info.runId}/model`);
    const files = (await mlflow.client().listArtifactFiles(run.info.runId, 'model')).map((f) => f.path);
    expect(files.sort()).toEqual([
      'model/MLmodel',
      'model/input_example.json',
      'model/model.json',
      'model/requirements.txt',
    ]);
    const doc = parse(await (await mlflow.getArtifact(run.info.runId, 'model/MLmodel')).text());
    expect(doc).toMatchObject({
      artifact_path: 'model',
      run_id: run.info.runId,
      model_uuid: expect.stringMatching(/^[0-9a-f]{32}$/),
      utc_time_created: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/),
      saved_input_example_info: { artifact_path: 'input_example.json', type: 'dataframe', pandas_orient: 'split' },
      flavors: {
        kiroku_ml: { estimator_class: 'ElasticNet', data: 'model.json', serialization_format: 'json' },
        python_function: { loader_module: 'kiroku.kiroku_ml' },
      },
    });
    expect(JSON.parse(doc.signature.inputs)).toEqual([
      { type: 'double', name: 'alcohol', required: true },
      { type: 'double', name: 'sulphates', required: true },
      { type: 'double', name: 'pH', required: true },
    ]);
    expect(JSON.parse(doc.signature.outputs)).toEqual([
      { type: 'tensor', 'tensor-spec': { dtype: 'float64', shape: [-1] } },
    ]);
    const example = JSON.parse(await (await mlflow.getArtifact(run.info.runId, 'model/input_example.json')).text());
    expect(example).toEqual({ columns: ['alcohol', 'sulphates', 'pH'], data: rows });
    // Python requirements for pip and MLflow; the JavaScript packages as comments, which both skip.
    const requirements = (await (await mlflow.getArtifact(run.info.runId, 'model/requirements.txt')).text()).split(
      '\n',
    );
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as {
      version: string;
      dependencies: Record<string, string>;
    };
    expect(requirements.filter((l) => l && !l.startsWith('#'))).toEqual([`kiroku==${pkg.version}`, 'numpy']);
    expect(requirements).toContain(`#   @tensorflow/tfjs==${pkg.dependencies['@tensorflow/tfjs']}`);
    expect(doc.flavors.python_function.python_version).toBe('3.11');
    const history = JSON.parse((await mlflow.getRun(run.info.runId)).data.tags['mlflow.log-model.history']!);
    expect(history).toEqual([
      expect.objectContaining({ artifact_path: 'model', run_id: run.info.runId, model_uuid: doc.model_uuid }),
    ]);
  });

  it('loads runs:/<id>/model back; predictions equal the in-memory model exactly, signature enforced', async () => {
    const model = new ElasticNet({ alpha: 0.05, l1Ratio: 0.3 }).fit(frame(), y);
    const run = await mlflow.startRun();
    await mlflow.logModel(model, 'model', { inputExample: frame() }); // signature inferred from the example
    await mlflow.endRun();
    const loaded = await mlflow.pyfunc.loadModel(`runs:/${run.info.runId}/model`);
    const fresh = [
      { pH: 3.4, alcohol: 10.1, sulphates: 0.6 },
      { pH: 3.0, alcohol: 13.0, sulphates: 0.8 },
    ];
    const expected = model.predict(fresh.map((r) => [r.alcohol, r.sulphates, r.pH]));
    expect(Array.from(loaded.predict<Float64Array>(fresh))).toEqual(Array.from(expected));
    expect(() => loaded.predict([{ alcohol: 10, pH: 3 }])).toThrow("Model is missing inputs ['sulphates'].");
    expect(loaded.metadata.signature?.inputs.length).toBe(3);
    expect(await loaded.inputExample()).toEqual(X);
  });

  it('says which run lacks a model', async () => {
    const run = await mlflow.startRun();
    await mlflow.endRun();
    await expect(mlflow.loadModel(`runs:/${run.info.runId}/model`)).rejects.toThrow(
      `the run has no artifact 'model/MLmodel'`,
    );
  });
});

describe('registry', () => {
  it('registers versions, moves the champion alias, and loads models:/ URIs', async () => {
    const runs: string[] = [];
    for (const alpha of [0.5, 0.01]) {
      const model = new ElasticNet({ alpha }).fit(rows, y);
      await mlflow.startRun({}, async (run) => {
        runs.push(run.info.runId);
        const info = await mlflow.logModel(model, 'model', { registeredModelName: 'wine' });
        expect(info.registeredModelVersion).toBe(String(runs.length));
      });
    }
    await mlflow.setRegisteredModelAlias('wine', 'champion', 2);
    const champion = await mlflow.loadModel('models:/wine@champion');
    expect(champion.metadata.runId).toBe(runs[1]);
    expect((await mlflow.loadModel('models:/wine/1')).metadata.runId).toBe(runs[0]);
    expect((await mlflow.loadModel('models:/wine/latest')).metadata.runId).toBe(runs[1]);
    expect((await mlflow.getModelVersionByAlias('wine', 'champion')).aliases).toEqual(['champion']);
    await expect(mlflow.loadModel('models:/wine@nope')).rejects.toThrow(
      'Registered model alias nope not found on model wine.',
    );
    await expect(mlflow.setRegisteredModelAlias('wine', 'latest', 1)).rejects.toThrow(
      "'latest' alias name (case insensitive) is reserved.",
    );
    const v3 = await mlflow.registerModel(`runs:/${runs[0]}/model`, 'wine');
    expect(v3).toMatchObject({
      name: 'wine',
      version: '3',
      runId: runs[0],
      source: `runs:/${runs[0]}/model`,
      status: 'READY',
    });
    await expect(mlflow.registerModel(`runs:/${runs[0]}/other`, 'wine')).rejects.toThrow(
      "the run has no artifact 'other/MLmodel'",
    );
  });
});

describe('flavors', () => {
  it('round-trips a custom flavor registered by the user', async () => {
    class Doubler {
      factor = 2;
      predict(xs: number[][]) {
        return xs.map((r) => r[0]! * this.factor);
      }
    }
    mlflow.registerFlavor<Doubler>({
      name: 'doubler',
      canSave: (m): m is Doubler => m instanceof Doubler,
      save: async (m) => ({ conf: { data: 'factor.txt' }, files: { 'factor.txt': String(m.factor) } }),
      load: async (ctx) => {
        const d = new Doubler();
        d.factor = Number(await (await ctx.read(String(ctx.conf.data))).text());
        return { raw: d, predict: (x) => d.predict(x as number[][]) };
      },
    });
    const run = await mlflow.startRun();
    const info = await mlflow.logModel(new Doubler(), 'doubler');
    await mlflow.endRun();
    expect(Object.keys(info.flavors)).toEqual(['doubler', 'python_function']);
    const loaded = await mlflow.loadModel(`runs:/${run.info.runId}/doubler`);
    expect(loaded.predict([[1], [21]])).toEqual([2, 42]);
    expect(loaded.unwrap()).toBeInstanceOf(Doubler);
  });

  it('saves and loads a TensorFlow.js model with identical predictions', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({
          units: 4,
          inputShape: [3],
          activation: 'relu',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
        }),
        tf.layers.dense({ units: 1 }),
      ],
    });
    const input = tf.tensor2d(rows);
    const expected = Array.from((model.predict(input) as tf.Tensor).dataSync());
    const run = await mlflow.startRun();
    const info = await mlflow.logModel(model, 'net');
    await mlflow.endRun();
    expect(info.flavors.tfjs).toMatchObject({ data: 'model.json', keras_model_class: 'Sequential' });
    const loaded = await mlflow.loadModel(`runs:/${run.info.runId}/net`);
    expect(loaded.predict(rows)).toEqual(expected);
    input.dispose();
  });

  it('refuses a model no flavor knows, naming the way out', async () => {
    await mlflow.startRun();
    await expect(mlflow.logModel({ weird: true })).rejects.toThrow(
      'No flavor can save a model of type Object. Known flavors: tfjs, kiroku_ml',
    );
    await mlflow.endRun();
  });
});

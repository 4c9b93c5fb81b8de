// Every source MLflow writes for a registered version resolves to its model folder, or fails saying
// what to do: runs:/, models:/ (followed), a file-store path under a run that is here (an imported
// mlruns folder), an mlflow-artifacts:/ URI (a server's proxy: see test/interop/rest-store.test.ts),
// and stores a browser cannot reach (s3://, dbfs:/).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Fluent } from '../../src/tracking/fluent';
import { modelApi } from '../../src/logged-model/api';
import { Ridge } from '../../src/ml/index';
import { closeStores } from '../../src/tracking/uri';
import { closeRegistryStores } from '../../src/model-registry/uri';

let n = 0;
let mlflow: ReturnType<typeof makeMlflow>;
function makeMlflow() {
  const fluent = new Fluent(`memory:model-source-${++n}`);
  return Object.assign(fluent, modelApi(fluent));
}

const rows = [
  [1, 2],
  [2, 1],
  [3, 5],
  [4, 4],
  [5, 7],
];
const y = [1, 2, 3, 4, 5];

beforeEach(() => {
  mlflow = makeMlflow();
});
afterEach(async () => {
  await closeStores();
  await closeRegistryStores();
});

/** A model logged to a run; returns the run id and its predictions. */
async function logged(): Promise<{ runId: string; expected: number[] }> {
  const model = new Ridge({ alpha: 0.5 }).fit(rows, y);
  const runId = await mlflow.startRun({}, async (run) => {
    await mlflow.logModel(model, 'model');
    return run.info.runId;
  });
  return { runId, expected: Array.from(model.predict(rows)) };
}

const predictions = async (uri: string) =>
  Array.from((await (await mlflow.loadModel(uri)).predict(rows)) as ArrayLike<number>);

describe('model sources', () => {
  it("reads a file-store source (MLflow's register_model on mlruns/) from the run when the run is here", async () => {
    const { runId, expected } = await logged();
    const registry = mlflow.registry();
    // As MLflow 2.x writes it: the run's artifact URI joined with the path, and the run id beside it.
    await registry.createModelVersion('wine', `file:///home/ada/my%20project/mlruns/1/${runId}/artifacts/model`, {
      runId,
    });
    await registry.setRegisteredModelAlias('wine', 'champion', 1);
    for (const uri of ['models:/wine/1', 'models:/wine@champion', 'models:/wine/latest'])
      expect(await predictions(uri), uri).toEqual(expected);
    const loaded = await mlflow.loadModel('models:/wine@champion');
    expect(loaded.metadata).toMatchObject({ runId, artifactPath: 'model', source: `runs:/${runId}/model` });
    // A Windows path and a bare absolute path (older clients) too.
    await registry.createModelVersion('wine', `file:///C:/Users/ada/mlruns/1/${runId}/artifacts/model`, { runId });
    await registry.createModelVersion('wine', `/srv/mlruns/1/${runId}/artifacts/model`);
    expect(await predictions('models:/wine/2')).toEqual(expected);
    expect(await predictions('models:/wine/3')).toEqual(expected);
  });

  it('follows a version whose source names another version (models:/), and stops a loop', async () => {
    const { runId, expected } = await logged();
    const registry = mlflow.registry();
    await registry.createModelVersion('wine', `runs:/${runId}/model`);
    await registry.setRegisteredModelAlias('wine', 'champion', 1);
    await registry.createModelVersion('wine-prod', 'models:/wine@champion');
    expect(await predictions('models:/wine-prod/1')).toEqual(expected);
    await registry.createModelVersion('loop', 'models:/loop/1');
    await expect(mlflow.loadModel('models:/loop/1')).rejects.toThrow(
      "Model URI 'models:/loop/1' names another models:/ URI more than 10 times in a row",
    );
  });

  it('says what to do with a source a browser cannot read', async () => {
    const registry = mlflow.registry();
    const elsewhere = 'e'.repeat(32);
    const sources = {
      s3: `s3://team-bucket/mlflow/1/${elsewhere}/artifacts/model`,
      dbfs: `dbfs:/databricks/mlflow-tracking/1/${elsewhere}/artifacts/model`,
      file: `file:///home/ada/mlruns/1/${elsewhere}/artifacts/model`,
      proxy: `mlflow-artifacts:/1/${elsewhere}/artifacts/model`,
    };
    for (const [name, source] of Object.entries(sources))
      await registry.createModelVersion(name, source, { runId: elsewhere });
    await expect(mlflow.loadModel('models:/s3/1')).rejects.toMatchObject({
      code: 'ARTIFACTS_UNAVAILABLE',
      message: expect.stringMatching(
        new RegExp(
          String.raw`^The model's source 's3:\/\/team-bucket\/.*' is in Amazon S3, which a browser cannot read\. ` +
            String.raw`Load it through an MLflow tracking server that serves artifacts \(mlflow server ` +
            '--serve-artifacts',
        ),
      ),
    });
    await expect(mlflow.loadModel('models:/dbfs/1')).rejects.toThrow(
      "is in Databricks' file system, which a browser cannot read",
    );
    await expect(mlflow.loadModel('models:/file/1')).rejects.toThrow(
      `The model's source '${sources.file}' is a folder on the machine that registered it, whose run is not in ` +
        `this store. Import the mlruns folder it is in`,
    );
    await expect(mlflow.loadModel('models:/proxy/1')).rejects.toThrow(
      `When an mlflow-artifacts URI was supplied, the tracking URI must be a valid http or https URI, but it was ` +
        `currently set to memory:model-source-${n}.`,
    );
    await expect(mlflow.loadModel('wine')).rejects.toThrow("Unsupported model URI 'wine'");
  });

  it('registers an artifact URI as given, as MLflow does, and loads it once its run is here', async () => {
    const { runId, expected } = await logged();
    const version = await mlflow.registerModel(`mlflow-artifacts:/0/${runId}/artifacts/model`, 'wine');
    expect(version.source).toBe(`mlflow-artifacts:/0/${runId}/artifacts/model`);
    expect(await predictions('models:/wine/1')).toEqual(expected);
  });
});

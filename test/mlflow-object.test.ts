// One `mlflow` object, composed once with one type: tracking, models and autolog over one tracking
// instance, without adding anything to that instance — and a notebook kernel tracking elsewhere gets
// the whole API over its own instance.
import { afterEach, describe, expect, it } from 'vitest';
import { createMlflow, mlflow } from '../src/mlflow';
import { mlflow as defaultFluent } from '../src/tracking/default';
import { Fluent } from '../src/tracking/fluent';
import { startKernel } from './notebook/kernel-harness';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dispose = undefined;
});

describe('the mlflow object', () => {
  it('is composed over the default tracking instance without changing it', () => {
    expect(mlflow).not.toBe(defaultFluent);
    for (const name of ['autolog', 'logModel', 'loadModel', 'registerModel', 'nameDataset']) {
      expect(typeof (mlflow as unknown as Record<string, unknown>)[name], name).toBe('function');
      expect(name in defaultFluent, name).toBe(false);
    }
  });

  it('shares the instance’s tracking URI and active run', async () => {
    const fluent = new Fluent('memory:mlflow-object-1');
    const api = createMlflow(fluent);
    expect(api.getTrackingUri()).toBe('memory:mlflow-object-1');
    api.setTrackingUri('memory:mlflow-object-2');
    expect(fluent.getTrackingUri()).toBe('memory:mlflow-object-2');
    await api.startRun({ runName: 'shared' }, async (run) => {
      expect(fluent.activeRun()?.info.runId).toBe(run.info.runId);
      await fluent.logParam('alpha', 0.5); // through the instance, seen through the API
    });
    const [run] = await api.searchRuns({ filter: "attributes.run_name = 'shared'" });
    expect(run?.data.params).toEqual({ alpha: '0.5' });
  });

  it('gives a kernel that tracks elsewhere than the page autolog and the model API over its own instance', async () => {
    const k = await startKernel({ mlflow: new Fluent('memory:mlflow-object-kernel') });
    dispose = k.dispose;
    const r = await k.run(
      [
        'mlflow.autolog();',
        'const X = [[1], [2], [3], [4]];',
        'const model = new ml.LinearRegression().fit(X, [2, 4, 6, 8]);',
        'await mlflow.flush();',
        'const [run] = await mlflow.searchRuns();',
        'const loaded = await mlflow.loadModel(`runs:/${run.info.runId}/model`);',
        '[mlflow.getTrackingUri(), Array.from(await loaded.predict([[5]]))]',
      ].join('\n'),
    );
    expect(r.error).toBeUndefined();
    expect(r.result?.['application/json']).toEqual(['memory:mlflow-object-kernel', [10]]);
    expect((await defaultFluent.searchRuns()).length).toBe(0); // nothing went to the page's store
  });
});

// MLflow's file format from Settings, in Chromium: "Export as MLflow" downloads an mlruns/ zip laid out
// as MLflow's file store (runs and the registry), and "Import MLflow runs" brings it back into an
// emptied browser, where the registered model loads by alias and predicts as before.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { parse } from 'yaml';
import type { Page } from 'playwright-core';
import { useApp } from './page';

const app = useApp();

function inPage<T>(page: Page, body: string): Promise<T> {
  return page.evaluate(
    `(async () => { const k = await globalThis.kiroku; const { mlflow } = k; ${body} })()`,
  ) as Promise<T>;
}

describe('MLflow files from Settings', () => {
  it('exports runs and registered models as an mlruns zip, and imports it back into an empty browser', async () => {
    const { page, context, errors } = await app.open('settings');
    await page.getByRole('heading', { level: 2, name: 'MLflow' }).waitFor();
    const before = await inPage<{ runId: string; experimentId: string; predictions: number[] }>(
      page,
      `
      await mlflow.setExperiment('cars');
      const cars = (await k.loadSample('cars')).drop({ columns: ['name', 'origin', 'year'] }).dropNa({ axis: 1 });
      const X = cars.drop({ columns: ['miles_per_gallon'] });
      const run = await mlflow.startRun({ runName: 'ridge' }, async (run) => {
        const model = new k.Ridge({ alpha: 1 }).fit(X, cars.column('miles_per_gallon'));
        await mlflow.logParam('alpha', 1);
        for (let i = 0; i < 3; i++) await mlflow.logMetric('rmse', 4 - i, { step: i });
        await mlflow.logModel(model, 'model');
        return run;
      });
      await mlflow.registerModel('runs:/' + run.info.runId + '/model', 'cars-mpg');
      await mlflow.setRegisteredModelAlias('cars-mpg', 'champion', 1);
      const model = await mlflow.loadModel('models:/cars-mpg@champion');
      const predictions = Array.from(await model.predict(X.head(5)));
      return { runId: run.info.runId, experimentId: run.info.experimentId, predictions };
    `,
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export as MLflow' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^kiroku-mlruns-\d{4}-\d\d-\d\d\.zip$/);
    const archive = await download.path();
    await page
      .getByRole('status')
      .filter({ hasText: 'Exported. Unzip it and run “mlflow ui” in that folder.' })
      .waitFor();

    const files = unzipSync(new Uint8Array(readFileSync(archive)));
    const yaml = (path: string) => parse(strFromU8(files[path]!));
    const run = `mlruns/${before.experimentId}/${before.runId}`;
    expect(yaml(`mlruns/${before.experimentId}/meta.yaml`)).toMatchObject({
      name: 'cars',
      experiment_id: before.experimentId,
      lifecycle_stage: 'active',
    });
    expect(yaml(`${run}/meta.yaml`)).toMatchObject({ run_id: before.runId, run_name: 'ridge', status: 3 });
    expect(strFromU8(files[`${run}/params/alpha`]!)).toBe('1');
    expect(
      strFromU8(files[`${run}/metrics/rmse`]!)
        .trim()
        .split('\n')
        .map((l) => l.split(' ').slice(1).join(' ')),
    ).toEqual(['4.0 0', '3.0 1', '2.0 2']);
    expect(files[`${run}/artifacts/model/MLmodel`]).toBeTruthy();
    expect(yaml('mlruns/models/cars-mpg/meta.yaml')).toMatchObject({ name: 'cars-mpg' });
    expect(strFromU8(files['mlruns/models/cars-mpg/aliases/champion']!)).toBe('1');
    expect(yaml('mlruns/models/cars-mpg/version-1/meta.yaml')).toMatchObject({
      version: 1,
      source: `runs:/${before.runId}/model`,
      run_id: before.runId,
    });

    await page.getByRole('button', { name: 'Clear all data…' }).click();
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('dialog', { name: 'Clear all data?' }).getByRole('button', { name: 'Delete everything' }).click(),
    ]);
    await page.getByRole('heading', { level: 2, name: 'MLflow' }).waitFor();

    await page.getByLabel('Import MLflow runs').setInputFiles(archive);
    await page
      .getByRole('status')
      .filter({ hasText: /^From .+: 1 run imported, 1 experiment created, 1 model version registered\.$/ })
      .waitFor();
    const after = await inPage<{ predictions: number[]; params: Record<string, string>; history: number[] }>(
      page,
      `
      const cars = (await k.loadSample('cars')).drop({ columns: ['name', 'origin', 'year'] }).dropNa({ axis: 1 });
      const model = await mlflow.loadModel('models:/cars-mpg@champion');
      return {
        predictions: Array.from(await model.predict(cars.drop({ columns: ['miles_per_gallon'] }).head(5))),
        params: (await mlflow.getRun('${before.runId}')).data.params,
        history: (await mlflow.getMetricHistory('${before.runId}', 'rmse')).map((m) => m.value),
      };
    `,
    );
    expect(after).toEqual({ predictions: before.predictions, params: { alpha: '1' }, history: [4, 3, 2] });
    expect(errors).toEqual([]);
    await context.close();
  });
});

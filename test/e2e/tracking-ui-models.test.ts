// The Models and Predict pages in Chromium: register a run's model from its artifacts, give the
// version the alias `champion`, then predict from `models:/wine@champion` on an uploaded CSV and
// download the predictions. The first tests use a small custom flavor (a linear formula) registered
// from the page, so exact predictions are known; the last predicts with a fitted ElasticNet, as a
// notebook leaves it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './page';

const app = useApp();

function withApi<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate(
    `(async () => { const kiroku = await globalThis.kiroku; const { mlflow } = kiroku; ${fn} })()`,
  ) as Promise<T>;
}

/** predictions = 1 + 0.5·alcohol − pH */
async function logFormulaModel(page: Page): Promise<{ runId: string; experimentId: string }> {
  return withApi(
    page,
    `
    mlflow.registerFlavor({
      name: 'linear_formula',
      canSave: (m) => !!m && m.kind === 'linear_formula',
      save: async (m) => ({ conf: { terms: m.weights.length }, files: { 'weights.json': JSON.stringify(m.weights) } }),
      load: async (ctx) => {
        const w = JSON.parse(await (await ctx.read('weights.json')).text());
        const predict = (frame) => frame.values.map((row) => row.reduce((s, v, j) => s + v * w[j + 1], w[0]));
        return { raw: w, predict };
      },
    });
    const exp = await mlflow.setExperiment('wine');
    const runId = await mlflow.startRun({ runName: 'formula' }, async (run) => {
      await mlflow.logParam('alpha', 0.02);
      await mlflow.logModel({ kind: 'linear_formula', weights: [1, 0.5, -1] }, 'model', {
        signature: {
          inputs: [{ name: 'alcohol', type: 'double', required: true }, { name: 'pH', type: 'double', required: true }],
          outputs: [{ type: 'double', required: true }],
        },
      });
      return run.info.runId;
    });
    return { runId, experimentId: exp.experimentId };
  `,
  );
}

const CSV = 'alcohol,pH,quality\n10,3,3\n12,3.5,3.5\n9,3.2,1\n';

describe('models and predict pages in Chromium', () => {
  it('registers a model, sets the alias champion, predicts from models:/wine@champion on an uploaded CSV', async () => {
    const { page, context, errors } = await app.open('notebook');
    const { runId, experimentId } = await logFormulaModel(page);

    // The runs table marks the run as having a model.
    await page.goto(app.url(`experiments/${experimentId}`));
    await page
      .getByRole('row', { name: /formula/ })
      .getByRole('link', { name: 'model', exact: true })
      .click();
    await page.getByRole('heading', { name: 'model/MLmodel' }).waitFor();
    await page.getByRole('region', { name: 'Inputs' }).getByRole('rowheader', { name: 'pH' }).waitFor();

    await page.getByRole('button', { name: 'Register model' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register model' });
    await dialog.getByRole('textbox', { name: /Registered model name/ }).fill('wine');
    await dialog.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('status').getByRole('link', { name: 'wine version 1' }).click();
    await page.getByRole('heading', { level: 1, name: 'wine version 1' }).waitFor();
    await page.getByRole('link', { name: 'formula' }).waitFor(); // the source run
    await page.getByRole('textbox', { name: 'Alias' }).fill('champion');
    await page.getByRole('button', { name: 'Set alias' }).click();
    await page.getByRole('button', { name: 'Remove alias champion' }).waitFor();
    expect(await withApi(page, `return (await mlflow.getModelVersionByAlias('wine', 'champion')).version;`)).toBe('1');

    // The models list and the model page show the alias and the version.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
    const row = page.getByRole('row', { name: /wine/ });
    await row.getByRole('link', { name: '@champion → v1' }).waitFor();
    await row.getByRole('link', { name: 'wine' }).click();
    await page.getByRole('heading', { level: 1, name: 'wine' }).waitFor();
    await page
      .getByRole('row', { name: /Version 1/ })
      .getByText('@champion')
      .waitFor();

    // Predict from the alias on an uploaded CSV.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Predict' }).click();
    await page.getByRole('combobox', { name: 'Choose a model' }).selectOption('models:/wine@champion');
    await page
      .getByRole('status')
      .getByText(/Loaded models:\/wine@champion/)
      .waitFor();
    expect(page.url()).toContain('model=models%3A%2Fwine%40champion');
    await page
      .getByLabel('Choose a CSV file')
      .setInputFiles({ name: 'wine.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    const check = page.getByRole('region', { name: '3. Schema check' });
    await check
      .getByRole('row', { name: /alcohol double long/ })
      .getByText('converted', { exact: true })
      .waitFor(); // whole numbers, converted to double
    await check
      .getByRole('row', { name: /pH double double/ })
      .getByText('ok', { exact: true })
      .waitFor();
    await check
      .getByRole('row', { name: /quality/ })
      .getByText('target', { exact: true })
      .waitFor();
    await check.getByRole('button', { name: 'Predict' }).click();
    const results = page.getByRole('region', { name: '4. Predictions' });
    await results.getByRole('term').filter({ hasText: 'Mean absolute error' }).waitFor();
    const table = page.getByRole('region', { name: 'Predictions beside the inputs' });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual([
      'predictions',
      'alcohol',
      'pH',
      'quality',
    ]);
    expect(await table.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual(['3', '10', '3', '3']);

    const download = page.waitForEvent('download');
    await results.getByRole('button', { name: 'Download predictions (CSV)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('wine-predictions.csv');
    const text = readFileSync((await file.path())!, 'utf8');
    expect(text).toBe('alcohol,pH,quality,predictions\n10,3,3,3\n12,3.5,3.5,3.5\n9,3.2,1,2.3\n');
    expect(runId).toMatch(/^[0-9a-f]{32}$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses a CSV that lacks a model input, before predicting', async () => {
    const { page, context } = await app.open('notebook');
    const { runId } = await logFormulaModel(page);
    await page.goto(app.url(`predict?model=${encodeURIComponent(`runs:/${runId}/model`)}`));
    await page
      .getByRole('status')
      .getByText(/Loaded runs:/)
      .waitFor();
    await page
      .getByLabel('Choose a CSV file')
      .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('alcohol,quality\n10,3\n') });
    const check = page.getByRole('region', { name: '3. Schema check' });
    await check.getByRole('row', { name: /pH/ }).getByText('missing', { exact: true }).waitFor();
    expect(await check.getByRole('button', { name: 'Predict' }).isDisabled()).toBe(true);
    await context.close();
  });

  it('predicts with a fitted ElasticNet registered as wine@champion, as a notebook would leave it', async () => {
    const { page, context, errors } = await app.open('notebook');
    const csv = await withApi<string>(
      page,
      `
      const { ElasticNet, readCSV } = kiroku;
      let csv = 'alcohol,pH,quality\\n';
      for (let i = 0; i < 60; i++) {
        const a = 9 + (i % 7) * 0.5, p = 3 + (i % 5) * 0.1;
        csv += a + ',' + p.toFixed(2) + ',' + Math.round(a * 0.6 - p + 2) + '\\n';
      }
      const df = await readCSV(csv);
      const X = df.drop({ columns: ['quality'] });
      const y = df.column('quality');
      await mlflow.setExperiment('wine');
      const runId = await mlflow.startRun({ runName: 'enet' }, async (run) => {
        const m = new ElasticNet({ alpha: 0.02, l1Ratio: 0.5 }).fit(X, y);
        await mlflow.logMetric('training_r2_score', m.score(X, y));
        await mlflow.logModel(m, 'model', { inputExample: X });
        return run.info.runId;
      });
      await mlflow.registerModel('runs:/' + runId + '/model', 'wine');
      await mlflow.setRegisteredModelAlias('wine', 'champion', 1);
      return csv;
    `,
    );
    await page.goto(app.url(`predict?model=${encodeURIComponent('models:/wine@champion')}`));
    await page
      .getByRole('status')
      .getByText(/Loaded models:\/wine@champion/)
      .waitFor();
    await page
      .getByLabel('Choose a CSV file')
      .setInputFiles({ name: 'winequality.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('region', { name: '3. Schema check' }).getByRole('button', { name: 'Predict' }).click();
    const results = page.getByRole('region', { name: '4. Predictions' });
    const r2 = await results
      .getByRole('term')
      .filter({ hasText: 'R²' })
      .locator('xpath=following-sibling::dd[1]')
      .textContent();
    expect(Number(r2)).toBeGreaterThan(0.5);
    const download = page.waitForEvent('download');
    await results.getByRole('button', { name: 'Download predictions (CSV)' }).click();
    const lines = readFileSync((await (await download).path())!, 'utf8')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('alcohol,pH,quality,predictions');
    expect(lines).toHaveLength(61);
    expect(lines.slice(1).every((l) => Number.isFinite(Number(l.split(',')[3])))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});

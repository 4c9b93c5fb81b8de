// Storage a user can trust, in Chromium: export → clear → import restores runs whose models still load
// and predict; a quota failure fails only its own call and says why; two tabs log at once; a reload
// during a long autologged fit leaves the run KILLED with the metrics it logged.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './page';

const app = useApp();
const WINE = readFileSync(resolve(__dirname, '../../../shared/data/winequality-red.csv'), 'utf8');

function inPage<T>(page: Page, body: string, arg?: unknown): Promise<T> {
  return page.evaluate(
    `(async (arg) => { const k = await globalThis.kiroku; const { mlflow } = k; ${body} ` +
      `})(${JSON.stringify(arg ?? null)})`,
  ) as Promise<T>;
}

describe('storage in Chromium', () => {
  it('exports the workspace, clears all, imports it back: runs, metrics, artifacts, models that predict', async () => {
    const { page, context, errors } = await app.open('settings');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await expect.poll(() => page.getByTestId('storage-usage').textContent()).toMatch(/Using .+ of .+ available/);
    await page.getByText(/^Workspace \(IndexedDB\): \d/).waitFor();
    await page.getByRole('button', { name: 'Keep data persistent' }).waitFor();

    const before = await inPage<{ runId: string; predictions: number[]; loss: number[]; files: string[] }>(
      page,
      `
      mlflow.autolog();
      await mlflow.setExperiment('wine');
      const df = await k.readCSV(arg);
      const X = df.drop({ columns: ['quality'] });
      const model = new k.ElasticNet({ alpha: 0.02, l1Ratio: 0.5 }).fit(X, df.column('quality'));
      await mlflow.flush();
      const runId = mlflow.lastActiveRun().info.runId;
      await mlflow.registerModel('runs:/' + runId + '/model', 'wine');
      await mlflow.setRegisteredModelAlias('wine', 'champion', 1);
      await mlflow.startRun({ runName: 'curve' }, async () => {
        for (let i = 0; i < 1500; i++) mlflow.logMetric('loss', 1 / (i + 1), { step: i });
      });
      const [curve] = await mlflow.searchRuns({ experimentNames: ['wine'], filter: "attributes.run_name = 'curve'" });
      const loss = (await mlflow.getMetricHistory(curve.info.runId, 'loss')).map((m) => m.value);
      const files = (await mlflow.client().listArtifactFiles(runId)).map((f) => f.path).sort();
      return { runId, predictions: Array.from(model.predict(X.iloc({ rows: ['0:20'] }))), loss, files };
    `,
      WINE,
    );
    expect(before.files).toContain('model/MLmodel');
    expect(before.loss).toHaveLength(1500);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export workspace' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^kiroku-workspace-\d{4}-\d\d-\d\d\.zip$/);
    const archive = await download.path();
    await page
      .getByRole('status')
      .filter({ hasText: /Exported .* 2 runs/ })
      .waitFor();

    await page.getByRole('button', { name: 'Clear all data…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Clear all data?' });
    await Promise.all([page.waitForEvent('load'), dialog.getByRole('button', { name: 'Delete everything' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const empty = await inPage<{ runs: number; models: number }>(
      page,
      `
      const exps = await mlflow.searchExperiments();
      const runs = await mlflow.searchRuns({ experimentIds: exps.map((e) => e.experimentId) });
      return { runs: runs.length, models: (await mlflow.registry().searchRegisteredModels()).length };
    `,
    );
    expect(empty).toEqual({ runs: 0, models: 0 });

    await page.getByLabel('Import workspace').setInputFiles(archive);
    const summary = page.getByRole('table', { name: 'Import summary' });
    await summary.waitFor();
    expect(await summary.getByRole('row', { name: /^Runs/ }).getByRole('cell').allTextContents()).toEqual([
      '2',
      '0',
      '0',
      '0',
    ]);
    expect(
      await summary
        .getByRole('row', { name: /^Model versions/ })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['1', '0', '0', '0']);

    const after = await inPage<{
      predictions: number[];
      champion: number[];
      loss: number[];
      files: string[];
      status: string;
    }>(
      page,
      `
      const df = await k.readCSV(arg);
      const fresh = df.drop({ columns: ['quality'] }).iloc({ rows: ['0:20'] });
      const loaded = await mlflow.pyfunc.loadModel('runs:/${before.runId}/model');
      const champion = await mlflow.loadModel('models:/wine@champion');
      const [curve] = await mlflow.searchRuns({ experimentNames: ['wine'], filter: "attributes.run_name = 'curve'" });
      return {
        predictions: Array.from(loaded.predict(fresh)), champion: Array.from(champion.predict(fresh)),
        loss: (await mlflow.getMetricHistory(curve.info.runId, 'loss')).map((m) => m.value),
        files: (await mlflow.client().listArtifactFiles('${before.runId}')).map((f) => f.path).sort(),
        status: (await mlflow.getRun('${before.runId}')).info.status,
      };
    `,
      WINE,
    );
    expect(after).toEqual({
      predictions: before.predictions,
      champion: before.predictions,
      loss: before.loss,
      files: before.files,
      status: 'FINISHED',
    });

    // Importing the same file again merges into what is there: nothing is duplicated.
    await page.getByLabel('Import workspace').setInputFiles(archive);
    await expect
      .poll(() => summary.getByRole('row', { name: /^Runs/ }).getByRole('cell').allTextContents())
      .toEqual(['0', '0', '2', '0']);
    expect(
      await summary
        .getByRole('row', { name: /^Model versions/ })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['0', '0', '1', '0']);
    expect(await inPage<number>(page, `return (await mlflow.searchRuns({ experimentNames: ['wine'] })).length;`)).toBe(
      2,
    );

    // The Experiments view lists the imported runs.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Experiments' }).click();
    await page.getByRole('navigation', { name: 'Experiments' }).getByRole('link', { name: 'wine' }).click();
    await page.getByRole('row', { name: /curve/ }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a quota failure while logging fails that call and its run with a clear message; older runs intact', async () => {
    const { page, context } = await app.open('settings');
    const out = await inPage<Record<string, unknown>>(
      page,
      `
      await mlflow.setExperiment('quota');
      const good = await mlflow.startRun({ runName: 'good' }, async (run) => {
        for (let i = 0; i < 2500; i++) mlflow.logMetric('loss', i, { step: i });
        await mlflow.logText('kept', 'notes.txt');
        return run.info.runId;
      });
      // Once the run exists the disk is full for one write: the next put throws QuotaExceededError.
      const put = IDBObjectStore.prototype.put;
      let armed = false;
      IDBObjectStore.prototype.put = function (...args) {
        if (armed) { armed = false; throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); }
        return put.apply(this, args);
      };
      let error = null, badId = null;
      try {
        await mlflow.startRun({ runName: 'bad' }, async (run) => {
          badId = run.info.runId;
          armed = true;
          let logged;
          for (let i = 0; i < 100; i++) logged = mlflow.logMetric('loss', i, { step: i });
          await logged; // the points of one flush share one promise
        });
      } catch (e) { error = { name: e.name, code: e.code, message: e.message }; }
      IDBObjectStore.prototype.put = put;
      const g = await mlflow.getRun(good), b = await mlflow.getRun(badId);
      return {
        error, armed,
        good: { status: g.info.status, loss: g.data.metrics.loss,
          n: (await mlflow.getMetricHistory(good, 'loss')).length,
          text: await (await mlflow.getArtifact(good, 'notes.txt')).text() },
        bad: { status: b.info.status, n: (await mlflow.getMetricHistory(badId, 'loss')).length },
      };
    `,
    );
    expect(out.armed).toBe(false);
    expect(out.error).toEqual({
      name: 'TrackingError',
      code: 'QUOTA_EXCEEDED',
      message: expect.stringMatching(
        /storage quota exceeded.*Nothing from this call was saved; earlier data is intact/,
      ),
    });
    expect(out.good).toEqual({ status: 'FINISHED', loss: 2499, n: 2500, text: 'kept' });
    expect(out.bad).toEqual({ status: 'FAILED', n: 0 });
    await context.close();
  });
});

describe('clear all data with a notebook open', () => {
  it('deletes the open notebook too: reloaded, the first-visit walkthrough is back, no error raised', async () => {
    const { page, context, errors } = await app.open('notebook');
    await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
    await page.getByRole('button', { name: '+ New notebook' }).click();
    await page.getByRole('heading', { level: 1, name: 'Untitled' }).waitFor();
    await page.getByText('Kernel idle').waitFor({ timeout: 60_000 });
    await inPage(
      page,
      `const run = await mlflow.startRun({ runName: 'left-running' }); await mlflow.logMetric('x', 1);`,
    );
    const untitled = page.getByRole('navigation', { name: 'Notebooks' }).getByText('Untitled');
    expect(await untitled.count()).toBe(1);

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Clear all data…' }).click();
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('dialog', { name: 'Clear all data?' }).getByRole('button', { name: 'Delete everything' }).click(),
    ]);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notebook' }).click();
    await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
    const runs = await inPage<number>(
      page,
      `
      const exps = await mlflow.searchExperiments();
      return (await mlflow.searchRuns({ experimentIds: exps.map((e) => e.experimentId) })).length;
    `,
    );
    expect(runs).toBe(0);
    expect(await untitled.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

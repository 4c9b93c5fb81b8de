// The tracking API in real Chromium against real IndexedDB: log, reload, find everything again;
// a page that dies mid-run leaves its run KILLED; other tabs see changes live.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './page';

const app = useApp();

/** Run code in the page with the public API (what the browser console offers as `kiroku`). */
function withApi<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate(
    `(async () => { const kiroku = await globalThis.kiroku; const { mlflow } = kiroku; ${fn} })()`,
  ) as Promise<T>;
}

describe('tracking in Chromium', () => {
  it('logs a run and finds all of it again after a reload, in the API and in the Experiments view', async () => {
    const { page, context, errors } = await app.open('notebook');
    const runId = await withApi<string>(
      page,
      `
      await mlflow.setExperiment('wine');
      return await mlflow.startRun({ runName: 'enet-0.02' }, async (run) => {
        await mlflow.logParams({ alpha: 0.02, l1_ratio: 0.5 });
        for (let i = 0; i < 3000; i++) mlflow.logMetric('loss', 1 / (i + 1), { step: i });
        await mlflow.logMetric('training_r2_score', 0.36);
        await mlflow.setTag('team', 'ml');
        await mlflow.logText('hello from chromium', 'notes/hello.txt');
        const dataset = { name: 'wine', digest: 'abc12345', sourceType: 'local', source: 'winequality-red.csv' };
        await mlflow.logInput(dataset, 'train');
        return run.info.runId;
      });
    `,
    );
    expect(runId).toMatch(/^[0-9a-f]{32}$/);
    await page.reload();
    const found = await withApi<Record<string, unknown>>(
      page,
      `
      const run = await mlflow.getRun('${runId}');
      const history = await mlflow.getMetricHistory('${runId}', 'loss');
      const text = await (await mlflow.getArtifact('${runId}', 'notes/hello.txt')).text();
      const hits = await mlflow.searchRuns({
        experimentNames: ['wine'],
        filter: "metrics.training_r2_score > 0.3 and params.alpha = '0.02'",
      });
      return { status: run.info.status, params: run.data.params, r2: run.data.metrics.training_r2_score,
        tag: run.data.tags.team,
        n: history.length, last: history[history.length - 1], text, hits: hits.map((r) => r.info.runId),
        inputs: run.inputs.datasetInputs.map((d) => d.dataset.name + ':' + d.tags['mlflow.data.context']) };
    `,
    );
    expect(found).toEqual({
      status: 'FINISHED',
      params: { alpha: '0.02', l1_ratio: '0.5' },
      r2: 0.36,
      tag: 'ml',
      n: 3000,
      last: { step: 2999, value: 1 / 3000, timestamp: expect.any(Number) },
      text: 'hello from chromium',
      hits: [runId],
      inputs: ['wine:train'],
    });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Experiments' }).click();
    await page.getByRole('navigation', { name: 'Experiments' }).getByRole('link', { name: 'wine' }).click();
    const row = page.getByRole('row', { name: /enet-0\.02/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining(['FINISHED', '0.02', '0.5', '0.36', '3.333e-4']),
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('ends a run as KILLED when its page is reloaded mid-run, keeping what was logged', async () => {
    const { page, context } = await app.open('notebook');
    const runId = await withApi<string>(
      page,
      `
      const run = await mlflow.startRun({ runName: 'interrupted' });
      for (let i = 0; i < 50; i++) mlflow.logMetric('loss', 50 - i, { step: i });
      await mlflow.flush();
      return run.info.runId;
    `,
    );
    await page.reload();
    const info = await withApi<Record<string, unknown>>(
      page,
      `
      await mlflow.client().recoverOrphanedRuns();
      const run = await mlflow.getRun('${runId}');
      return { status: run.info.status, loss: run.data.metrics.loss,
        n: (await mlflow.getMetricHistory('${runId}', 'loss')).length,
        ended: run.info.endTime >= run.info.startTime };
    `,
    );
    expect(info).toEqual({ status: 'KILLED', loss: 1, n: 50, ended: true });
    await context.close();
  });

  it("does not end another live tab's run, and shows that tab's new runs without a reload", async () => {
    const { page: a, context } = await app.open('experiments');
    const b = await context.newPage();
    await b.goto(app.url('notebook'));
    const runId = await withApi<string>(
      b,
      `const run = await mlflow.startRun({ runName: 'from-tab-b' }); await mlflow.logMetric('acc', 0.9); return ` +
        `run.info.runId;`,
    );
    await a.getByRole('row', { name: /from-tab-b/ }).waitFor();
    // A third page opening the store checks for orphans; tab B's run is alive and must stay RUNNING.
    const c = await context.newPage();
    await c.goto(app.url('notebook'));
    const status = await withApi<string>(
      c,
      `await mlflow.client().recoverOrphanedRuns(); return (await mlflow.getRun('${runId}')).info.status;`,
    );
    expect(status).toBe('RUNNING');
    await withApi(b, `await mlflow.endRun();`);
    await a
      .getByRole('row', { name: /from-tab-b/ })
      .getByText('FINISHED')
      .waitFor();
    await context.close();
  });
});

// "Sync to MLflow" from the runs table, in Chromium, to a local server that follows MLflow's REST API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApp } from './page';
import { startMlflowTestServer } from '../interop/mlflow-test-server';

const app = useApp();
let server: Awaited<ReturnType<typeof startMlflowTestServer>>;
beforeAll(async () => {
  server = await startMlflowTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('Sync to MLflow', () => {
  it('sends the selected runs to the server and reports, then resumes without duplicates', async () => {
    const { page, context } = await app.open('experiments');
    await page.evaluate(`(async () => {
      const { mlflow } = await globalThis.kiroku;
      await mlflow.setExperiment('sync-demo');
      for (const alpha of [0.1, 0.2]) {
        await mlflow.startRun({ runName: 'a' + alpha }, async () => {
          await mlflow.logParam('alpha', alpha);
          for (let i = 0; i < 5; i++) mlflow.logMetric('loss', 1 / (i + 1), { step: i });
          await mlflow.logText('hi', 'notes.txt');
        });
      }
    })()`);
    await page.getByRole('navigation', { name: 'Experiments' }).getByRole('link', { name: 'sync-demo' }).click();
    await page.getByRole('row', { name: /a0\.1/ }).getByRole('checkbox').check();
    await page.getByRole('row', { name: /a0\.2/ }).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Sync to MLflow…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sync 2 runs to MLflow' });
    await dialog.getByLabel('Tracking server URL').fill(server.url);
    await dialog.getByRole('button', { name: 'Start sync' }).click();
    await dialog.getByText('2 synced.').waitFor();
    expect(server.runs.size).toBe(2);
    expect([...server.runs.values()].map((r) => r.params.get('alpha')).sort()).toEqual(['0.1', '0.2']);
    expect([...server.runs.values()].every((r) => r.metrics.length === 5 && r.info.status === 'FINISHED')).toBe(true);
    await dialog.getByRole('button', { name: 'Sync again' }).click();
    // The second sync has finished when both runs were updated a second time.
    await expect.poll(() => server.calls.filter((c) => c.endsWith('/runs/update')).length, { timeout: 30_000 }).toBe(4);
    await dialog.getByText('2 synced.').waitFor();
    expect(server.runs.size).toBe(2);
    expect([...server.runs.values()].every((r) => r.metrics.length === 5)).toBe(true);
    await context.close();
  });
});

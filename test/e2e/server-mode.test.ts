// The whole app against a team's MLflow tracking server (Settings → Tracking server), in Chromium, with
// a local server that follows MLflow's REST API (behind a proxy that allows this page, CORS) and requires a token: a
// wrong token is refused before anything switches; with the right one the Experiments view shows the team's runs, a
// notebook cell logs there (the kernel gets the token), and switching back shows this browser's runs again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './page';
import { newNotebook, output, runInto } from './notebook-driver';
import { startMlflowTestServer } from '../interop/mlflow-test-server';
import { Fluent } from '../../src/tracking/fluent';
import { modelApi } from '../../src/logged-model/api';
import { Ridge } from '../../src/ml/index';
import '../../src/interop/rest/schemes';

const app = useApp();
const TOKEN = 'team-token';
let server: Awaited<ReturnType<typeof startMlflowTestServer>>;

beforeAll(async () => {
  server = await startMlflowTestServer({ auth: { token: TOKEN }, cors: true });
  // A teammate's run, logged through the REST store from Node.
  const fluent = new Fluent('memory:teammate');
  const teammate = Object.assign(fluent, modelApi(fluent));
  teammate.setTrackingUri(server.url, { token: TOKEN, retries: 0 });
  await teammate.setExperiment('team-wine');
  const runId = await teammate.startRun({ runName: 'teammate-run' }, async (run) => {
    await teammate.logParam('alpha', 0.5);
    await teammate.logMetric('rmse', 0.61);
    await teammate.logModel(
      new Ridge({ alpha: 0.5 }).fit(
        [
          [1, 2],
          [2, 1],
          [3, 5],
          [4, 4],
        ],
        [1, 2, 3, 4],
      ),
      'model',
    );
    return run.info.runId;
  });
  await teammate.registerModel(`runs:/${runId}/model`, 'team-model');
  await teammate.setRegisteredModelAlias('team-model', 'champion', 1);
});
afterAll(async () => {
  await server.close();
});

const experimentLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Experiments' }).getByRole('link', { name });

describe('working against an MLflow tracking server', () => {
  it('switches the app to the server and back, refusing a wrong token first', async () => {
    const { page, context, errors } = await app.open('settings');
    await page.evaluate(`(async () => {
      const { mlflow } = await globalThis.kiroku;
      await mlflow.setExperiment('local-only');
      await mlflow.startRun({ runName: 'local-run' }, async () => {});
    })()`);

    const section = page.getByRole('region', { name: 'Tracking server' });
    await section.getByLabel('Tracking server URL').fill(server.url);
    await section.getByLabel('Token (optional, kept in memory only)').fill('wrong');
    await section.getByRole('button', { name: 'Use this server' }).click();
    await section
      .getByRole('alert')
      .filter({ hasText: `Could not use ${server.url}: 401` })
      .waitFor();
    expect(await page.getByRole('link', { name: /^MLflow server:/ }).count()).toBe(0);

    await section.getByLabel('Token (optional, kept in memory only)').fill(TOKEN);
    // The switch happens in place (a reload would lose the token, which is never stored).
    await section.getByRole('button', { name: 'Use this server' }).click();
    await page.getByRole('link', { name: `MLflow server: ${new URL(server.url).host}` }).waitFor();

    // The team's experiments and runs, not this browser's.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Experiments' }).click();
    await experimentLink(page, 'team-wine').click();
    await page.getByRole('row', { name: /teammate-run/ }).waitFor();
    expect(await experimentLink(page, 'local-only').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sync to MLflow…' }).count()).toBe(0);
    // Its page reads params and the metric history from the server; a tag added here lands there.
    await page.getByRole('link', { name: 'teammate-run' }).click();
    await page.getByRole('heading', { level: 1, name: 'teammate-run' }).waitFor();
    expect(
      await page
        .getByRole('region', { name: /Parameters/ })
        .getByRole('row', { name: /alpha/ })
        .textContent(),
    ).toContain('0.5');
    await page
      .getByRole('region', { name: /Metrics/ })
      .getByText('rmse')
      .first()
      .waitFor();
    const tags = page.getByRole('region', { name: /^Tags/ });
    await tags.getByRole('textbox', { name: 'New tag key' }).fill('reviewed');
    await tags.getByRole('textbox', { name: 'New tag value' }).fill('yes');
    await tags.getByRole('button', { name: 'Add tag' }).click();
    await tags.getByRole('row', { name: /reviewed yes/ }).waitFor();
    expect([...server.runs.values()].find((r) => r.info.run_name === 'teammate-run')!.tags.get('reviewed')).toBe('yes');

    // The server's registry in the Models view.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
    await page
      .getByRole('row', { name: /team-model/ })
      .getByRole('link', { name: '@champion → v1' })
      .waitFor();

    // A notebook cell logs to the server without being told to, with the page's token.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notebook' }).click();
    await newNotebook(page);
    await runInto(
      page,
      1,
      [
        `await mlflow.setExperiment('team-wine');`,
        `await mlflow.startRun({ runName: 'from-notebook' }, async () => { await mlflow.logMetric('rmse', 0.58); });`,
        `mlflow.getTrackingUri()`,
      ].join('\n'),
    );
    await expect.poll(() => output(page, 1).innerText(), { timeout: 60_000 }).toContain(server.url);
    const fromNotebook = [...server.runs.values()].find((r) => r.info.run_name === 'from-notebook');
    expect(fromNotebook?.info.status).toBe('FINISHED');
    // Its link opens the run in this app, which shows the server's runs now.
    const link = output(page, 1).getByRole('link', { name: 'from-notebook' });
    await expect
      .poll(() => link.getAttribute('href'), { timeout: 30_000 })
      .toBe(`#/experiments/${fromNotebook!.info.experiment_id}/runs/${fromNotebook!.info.run_id}`);
    expect(await link.getAttribute('target')).toBeNull();
    expect(server.authorizations.filter((a) => a !== `Bearer ${TOKEN}` && a !== 'Bearer wrong')).toEqual([]);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Experiments' }).click();
    await experimentLink(page, 'team-wine').click();
    await page.getByRole('row', { name: /from-notebook/ }).waitFor({ timeout: 30_000 });

    // Back to this browser: its own runs again.
    await page.getByRole('link', { name: /^MLflow server:/ }).click();
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Use this browser instead' }).click(),
    ]);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await page.getByRole('link', { name: /^MLflow server:/ }).count()).toBe(0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Experiments' }).click();
    await experimentLink(page, 'local-only').waitFor();
    expect(await experimentLink(page, 'team-wine').count()).toBe(0);
    expect(errors.filter((e) => !/401/.test(e))).toEqual([]);
    await context.close();
  });
});

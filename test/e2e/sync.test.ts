// MLflow servers from the browser, in Chromium, against a local server that follows MLflow's REST API:
// "Sync to MLflow" from the runs table, and a notebook whose tracking URI is the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApp } from './page';
import { newNotebook, output, runInto } from './notebook-driver';
import { startMlflowTestServer } from '../interop/mlflow-test-server';

const app = useApp();
let server: Awaited<ReturnType<typeof startMlflowTestServer>>;
beforeAll(async () => {
  server = await startMlflowTestServer({ cors: true });
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
        const runId = await mlflow.startRun({ runName: 'a' + alpha }, async (run) => {
          await mlflow.logParam('alpha', alpha);
          for (let i = 0; i < 5; i++) mlflow.logMetric('loss', 1 / (i + 1), { step: i });
          await mlflow.logText('hi', 'notes.txt');
          return run.info.runId;
        });
        if (alpha === 0.2) {
          await mlflow.registry().createModelVersion('sync-model', 'runs:/' + runId + '/model');
          await mlflow.setRegisteredModelAlias('sync-model', 'champion', 1);
        }
      }
    })()`);
    await page.getByRole('navigation', { name: 'Experiments' }).getByRole('link', { name: 'sync-demo' }).click();
    await page.getByRole('row', { name: /a0\.1/ }).getByRole('checkbox').check();
    await page.getByRole('row', { name: /a0\.2/ }).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Sync to MLflow…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sync 2 runs to MLflow' });
    await dialog.getByLabel('Tracking server URL').fill(server.url);
    expect(
      await dialog.getByRole('checkbox', { name: 'Also register their model versions and aliases' }).isChecked(),
    ).toBe(true);
    await dialog.getByRole('button', { name: 'Start sync' }).click();
    await dialog.getByText('2 synced. 1 model version registered.').waitFor();
    const model = server.registeredModels.get('sync-model')!;
    const remoteOf02 = [...server.runs.values()].find((r) => r.params.get('alpha') === '0.2')!.info.run_id;
    expect([...model.versions.values()].map((v) => v.source)).toEqual([`runs:/${remoteOf02}/model`]);
    expect(model.aliases.get('champion')).toBe('1');
    expect(server.runs.size).toBe(2);
    expect([...server.runs.values()].map((r) => r.params.get('alpha')).sort()).toEqual(['0.1', '0.2']);
    expect([...server.runs.values()].every((r) => r.metrics.length === 5 && r.info.status === 'FINISHED')).toBe(true);
    await dialog.getByRole('button', { name: 'Sync again' }).click();
    // The second sync has finished when both runs were updated a second time.
    await expect.poll(() => server.calls.filter((c) => c.endsWith('/runs/update')).length, { timeout: 30_000 }).toBe(4);
    await dialog.getByText('2 synced.', { exact: true }).waitFor();
    expect(server.runs.size).toBe(2);
    expect([...server.runs.values()].every((r) => r.metrics.length === 5)).toBe(true);
    expect(model.versions.size).toBe(1);
    await context.close();
  });

  it('logs straight to the server from a cell: an autologged fit, its model reloaded, a link to the run', async () => {
    const { page, context, errors } = await app.open('notebook');
    await newNotebook(page);
    await runInto(
      page,
      1,
      [
        `mlflow.setTrackingUri('${server.url}', { token: 'team-token', retries: 1 });`,
        `mlflow.autolog();`,
        `await mlflow.setExperiment('cars-on-server');`,
        `const cars = (await loadCSV('cars')).drop({ columns: ['name', 'origin', 'year'] }).dropNa({ axis: 1 });`,
        `const X = cars.drop({ columns: ['miles_per_gallon'] });`,
        `const model = new ml.ElasticNet({ alpha: 0.1 }).fit(X, cars.column('miles_per_gallon'));`,
        `await mlflow.flush();`,
        `const runId = mlflow.lastActiveRun().info.runId;`,
        `const again = await mlflow.loadModel(\`runs:/\${runId}/model\`);`,
        `const expected = model.predict(X);`,
        `const same = Array.from(await again.predict(X)).every((v, i) => v === expected[i]);`,
        `'reloaded ' + same`,
      ].join('\n'),
    );
    await expect.poll(() => output(page, 1).innerText(), { timeout: 60_000 }).toContain('reloaded true');
    const onServer = [...server.runs.values()].filter((r) => r.tags.get('mlflow.autologging') === 'kiroku_ml');
    expect(onServer).toHaveLength(1);
    const remote = onServer[0]!;
    expect(remote.info.status).toBe('FINISHED');
    expect(remote.params.get('alpha')).toBe('0.1');
    expect(remote.tags.get('mlflow.source.type')).toBe('NOTEBOOK');
    expect(server.artifacts.has(`${remote.info.experiment_id}/${remote.info.run_id}/artifacts/model/MLmodel`)).toBe(
      true,
    );
    expect(server.artifacts.has(`${remote.info.experiment_id}/${remote.info.run_id}/artifacts/source/cell.ts`)).toBe(
      true,
    );
    expect(server.authorizations.at(-1)).toBe('Bearer team-token');
    // The run link under the cell opens the run in the server's own UI.
    const link = output(page, 1).getByRole('link', { name: remote.info.run_name as string });
    await expect
      .poll(() => link.getAttribute('href'), { timeout: 30_000 })
      .toBe(`${server.url}/#/experiments/${remote.info.experiment_id}/runs/${remote.info.run_id}`);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await output(page, 1).innerText()).toContain(`on ${new URL(server.url).host}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("ends a server run KILLED when its page reloads mid-run, and leaves another live tab's run alone", async () => {
    const { page, context } = await app.open('experiments');
    const start = (name: string) => `(async () => {
      const { mlflow } = await globalThis.kiroku;
      mlflow.setTrackingUri('${server.url}', { retries: 0 });
      const run = await mlflow.startRun({ runName: '${name}' });
      await mlflow.logMetric('m', 1);
      return run.info.runId;
    })()`;
    const dies = (await page.evaluate(start('dies'))) as string;
    const other = await context.newPage();
    await other.goto(app.url('experiments'));
    const lives = (await other.evaluate(start('lives'))) as string;
    await page.reload();
    const ended = await page.evaluate(`(async () => {
      const { mlflow } = await globalThis.kiroku;
      mlflow.setTrackingUri('${server.url}');
      return mlflow.client().recoverOrphanedRuns();
    })()`);
    expect(ended).toEqual([dies]);
    expect(server.runs.get(dies)!.info.status).toBe('KILLED');
    expect(server.runs.get(lives)!.info.status).toBe('RUNNING');
    await context.close();
  });
});

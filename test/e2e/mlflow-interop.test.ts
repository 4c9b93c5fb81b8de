// Where MLflow's own servers, clients and files meet Kiroku, in Chromium: a version MLflow's Python
// client registered (its source the run's mlflow-artifacts:/ URI) loads from the server; an mlruns folder
// MLflow wrote (file:/// version sources) imports and its model loads by alias; Sync rewrites a model's
// MLmodel for the remote run and leaves no run RUNNING when an artifact fails; a '#' path is refused at
// log time; and Settings says why a server cannot be used — a blocked port, a server without CORS
// headers (as every MLflow 2.x server is), one that is not there.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { parse } from 'yaml';
import type { Page } from 'playwright-core';
import { useApp } from './page';
import { newNotebook, output, runInto } from './notebook-driver';
import { startMlflowTestServer } from '../interop/mlflow-test-server';
import { registerModelAsMlflowPython } from '../interop/mlflow-python-client';
import { closedPort } from '../interop/closed-port';
import { Fluent } from '../../src/tracking/fluent';
import { modelApi } from '../../src/logged-model/api';
import { Ridge } from '../../src/ml/index';
import { exportMlruns } from '../../src/interop/mlruns/export';
import '../../src/interop/rest/schemes';

const app = useApp();
let server: Awaited<ReturnType<typeof startMlflowTestServer>>;
let dir: string;
beforeAll(async () => {
  server = await startMlflowTestServer({ cors: true });
  dir = await mkdtemp(join(tmpdir(), 'kiroku-interop-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const rows = [
  [1, 2],
  [2, 1],
  [3, 5],
  [4, 4],
  [5, 7],
  [6, 3],
];
const y = [1, 2, 3, 4, 5, 6];

function inPage<T>(page: Page, body: string): Promise<T> {
  return page.evaluate(
    `(async () => { const k = await globalThis.kiroku; const { mlflow } = k; ${body} })()`,
  ) as Promise<T>;
}

/** A Kiroku model logged from Node, to a server (REST) or to memory; its run id and predictions. */
async function teammateModel(trackingUri?: string) {
  const fluent = new Fluent(`memory:interop-${Math.random()}`);
  const teammate = Object.assign(fluent, modelApi(fluent));
  if (trackingUri) teammate.setTrackingUri(trackingUri, { retries: 0 });
  await teammate.setExperiment('wine');
  const model = new Ridge({ alpha: 0.5 }).fit(rows, y);
  const runId = await teammate.startRun({}, async (run) => {
    await teammate.logModel(model, 'model');
    return run.info.runId;
  });
  return { teammate, runId, expected: Array.from(model.predict(rows)) };
}

describe("MLflow's servers, clients and files", () => {
  it("loads a version MLflow's Python client registered on the server by number, alias and latest", async () => {
    const { runId, expected } = await teammateModel(server.url);
    const version = await registerModelAsMlflowPython(server.url, `runs:/${runId}/model`, 'team-wine');
    expect(version.source).toMatch(new RegExp(`^mlflow-artifacts:/\\d+/${runId}/artifacts/model$`));
    await fetch(`${server.url}/api/2.0/mlflow/registered-models/alias`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'team-wine', alias: 'champion', version: '1' }),
    });
    const { page, context, errors } = await app.open('models');
    const loaded = await inPage<Record<string, { predictions: number[]; runId: string }>>(
      page,
      `
      mlflow.setTrackingUri('${server.url}', { retries: 0 });
      const out = {};
      for (const uri of ['models:/team-wine/1', 'models:/team-wine@champion', 'models:/team-wine/latest']) {
        const model = await mlflow.loadModel(uri);
        const predictions = Array.from(await model.predict(${JSON.stringify(rows)}));
        out[uri] = { predictions, runId: model.metadata.runId };
      }
      return out;
    `,
    );
    for (const uri of ['models:/team-wine/1', 'models:/team-wine@champion', 'models:/team-wine/latest'])
      expect(loaded[uri], uri).toEqual({ predictions: expected, runId });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('imports an mlruns folder MLflow wrote (sources: file:/// paths) and loads its model by alias', async () => {
    const { teammate, runId, expected } = await teammateModel();
    const files = unzipSync(await exportMlruns(teammate.client()));
    const expDir = Object.keys(files)
      .find((p) => p.endsWith(`/${runId}/meta.yaml`))!
      .split('/')[1]!;
    const source = `file:///home/ada/mlruns/${expDir}/${runId}/artifacts/model`;
    Object.assign(files, {
      'mlruns/models/wine/meta.yaml': strToU8(
        'creation_timestamp: 1700000000000\ndescription: null\nlast_updated_timestamp: 1700000100000\nname: wine\n',
      ),
      'mlruns/models/wine/aliases/champion': strToU8('1'),
      'mlruns/models/wine/version-1/meta.yaml': strToU8(
        `creation_timestamp: 1700000000000\ncurrent_stage: None\ndescription: null\nlast_updated_timestamp: ` +
          `1700000000000\nname: wine\nrun_id: ${runId}\n` +
          `run_link: null\nsource: ${source}\nstatus: READY\nstatus_message: ` +
          `null\nstorage_location: ${source}\nuser_id: null\nversion: 1\n`,
      ),
    });
    const archive = join(dir, 'mlruns-from-mlflow.zip');
    await writeFile(archive, zipSync(files));

    const { page, context, errors } = await app.open('settings');
    await page.getByLabel('Import MLflow runs').setInputFiles(archive);
    await page
      .getByRole('status')
      .filter({ hasText: /1 run imported, 1 experiment created, 1 model version registered\.$/ })
      .waitFor();
    const predictions = await inPage<number[]>(
      page,
      `
      const model = await mlflow.loadModel('models:/wine@champion');
      return Array.from(await model.predict(${JSON.stringify(rows)}));
    `,
    );
    expect(predictions).toEqual(expected);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('syncs a model whose MLmodel names the remote run; a refused artifact fails a run until a resync', async () => {
    const { page, context } = await app.open('experiments');
    const localId = await inPage<string>(
      page,
      `
      await mlflow.setExperiment('sync-models');
      return mlflow.startRun({ runName: 'with-model' }, async (run) => {
        await mlflow.logModel(new k.Ridge({ alpha: 0.5 }).fit(${JSON.stringify(rows)}, ${JSON.stringify(y)}), 'model');
        for (let i = 0; i < 6; i++) await mlflow.logText('part ' + i, 'parts/' + i + '.txt');
        return run.info.runId;
      });
    `,
    );
    // A proxy in front of the server refuses the third upload (too large, it says).
    server.failures.push({
      match: 'PUT /api/2.0/mlflow-artifacts/artifacts/',
      status: 413,
      code: 'REQUEST_LIMIT_EXCEEDED',
      message: 'Request Entity Too Large',
      times: 1000,
      after: 2,
    });
    await page.getByRole('navigation', { name: 'Experiments' }).getByRole('link', { name: 'sync-models' }).click();
    await page
      .getByRole('row', { name: /with-model/ })
      .getByRole('checkbox')
      .check();
    await page.getByRole('button', { name: 'Sync to MLflow…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sync 1 run to MLflow' });
    await dialog.getByLabel('Tracking server URL').fill(server.url);
    await dialog.getByRole('button', { name: 'Start sync' }).click();
    await dialog.getByText('0 synced, 1 failed.').waitFor();
    await dialog.getByText(/REQUEST_LIMIT_EXCEEDED: Request Entity Too Large/).waitFor();
    const remote = [...server.runs.values()].find((r) => r.info.run_name === 'with-model')!;
    expect(remote.info.status).toBe('FAILED');

    server.failures.length = 0;
    await dialog.getByRole('button', { name: 'Sync again' }).click();
    await dialog.getByText('1 synced.', { exact: true }).waitFor();
    expect(remote.info.status).toBe('FINISHED');
    expect([...server.runs.values()].filter((r) => r.info.run_name === 'with-model')).toHaveLength(1);
    const mlmodel = parse(
      server.artifacts.get(`${remote.info.experiment_id}/${remote.info.run_id}/artifacts/model/MLmodel`)!.toString(),
    );
    expect(mlmodel.run_id).toBe(remote.info.run_id);
    expect(mlmodel.run_id).not.toBe(localId);
    expect(JSON.parse(remote.tags.get('mlflow.log-model.history')!)[0].run_id).toBe(remote.info.run_id);
    await context.close();
  });

  it("refuses an artifact path with '#' when a cell logs it, in MLflow's words", async () => {
    const { page, context } = await app.open('notebook');
    await newNotebook(page);
    await runInto(
      page,
      1,
      `await mlflow.startRun({ runName: 'hash' }, async () => { await mlflow.logText('x', 'plots/loss#1.txt'); });`,
    );
    await expect
      .poll(() => output(page, 1).innerText(), { timeout: 60_000 })
      .toContain(
        "Invalid path: 'plots/loss#1.txt'. MLflow's tracking server refuses artifact paths with '#' " +
          '(validate_path_is_safe); name the file without it.',
      );
    await context.close();
  });

  it('says why a tracking server cannot be used: a blocked port, no CORS headers (MLflow 2.x), nothing', async () => {
    const bare = await startMlflowTestServer(); // as a real MLflow 2.x server: no CORS headers
    try {
      const { page, context } = await app.open('settings');
      const section = page.getByRole('region', { name: 'Tracking server' });
      const attempt = async (url: string): Promise<string> => {
        await section.getByLabel('Tracking server URL').fill(url);
        await section.getByRole('button', { name: 'Use this server' }).click();
        const alert = section.getByRole('alert').filter({ hasText: `Could not use ${url}:` });
        await alert.waitFor({ timeout: 30_000 });
        return (await alert.innerText()).slice(`Could not use ${url}: `.length);
      };
      const origin = new URL(app.url()).origin;
      expect(await attempt('http://127.0.0.1:6000')).toBe(
        'Port 6000 is blocked by browsers and fetch (it is on the Fetch standard\'s list of "bad ports", kept for ' +
          'other protocols), so http://127.0.0.1:6000 cannot be reached from here. Run the MLflow server on ' +
          'another port, e.g. mlflow server --port 5000.',
      );
      expect(await attempt(bare.url)).toBe(
        `The server at ${bare.url} answered, but does not allow requests from this page (${origin}): it sends no ` +
          `CORS headers. MLflow 2.x servers send none: put a proxy in front that adds ` +
          `Access-Control-Allow-Origin: ${origin} (and answers OPTIONS preflights), or start MLflow 3.5 or later ` +
          `with --cors-allowed-origins ${origin}.`,
      );
      const nothing = `http://127.0.0.1:${await closedPort()}`;
      expect(await attempt(nothing)).toBe(
        `Could not connect to ${nothing}: the server is not running, its name does not resolve, or its certificate ` +
          `is not trusted — the browser does not say which. Open ${nothing} in a new tab to see the browser's own ` +
          `error.`,
      );
      expect(await attempt('http://mlflow.invalid:5000')).toMatch(
        /^Could not connect to http:\/\/mlflow\.invalid:5000: /,
      );
      expect(await page.getByRole('link', { name: /^MLflow server:/ }).count()).toBe(0);
      await context.close();
    } finally {
      await bare.close();
    }
  });
});

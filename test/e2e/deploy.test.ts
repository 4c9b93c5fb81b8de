// Issue 17 in Chromium: a registered model's Deploy dialog (on its version page) and a run's logged model
// (on the run page). The downloaded web predictor is imported in a blank page of another origin and
// predicts exactly what the app predicts; its demo page, opened from a file:// address, predicts a dropped
// CSV; the Dockerfile directory's server starts with plain `node` and answers like the app.
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { useApp } from './page';
import { startNode } from '../deploy/wine-model';

const app = useApp();
const WINE = readFileSync(resolve(__dirname, '../../../shared/data/winequality-red.csv'), 'utf8');

function inPage<T>(page: Page, body: string, arg?: unknown): Promise<T> {
  return page.evaluate(
    `(async (arg) => { const k = await globalThis.kiroku; const { mlflow } = k; ${body} ` +
      `})(${JSON.stringify(arg ?? null)})`,
  ) as Promise<T>;
}

interface Registered {
  runId: string;
  experimentId: string;
  /** The app's predictions for every wine row, by `models:/wine@champion`. */
  predictions: number[];
  /** Every wine row as records (the inputs, quality left out). */
  records: Array<Record<string, number>>;
}

let context: BrowserContext;
let page: Page;
let errors: string[];
let model: Registered;
let dir: string;

beforeAll(async () => {
  ({ context, page, errors } = await app.open('notebook'));
  model = await inPage<Registered>(
    page,
    `
    mlflow.autolog();
    const df = await k.readCSV(arg);
    const X = df.drop({ columns: ['quality'] });
    new k.ElasticNet({ alpha: 0.02, l1Ratio: 0.5 }).fit(X, df.column('quality'));
    await mlflow.flush();
    const runId = mlflow.lastActiveRun().info.runId;
    await mlflow.registerModel('runs:/' + runId + '/model', 'wine');
    await mlflow.setRegisteredModelAlias('wine', 'champion', 1);
    const records = k.toTable(X).toRecords();
    const loaded = await mlflow.pyfunc.loadModel('models:/wine@champion');
    const experimentId = mlflow.lastActiveRun().info.experimentId;
    return { runId, experimentId, predictions: Array.from(loaded.predict(records)), records };
  `,
    WINE,
  );
  dir = await mkdtemp(join(tmpdir(), 'kiroku-deploy-e2e-'));
});

afterAll(async () => {
  await context.close();
});

async function download(p: Page, name: string): Promise<{ file: string; download: Download }> {
  const pending = p.waitForEvent('download');
  await p.getByRole('dialog').getByRole('button', { name }).click();
  const d = await pending;
  const file = join(dir, d.suggestedFilename());
  await d.saveAs(file);
  return { file, download: d };
}

/** A static server of `files` (path → [content type, body]) on a free loopback port. */
async function staticServer(files: Record<string, [string, string]>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const f = files[req.url ?? ''];
    if (!f) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': f[0] }).end(f[1]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('Deploy', () => {
  it('is a labelled dialog on a model version that Escape or Close closes, returning the focus', async () => {
    await page.goto(app.url('models/wine/versions/1'));
    const open = page.getByRole('button', { name: 'Deploy' });
    await open.click();
    const dialog = page.getByRole('dialog', { name: 'Deploy models:/wine@champion' });
    await dialog.waitFor();
    expect(
      await dialog.getByText('npx kiroku models serve -m models:/wine@champion --port 5001', { exact: true }).count(),
    ).toBe(1);
    expect(
      await dialog.getByText('npx kiroku models serve -m wine-model.zip --port 5001', { exact: true }).count(),
    ).toBe(1);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => open.evaluate((b) => document.activeElement === b)).toBe(true);
    await open.click();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => open.evaluate((b) => document.activeElement === b)).toBe(true);
  });

  it('downloads a web predictor a blank page imports and that predicts identically, under 30 KB gzip', async () => {
    await page.getByRole('button', { name: 'Deploy' }).click();
    const { file } = await download(page, 'Download web predictor (.mjs)');
    expect(file.endsWith('wine-predictor.mjs')).toBe(true);
    const text = await readFile(file, 'utf8');
    const gzip = gzipSync(text).length;
    console.log(JSON.stringify({ name: 'web-predictor-gzip-bytes', model: 'ElasticNet on wine', value: gzip }));
    expect(gzip).toBeLessThan(30 * 1024);
    expect(text).not.toMatch(/^\s*import\s/m);

    const { url, server } = await staticServer({
      '/': ['text/html', '<!doctype html><title>blank</title>'],
      '/wine-predictor.mjs': ['text/javascript', text],
    });
    try {
      const blank = await context.newPage();
      await blank.goto(url);
      // As text: a function would be transformed for Node by the test runner, its import() included.
      const got = (await blank.evaluate(`(async (records) => {
        const { predict, model } = await import('/wine-predictor.mjs');
        const columns = Object.fromEntries(Object.keys(records[0]).map((c) => [c, records.map((r) => r[c])]));
        const rows = records.map((r) => Object.values(r));
        return { uri: model.uri, byRecords: predict(records), byColumns: predict(columns), byRows: predict(rows) };
      })(${JSON.stringify(model.records)})`)) as {
        uri: string;
        byRecords: number[];
        byColumns: number[];
        byRows: number[];
      };
      expect(got.uri).toBe('models:/wine@champion');
      for (const out of [got.byRecords, got.byColumns, got.byRows]) {
        expect(out).toHaveLength(1599);
        const worst = Math.max(...out.map((v, i) => Math.abs(v - model.predictions[i]!)));
        expect(worst).toBeLessThanOrEqual(1e-12);
      }
      const refused = await blank.evaluate(`import('/wine-predictor.mjs').then(({ predict }) => {
        try {
          predict([{ alcohol: 9.4 }]);
          return 'predicted';
        } catch (e) {
          return e.message;
        }
      })`);
      expect(refused).toMatch(/^Model is missing inputs \['fixed acidity', /);
      await blank.close();
    } finally {
      server.close();
    }
  });

  it('downloads a demo page predicting a dropped CSV as the app does, opened from a file or static host', async () => {
    const { file } = await download(page, 'Download demo page (.html)');
    expect(file.endsWith('wine-predictor.html')).toBe(true);
    const demo = await context.newPage();
    const demoErrors: string[] = [];
    demo.on('pageerror', (e) => demoErrors.push(e.message));
    await demo.goto(pathToFileURL(file).href);
    const drop = await demo.evaluateHandle((csv) => {
      const dt = new DataTransfer();
      dt.items.add(new File([csv], 'winequality-red.csv', { type: 'text/csv' }));
      return dt;
    }, WINE);
    await demo.dispatchEvent('#drop', 'drop', { dataTransfer: drop });
    await demo
      .getByRole('status')
      .getByText('1599 predictions for winequality-red.csv (the first 1000 shown).')
      .waitFor();
    const table = demo.getByRole('table', { name: 'Predictions' });
    const header = await table.getByRole('columnheader').allTextContents();
    expect(header.at(-1)).toBe('predictions');
    expect(header).toContain('quality');
    const shown = await table
      .locator('tbody tr')
      .evaluateAll((rows) => rows.slice(0, 50).map((r) => Number(r.lastElementChild!.textContent)));
    expect(shown).toEqual(model.predictions.slice(0, 50));
    expect(await demo.getByRole('alert').textContent()).toBe('');
    await demo.close();

    // From a static host, a CSV chosen with the file picker; text that is not a CSV of the inputs is refused in words.
    const { url, server } = await staticServer({ '/wine-predictor.html': ['text/html', await readFile(file, 'utf8')] });
    try {
      const hosted = await context.newPage();
      hosted.on('pageerror', (e) => demoErrors.push(e.message));
      await hosted.goto(`${url}/wine-predictor.html`);
      const picker = hosted.getByLabel('CSV file');
      await picker.setInputFiles({
        name: 'two.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(WINE.split('\n').slice(0, 3).join('\n')),
      });
      await hosted.getByRole('status').getByText('2 predictions for two.csv.').waitFor();
      const cells = await hosted
        .getByRole('table', { name: 'Predictions' })
        .locator('tbody tr td:last-child')
        .allTextContents();
      expect(cells.map(Number)).toEqual(model.predictions.slice(0, 2));
      await picker.setInputFiles({
        name: 'other.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('a,b\n1,<img src=x onerror=alert(1)>\n'),
      });
      await hosted
        .getByRole('alert')
        .getByText(/^Model is missing inputs \['fixed acidity', /)
        .waitFor();
      expect(await hosted.locator('img').count()).toBe(0);
      await hosted.close();
    } finally {
      server.close();
    }
    expect(demoErrors).toEqual([]);
  });

  it("downloads a run's model's Dockerfile directory: its server starts with node, predicts as the app", async () => {
    await page.goto(app.url(`experiments/${model.experimentId}/runs/${model.runId}/artifacts?path=model%2FMLmodel`));
    await page.getByRole('button', { name: 'Deploy' }).click();
    await page.getByRole('dialog', { name: `Deploy runs:/${model.runId}/model` }).waitFor();
    const { file } = await download(page, 'Download Dockerfile directory (.zip)');
    expect(file.endsWith('model-docker.zip')).toBe(true);
    const root = join(dir, 'docker');
    const entries = unzipSync(new Uint8Array(await readFile(file)));
    for (const [path, bytes] of Object.entries(entries)) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), bytes);
    }
    const names = Object.keys(entries);
    expect(names).toEqual(
      expect.arrayContaining([
        'model-docker/Dockerfile',
        'model-docker/package.json',
        'model-docker/model/MLmodel',
        'model-docker/model/model.json',
        'model-docker/server/kiroku.mjs',
      ]),
    );
    const dockerfile = await readFile(join(root, 'model-docker/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20-slim$/m);
    expect(dockerfile).not.toContain('npm install'); // a linear model needs no packages
    const served = await startNode(
      ['server/kiroku.mjs', 'models', 'serve', '-m', 'model', '--port', '0'],
      process.env,
      join(root, 'model-docker'),
    );
    try {
      expect(await (await fetch(`${served.url}/ping`)).status).toBe(200);
      const answer = await fetch(`${served.url}/invocations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ dataframe_records: model.records.slice(0, 20) }),
      });
      expect(((await answer.json()) as { predictions: number[] }).predictions).toEqual(model.predictions.slice(0, 20));
    } finally {
      await served.stop();
    }
    expect(errors).toEqual([]);
  });

  it('downloads the web predictor and the Docker directory offline: their prebuilt parts are precached', async () => {
    const offline = await app.open('notebook');
    await offline.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    });
    await inPage(
      offline.page,
      `
      const runId = await mlflow.startRun({ runName: 'tiny' }, async (run) => {
        await mlflow.logModel(new k.LinearRegression().fit([[1], [2], [3]], [2, 4, 6]), 'model');
        return run.info.runId;
      });
      await mlflow.registerModel('runs:/' + runId + '/model', 'tiny');
    `,
    );
    await offline.context.setOffline(true);
    await offline.page.reload();
    await offline.page.goto(app.url('models/tiny/versions/1'));
    await offline.page.getByRole('button', { name: 'Deploy' }).click();
    await offline.page.getByRole('dialog', { name: 'Deploy models:/tiny/1' }).waitFor();
    const { file } = await download(offline.page, 'Download web predictor (.mjs)');
    expect(await readFile(file, 'utf8')).toContain('"uri":"models:/tiny/1"');
    const docker = await download(offline.page, 'Download Dockerfile directory (.zip)');
    expect(Object.keys(unzipSync(new Uint8Array(await readFile(docker.file))))).toContain(
      'tiny-docker/server/kiroku.mjs',
    );
    expect(offline.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e))).toEqual([]);
    await offline.context.close();
  });
});

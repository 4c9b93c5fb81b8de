// Sharing a notebook by link, in Chromium: the link made in one browser profile opens in a fresh one
// read-only — the same cells as text, the outputs sanitized, no kernel started and so nothing run —
// and "Open a copy" makes it a notebook of that profile that runs. `#/open?url=…` opens a notebook or
// a CSV from another origin that allows CORS, and says why when one does not.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApp } from './page';
import { cell, newNotebook, output, runInto, typeInto } from './notebook-driver';

const app = useApp();

const LOGGING_CELL = [
  "await mlflow.setExperiment('shared-link');",
  "await mlflow.startRun({ runName: 'from-link' });",
  'await mlflow.endRun();',
  "const runs = await mlflow.searchRuns({ experimentNames: ['shared-link'] });",
  '`runs here: ${runs.length}`',
].join('\n');
const HTML_CELL = `html('<img src=x onerror="window.__pwned = 1"><b>bold</b>')`;

// Another origin for `#/open?url=`: /cors/* allows every origin to read it, /plain/* allows none.
const NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    {
      cell_type: 'code',
      metadata: {},
      source: ['const fromHost = 40 + 2;\n', 'fromHost'],
      outputs: [],
      execution_count: null,
    },
  ],
};
let host: Server;
let hostUrl = '';
beforeAll(async () => {
  host = createServer((req, res) => {
    const path = req.url ?? '';
    if (path.startsWith('/cors/')) res.setHeader('Access-Control-Allow-Origin', '*');
    if (path.endsWith('/lesson.ipynb'))
      res.setHeader('content-type', 'application/x-ipynb+json').end(JSON.stringify(NOTEBOOK));
    else if (path.endsWith('/data.csv')) res.setHeader('content-type', 'text/csv').end('x,y\n1,2\n3,4\n5,6\n');
    else res.writeHead(404).end('not here');
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => host.close(() => resolve())));

describe('share by link', () => {
  it('opens a copied link in a fresh profile read-only, runs nothing, and "Open a copy" runs it', async () => {
    const a = await app.open();
    await a.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const pageA = a.page;
    await newNotebook(pageA);
    // Run the logging cell twice here: two runs in this profile.
    await runInto(pageA, 1, LOGGING_CELL);
    await output(pageA, 1).getByText('runs here: 1').waitFor({ timeout: 60_000 });
    await cell(pageA, 1).locator('.cell-editor').click();
    await pageA.keyboard.press('Alt+Enter');
    await output(pageA, 1).getByText('runs here: 2').waitFor({ timeout: 60_000 });
    await typeInto(pageA, 2, HTML_CELL);
    await pageA.keyboard.press('ControlOrMeta+Enter');
    await output(pageA, 2).getByText('bold').waitFor({ timeout: 60_000 });
    await pageA.getByText('All changes saved').waitFor();

    await pageA.getByRole('button', { name: 'Share…' }).click();
    const dialog = pageA.getByRole('dialog', { name: 'Share' });
    await dialog.getByRole('checkbox', { name: 'Include outputs' }).check();
    const link = await dialog.getByRole('textbox', { name: 'Link' }).inputValue();
    expect(link.startsWith(app.url().replace(/#.*$/, '') + '#/shared?nb=')).toBe(true);
    await dialog.getByRole('button', { name: 'Copy link' }).click();
    await dialog.getByText('Link copied to the clipboard.').waitFor();
    expect(await pageA.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await a.context.close();

    // A fresh profile: its own IndexedDB, nothing of the first.
    const context = await app.browser().newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Untitled' }).waitFor();
    await page
      .getByRole('note')
      .getByText(/^Read-only: this notebook came from a link/)
      .waitFor();
    expect(
      await page
        .getByRole('group', { name: /^Cell \d+, / })
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))),
    ).toEqual([
      'Cell 1, TypeScript, run 2',
      'Cell 2, TypeScript, run 3',
      'Cell 3, TypeScript, not run', // the empty cell Shift+Enter added at the end
    ]);
    expect(await page.getByLabel('Cell 1 TypeScript source').innerText()).toBe(LOGGING_CELL);
    expect(await page.getByLabel('Cell 2 TypeScript source').innerText()).toBe(HTML_CELL);
    await output(page, 1).getByText('runs here: 2').waitFor();
    // The shared HTML output is sanitized: the bold stays, the handler is gone and never ran.
    expect(await output(page, 2).locator('b').innerText()).toBe('bold');
    expect(
      await output(page, 2)
        .locator('img')
        .evaluateAll((imgs) => imgs.map((i) => i.getAttribute('onerror'))),
    ).toEqual([null]);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    // Nothing can run: no editor, no run button, no kernel worker.
    expect(await page.getByRole('button', { name: 'Run all' }).count()).toBe(0);
    expect(page.workers()).toEqual([]);

    await page.getByRole('button', { name: 'Open a copy' }).click();
    await page.getByRole('heading', { level: 1, name: 'Untitled' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Notebooks' })
      .getByRole('link', { name: 'Untitled', exact: true })
      .waitFor();
    await page.getByText('Kernel idle').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Run all', exact: true }).click();
    // One run: the first this profile has logged, so nothing ran before "Run all".
    await output(page, 1).getByText('runs here: 1').waitFor({ timeout: 60_000 });
    await expect
      .poll(() => cell(page, 2).getAttribute('aria-label'), { timeout: 60_000 })
      .toBe('Cell 2, TypeScript, run 2');
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('#/open?url= opens a notebook or a CSV from a host allowing CORS, and says why when a host does not', async () => {
    const { page, context } = await app.open(`open?url=${encodeURIComponent(`${hostUrl}/cors/lesson.ipynb`)}`);
    await page.getByRole('heading', { level: 1, name: 'lesson' }).waitFor();
    expect(await page.getByLabel('Cell 1 TypeScript source').innerText()).toBe('const fromHost = 40 + 2;\nfromHost');
    expect(page.workers()).toEqual([]);
    await page.getByRole('button', { name: 'Open a copy' }).click();
    await page.getByText('Kernel idle').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Run all', exact: true }).click();
    await output(page, 1).getByText('42', { exact: true }).waitFor({ timeout: 60_000 });

    await page.goto(app.url(`open?url=${encodeURIComponent(`${hostUrl}/cors/data.csv`)}`));
    await page.getByRole('heading', { level: 1, name: 'data.csv' }).waitFor();
    expect(await page.getByLabel('Cell 2 TypeScript source').innerText()).toBe(
      `const df = await readCSV("${hostUrl}/cors/data.csv");\ndescribe(df)`,
    );
    await page.getByRole('button', { name: 'Open a copy' }).click();
    await page.getByText('Kernel idle').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Run all', exact: true }).click();
    // describe(df) of the three rows the host served.
    const described = output(page, 2).getByRole('table');
    await described.waitFor({ timeout: 60_000 });
    expect(await described.getByRole('row', { name: /^count/ }).innerText()).toMatch(/^count\s+3\s+3$/);

    await page.goto(app.url(`open?url=${encodeURIComponent(`${hostUrl}/plain/lesson.ipynb`)}`));
    await page.getByRole('heading', { level: 1, name: 'Could not open the notebook' }).waitFor();
    expect(await page.getByRole('main').getByRole('alert').innerText()).toMatch(
      new RegExp(
        String.raw`^Could not fetch http:\/\/127\.0\.0\.1:\d+\/plain\/lesson\.ipynb: the host is unreachable, or ` +
          String.raw`it does not allow other sites to read the file \(it sends no CORS header`,
      ),
    );
    await page.goto(app.url(`open?url=${encodeURIComponent(`${hostUrl}/cors/missing.ipynb`)}`));
    await page.getByText(/the host answered 404 Not Found\.$/).waitFor();
    await context.close();
  });
});

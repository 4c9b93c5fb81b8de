// "Publish as a static site", in Chromium: the zip a notebook downloads is unzipped and served by a
// plain static file server (no COOP/COEP, no CSP header: only the files and their types). A fresh
// profile opening it gets that notebook and its Files, ready to run; running it records its runs in
// that browser; without cross-origin isolation, Interrupt still stops a cell (its message path).
import { mkdtemp, readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { useApp } from './page';
import { cell, newNotebook, output, typeInto } from './notebook-driver';

const app = useApp();

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv',
  '.webmanifest': 'application/manifest+json',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain',
};

/** The plainest static server: a file's bytes and its type, 404 otherwise. */
function serveStatic(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    readFile(file).then(
      (bytes) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(bytes),
      () => res.writeHead(404).end('not found'),
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` }),
    ),
  );
}

const CODE = [
  'mlflow.autolog();',
  "await mlflow.setExperiment('published');",
  "const points = await loadCSV('points.csv');",
  "const model = new ml.LinearRegression().fit(points.loc({ columns: ['x'] }), points.column('y'));",
  '`fitted on ${points.shape[0]} rows`',
].join('\n');
const POINTS = 'x,y\n1,2.1\n2,3.9\n3,6.2\n4,7.8\n5,10.1\n';

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

describe('publish as a static site', () => {
  it('serves from a plain static server: the notebook and its Files open ready to run, runs are recorded', async () => {
    const a = await app.open();
    await newNotebook(a.page);
    await a.page
      .getByLabel('Upload files')
      .setInputFiles({ name: 'points.csv', mimeType: 'text/csv', buffer: Buffer.from(POINTS) });
    await a.page.getByRole('list', { name: 'Your files' }).getByText('points.csv').waitFor();
    await typeInto(a.page, 1, CODE);
    await a.page.getByRole('button', { name: 'Rename' }).click();
    await a.page.getByRole('textbox', { name: 'Notebook name' }).fill('Published lesson');
    await a.page.keyboard.press('Enter');
    await a.page.getByRole('heading', { level: 1, name: 'Published lesson' }).waitFor();
    await a.page.getByText('All changes saved').waitFor();

    await a.page.getByRole('button', { name: 'Share…' }).click();
    const share = a.page.getByRole('dialog', { name: 'Share' });
    const [download] = await Promise.all([
      a.page.waitForEvent('download', { timeout: 120_000 }),
      share.getByRole('button', { name: 'Publish as a static site' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Published lesson-site.zip');
    await a.page.getByText(/^Published as Published lesson-site\.zip/).waitFor();
    const entries = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    await a.context.close();

    expect(strFromU8(entries['index.html']!)).toContain('<meta name="kiroku-published" content="published.json">');
    expect(strFromU8(entries['published/files/1']!)).toBe(POINTS);
    expect(JSON.parse(strFromU8(entries['published.json']!)).notebook.cells[0].source.join('')).toBe(CODE);
    for (const required of ['sw.js', 'manifest.webmanifest', 'favicon.svg'])
      expect(Object.keys(entries)).toContain(required);
    expect(Object.keys(entries).some((p) => /^assets\/kernel\.worker-.*\.js$/.test(p))).toBe(true);

    const root = await mkdtemp(join(tmpdir(), 'kiroku-site-'));
    cleanup.push(() => rm(root, { recursive: true, force: true }));
    for (const [path, bytes] of Object.entries(entries)) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), bytes);
    }
    const { server, url } = await serveStatic(root);
    cleanup.push(() => new Promise((resolve) => server.close(resolve)));

    // A visitor: a fresh profile, nothing of the publisher's.
    const context = await app.browser().newContext();
    // Whether the walkthrough prerendered for a first visit was ever shown: a published site opens its own.
    await context.addInitScript(`
      window.__prerenderedSeen = false;
      new MutationObserver(() => {
        if (document.documentElement?.hasAttribute('data-prerendered')) window.__prerenderedSeen = true;
      }).observe(document, { childList: true, subtree: true, attributes: true });`);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: 'Published lesson' }).waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => (window as unknown as { __prerenderedSeen: boolean }).__prerenderedSeen)).toBe(
      false,
    );
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    await page.getByRole('list', { name: 'Your files' }).getByText('points.csv').waitFor();
    expect(await cell(page, 1).getAttribute('aria-label')).toBe('Cell 1, TypeScript, not run');
    await page.getByText('Kernel idle').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Run all', exact: true }).click();
    await output(page, 1).getByText('fitted on 5 rows').waitFor({ timeout: 60_000 });
    await output(page, 1)
      .getByText(/^Run .+ · \d+ metrics?$/)
      .waitFor({ timeout: 30_000 });
    const runName = await output(page, 1).getByRole('link').first().innerText();

    // Not isolated, Interrupt stops a cell at its next await.
    await page.getByRole('button', { name: 'Add code cell' }).click();
    await cell(page, 2).waitFor();
    await typeInto(page, 2, 'let ticks = 0;\nwhile (true) { ticks++; await new Promise((r) => setTimeout(r, 5)); }');
    await page.keyboard.press('ControlOrMeta+Enter');
    await page.getByText('Kernel busy').waitFor();
    await page.getByRole('button', { name: 'Interrupt', exact: true }).click();
    await expect.poll(() => output(page, 2).innerText(), { timeout: 30_000 }).toMatch(/interrupted by the user/);

    // The run is this browser's: the experiment lists it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Experiments' }).click();
    await page.getByRole('link', { name: 'published', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'published' }).waitFor();
    await page.getByRole('link', { name: runName, exact: true }).waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000); // publishing copies the whole app (~27 MB) and zips it: minutes on a busy 2-core machine
});

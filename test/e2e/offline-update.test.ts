// A new version is announced and applied on reload, never stuck: the app is served from a folder we
// swap for a newer build (the same build with a changed index.html and the service worker's precache
// revision for it, as a deploy changes them). The open page says a new version is ready; a reload runs
// the new one.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApp } from './page';
import { serveStaticApp, type StaticApp } from './static-app';

const app = useApp();

let next = '';
let server: StaticApp;
let base = '';

beforeAll(async () => {
  const dist = process.env.KIROKU_DIST ?? 'dist';
  const v1 = mkdtempSync(join(tmpdir(), 'kiroku-v1-'));
  const v2 = mkdtempSync(join(tmpdir(), 'kiroku-v2-'));
  cpSync(dist, v1, { recursive: true, filter: (src) => !src.endsWith('.map') });
  cpSync(dist, v2, { recursive: true, filter: (src) => !src.endsWith('.map') });
  const html = readFileSync(join(v2, 'index.html'), 'utf8');
  writeFileSync(
    join(v2, 'index.html'),
    html.replace('<head>', '<head>\n    <meta name="kiroku-build" content="v2" />'),
  );
  const sw = readFileSync(join(v2, 'sw.js'), 'utf8');
  const swNext = sw.replace(/(url:"index\.html",revision:")[^"]+"/, '$1v2-test"');
  if (swNext === sw) throw new Error('the service worker has no precache entry for index.html to change');
  writeFileSync(join(v2, 'sw.js'), swNext);
  server = await serveStaticApp(v1);
  base = server.url;
  next = v2;
});

afterAll(() => server.stop());

describe('app updates', () => {
  it('announces a new version while the page is open, and a reload runs it', async () => {
    const context = await app.browser().newContext();
    const page = await context.newPage();
    await page.goto(`${base}#/experiments`);
    await page.getByRole('heading', { level: 1, name: 'Default' }).waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    });
    const build = () =>
      page.evaluate(() => document.querySelector('meta[name="kiroku-build"]')?.getAttribute('content') ?? 'v1');
    expect(await build()).toBe('v1');
    // A reload before the deploy is served v1 from the precache.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Default' }).waitFor();
    expect(await build()).toBe('v1');

    server.setRoot(next); // deploy the new version
    // What the app does when the tab comes back to the foreground: look for a new service worker.
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const notice = page.getByRole('status').filter({ hasText: 'A new version of Kiroku is ready' });
    await notice.waitFor({ timeout: 30_000 });
    expect(await build()).toBe('v1'); // the open page keeps running what it loaded

    await notice.getByRole('button', { name: 'Reload' }).click();
    await page.waitForLoadState('load');
    await expect.poll(build).toBe('v2');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await context.close();
  });
});

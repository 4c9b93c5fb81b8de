// Offline, in Chromium: after one visit the service worker has precached the app; with the network off
// a reload renders it, still cross-origin isolated (the cached index.html keeps COOP/COEP), and a
// notebook cell runs in the kernel worker — loading a sample dataset from the precache too.
//
// "Off" is the app's own server stopped, besides the browser set offline: Playwright applies its
// offline emulation to a service worker that (re)starts only after the worker runs, so a fetch that
// wakes a stopped worker could still reach the network (one run in seven under load); a stopped server
// cannot answer anyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApp } from './page';
import { output, runInto as run } from './notebook-driver';
import { serveStaticApp, type StaticApp } from './static-app';

const app = useApp();
let server: StaticApp;
beforeAll(async () => {
  server = await serveStaticApp(process.env.KIROKU_DIST ?? 'dist');
});
afterAll(() => server.stop());

describe('offline', () => {
  it('reloads with the network off: the app renders, stays cross-origin isolated, and runs a cell', async () => {
    const context = await app.browser().newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${server.url}#/notebook`);
    await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
    // The worker installs (precaching everything) and takes control of this page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    });
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      let n = 0;
      for (const name of names) n += (await (await caches.open(name)).keys()).length;
      return n;
    });
    expect(cached).toBeGreaterThan(30);

    await server.stop();
    await context.setOffline(true);
    expect(
      await page.evaluate(() =>
        fetch('/favicon.svg?probe', { cache: 'no-store' }).then(
          () => 'online',
          () => 'offline',
        ),
      ),
    ).toBe('offline');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

    await page.getByRole('button', { name: '+ New notebook' }).click();
    await page.getByRole('heading', { level: 1, name: 'Untitled' }).waitFor();
    await page.getByText('Kernel idle').waitFor({ timeout: 60_000 });
    await run(page, 1, "const df = await loadCSV('cars');\nconsole.log('offline', 6 * 7, df.shape[0] > 100)");
    await expect.poll(() => output(page, 1).innerText(), { timeout: 60_000 }).toContain('offline 42 true');

    // Other pages load their lazy chunks from the precache too.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
    await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|Failed to fetch/.test(e))).toEqual(
      [],
    );
    await context.close();
  });
});

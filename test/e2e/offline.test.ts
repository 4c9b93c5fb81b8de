// Offline, in Chromium: after one visit the service worker has precached the app; with the network off
// a reload renders it, still cross-origin isolated (the cached index.html keeps COOP/COEP), and a
// notebook cell runs in the kernel worker — loading a sample dataset from the precache too.
import { describe, expect, it } from 'vitest';
import { useApp } from './page';
import { output, runInto as run } from './notebook-driver';

const app = useApp();

describe('offline', () => {
  it('reloads with the network off: the app renders, stays cross-origin isolated, and runs a cell', async () => {
    const { page, context, errors } = await app.open('notebook');
    await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
    // The worker installs (precaching everything) and takes control of this page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    });
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      let n = 0;
      for (const name of names) n += (await (await caches.open(name)).keys()).length;
      return n;
    });
    expect(cached).toBeGreaterThan(30);

    await context.setOffline(true);
    expect(await page.evaluate(() => fetch('/favicon.svg?probe', { cache: 'no-store' }).then(() => 'online', () => 'offline'))).toBe('offline');
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
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e))).toEqual([]);
    await context.close();
  });
});

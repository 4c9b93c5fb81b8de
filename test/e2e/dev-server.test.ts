// The app as `npm start` serves it (Vite's development server, started here on a free port) next to the
// built app the other browser tests use: Settings says whether the app is saved for offline use, and
// only what is true there — the development server has no service worker and never saves it.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import { useApp } from './page';

const app = useApp();
let dev: ViteDevServer | undefined;

beforeAll(async () => {
  dev = await createServer({
    root: resolve(__dirname, '../..'),
    server: { port: 0, host: '127.0.0.1' },
    logLevel: 'error',
  });
  await dev.listen();
}, 240_000);
afterAll(async () => {
  await dev?.close();
});

describe('offline use, as Settings tells it', () => {
  it('under the development server (npm start): not saved, and how to get the app that is', async () => {
    const context = await app.browser().newContext();
    const page = await context.newPage();
    await page.goto(`${dev!.resolvedUrls!.local[0]}#/settings`);
    const line = page.getByTestId('offline-state');
    await line.waitFor({ timeout: 240_000 });
    expect(await line.innerText()).toMatch(
      /^Not saved for offline use: this is the development server \(npm start\).*npm run build/,
    );
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
    await context.close();
  }, 300_000);

  it('in the built app: saved once its service worker controls the page, with the size it takes', async () => {
    const { page, context } = await app.open('settings');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    });
    await page.reload();
    await expect
      .poll(() => page.getByTestId('offline-state').innerText(), { timeout: 30_000 })
      .toMatch(/^App saved for offline use: [1-9][\d.]* [KM]B\. It opens without a network\.$/);
    await context.close();
  });
});

// Runs bench/browser/*.bench.ts in headless Chromium: a Vite dev server serves the project (so the
// benchmarks import src/ directly), each module runs in a fresh browser context, and its figures are
// printed as JSON lines. Times are reported, never judged.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { launchChromium } from '../test/e2e/chromium';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const modules = readdirSync(join(here, 'browser'))
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .filter((m) => !only.length || only.some((o) => m.includes(o)));

if (modules.length) {
  const shared = join(here, '..', '..', 'shared', 'data');
  const server = await createServer({
    root: join(here, '..'),
    server: { port: 0, host: '127.0.0.1', fs: { allow: [join(here, '..'), shared] } },
    logLevel: 'error',
  });
  await server.listen();
  const base = server.resolvedUrls!.local[0]!;
  const browser = await launchChromium();
  let failed = false;
  try {
    for (const m of modules) {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.on('console', (msg) => {
        const text = msg.text();
        if (text.startsWith('BENCH ')) console.log(text.slice(6));
        else if (text.startsWith('BENCH-ERROR ')) {
          failed = true;
          console.error(`${m}: ${text.slice(12)}`);
        }
      });
      // Benchmarks on real data read ../shared/data through the dev server (`wine`: wine-quality CSV).
      const wine = encodeURIComponent(`/@fs${join(shared, 'winequality-red.csv')}`);
      await page.goto(`${base}bench/browser/harness.html?module=${m}&wine=${wine}`);
      await page.waitForFunction(() => (window as unknown as { __benchDone?: string }).__benchDone, undefined, {
        timeout: 600_000,
      });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  process.exit(failed ? 1 : 0);
}

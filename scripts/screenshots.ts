// Screenshots of what a new user sees, for docs/screenshots/: the notebook, the walkthrough's charts (in
// the notebook and on the run page), TensorFlow.js training progress, the hyperparameter sweep's bar
// chart, the runs table scrolled right, describe(df), a traceback and the Predict page. Drives the built
// app (`npm run build` first) in Debian's Chromium, as the browser tests do, with the wine-quality CSV
// from ../shared when it is there (the cars sample otherwise, and then no Predict page: it predicts on
// the wine file).
//
//   npx vite build && npx tsx scripts/screenshots.ts
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { preview } from 'vite';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../test/e2e/chromium';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'docs/screenshots');
const WINE = resolve(ROOT, '../shared/data/winequality-red.csv');

const server = await preview({ root: ROOT, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const base = server.resolvedUrls!.local[0]!;
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
const page = await context.newPage();
await mkdir(OUT, { recursive: true });
const shot = async (name: string, target: Page | ReturnType<Page['locator']> = page, fullPage = false) => {
  await target.screenshot({
    path: resolve(OUT, `${name}.png`),
    animations: 'disabled',
    ...(fullPage ? { fullPage } : {}),
  });
  console.info(`docs/screenshots/${name}.png`);
};

async function runAll(): Promise<void> {
  await page.getByRole('button', { name: 'Run all', exact: true }).click();
  await page.waitForFunction(
    () => {
      const cells = [...document.querySelectorAll('[role=group][aria-label^="Cell "]')].filter((e) =>
        /TypeScript|JavaScript/.test(e.getAttribute('aria-label')!),
      );
      return (
        document.querySelector('.outputs [role=alert]') ||
        cells.every((e) => /, run \d+$/.test(e.getAttribute('aria-label')!))
      );
    },
    null,
    { timeout: 300_000 },
  );
  await page.getByText('Kernel idle').waitFor();
}
const cellOutput = (n: number) => page.getByRole('group', { name: `Cell ${n} output`, exact: true });

// The walkthrough, on wine quality when the CSV is at hand.
await page.goto(`${base}#/notebook`);
await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
await page.getByText('Kernel idle').waitFor({ timeout: 60_000 });
if (existsSync(WINE)) {
  const files = page.getByRole('complementary', { name: 'Files' });
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    files.getByRole('button', { name: 'Upload files' }).click(),
  ]);
  await chooser.setFiles({ name: 'winequality-red.csv', mimeType: 'text/csv', buffer: await readFile(WINE) });
  await files.getByRole('list', { name: 'Your files' }).getByText('winequality-red.csv').waitFor();
}
await runAll();
const residuals = cellOutput(11).getByRole('img', { name: /scatter chart: Residuals/ });
await residuals.locator('canvas').first().waitFor();
await residuals.scrollIntoViewIfNeeded();
await shot('walkthrough-residuals-chart', cellOutput(11));
await page.locator('.cell').first().scrollIntoViewIfNeeded();
await shot('notebook');

// The same figure on the run's page, and the run's metric charts.
await cellOutput(9).getByRole('link', { name: 'elasticnet-by-hand', exact: true }).click();
await page.getByRole('heading', { level: 1, name: 'elasticnet-by-hand' }).waitFor();
await page.getByRole('navigation', { name: 'Run sections' }).getByRole('link', { name: 'Artifacts' }).click();
await page
  .getByRole('navigation', { name: 'Artifact files' })
  .getByRole('link', { name: /residuals\.json/ })
  .click();
await page
  .getByRole('img', { name: /scatter chart: Residuals/ })
  .locator('canvas')
  .first()
  .waitFor();
await shot('run-page-residuals-figure');
await page
  .getByRole('navigation', { name: 'Run sections' })
  .getByRole('link', { name: /Metric charts/ })
  .click();
await page.getByRole('figure').first().waitFor();
await shot('run-page-metric-charts');

// The Predict page: the walkthrough's registered model on a file of the same kind.
if (existsSync(WINE)) {
  await page.goto(`${base}#/predict?model=${encodeURIComponent('models:/wine-quality-elasticnet/latest')}`);
  await page
    .getByRole('status')
    .getByText(/Loaded models:/)
    .waitFor();
  await page
    .getByLabel('Choose a CSV file')
    .setInputFiles({ name: 'winequality-red.csv', mimeType: 'text/csv', buffer: await readFile(WINE) });
  await page.getByRole('region', { name: '3. Schema check' }).getByRole('button', { name: 'Predict' }).click();
  await page.getByRole('region', { name: 'Predictions beside the inputs' }).getByRole('row').nth(1).waitFor();
  await shot('predict-page', page, true);
} else console.info('No ../shared/data/winequality-red.csv: no Predict page screenshot.');

// The sweep: its bar chart, then the runs table scrolled right to the metrics.
await page.goto(`${base}#/notebook`);
await page
  .getByRole('navigation', { name: 'Notebooks' })
  .getByRole('button', { name: 'Open sample: Hyperparameter sweep' })
  .click();
await page.getByRole('heading', { level: 1, name: 'Hyperparameter sweep', exact: true }).waitFor();
await page.getByText('Kernel idle').waitFor({ timeout: 60_000 });
await runAll();
const bars = cellOutput(5).getByRole('img', { name: /bar chart/ });
await bars.locator('canvas').first().waitFor();
await bars.scrollIntoViewIfNeeded();
await shot('sweep-bar-chart', cellOutput(5));

await page.goto(`${base}#/experiments`);
await page.getByRole('link', { name: 'cars-sweep' }).first().click();
const table = page.getByRole('region', { name: 'Runs table' });
await table.getByRole('row').nth(2).waitFor();
await page.getByRole('button', { name: 'Expand all' }).click();
await table.getByRole('row', { name: /alpha=1 l1=0.9/ }).waitFor();
await table.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
await shot('runs-table-scrolled-right');

// TensorFlow.js: the training progress bar under the cell.
await page.goto(`${base}#/notebook`);
await page
  .getByRole('navigation', { name: 'Notebooks' })
  .getByRole('button', { name: 'Open sample: TensorFlow.js network' })
  .click();
await page.getByRole('heading', { level: 1, name: 'TensorFlow.js network', exact: true }).waitFor();
await page.getByText('Kernel idle').waitFor({ timeout: 60_000 });
await runAll();
await cellOutput(3).getByRole('progressbar').waitFor();
await cellOutput(3).scrollIntoViewIfNeeded();
await shot('tfjs-progress', page.getByRole('group', { name: /^Cell 3, / }));

// describe(df) in a new notebook.
await page.goto(`${base}#/notebook`);
await page.getByRole('button', { name: '+ New notebook' }).click();
await page.getByRole('heading', { level: 1, name: 'Untitled' }).waitFor();
await page.getByText('Kernel idle').waitFor({ timeout: 60_000 });
const first = page.getByRole('group', { name: /^Cell 1, / });
await first.locator('.cell-editor').click();
await first.locator('.monaco-editor.focused').waitFor();
await page.keyboard.insertText(
  existsSync(WINE) ? "describe(await loadCSV('winequality-red.csv'))" : "describe(await loadSample('cars'))",
);
await page.keyboard.press('Shift+Enter');
await cellOutput(1).getByRole('table').waitFor({ timeout: 60_000 });
await shot('describe-table', page.getByRole('group', { name: /^Cell 1, / }));

// A traceback: the cell's lines and code; library frames folded away.
await page.getByRole('button', { name: '+ Add cell at the end' }).click();
const second = page.getByRole('group', { name: /^Cell 2, / });
await second.locator('.cell-editor').click();
await second.locator('.monaco-editor.focused').waitFor();
await page.keyboard.insertText(
  'const X = [[1], [2]];\nfunction predictAll() {\n  return new ElasticNet().predict(X);\n}\npredictAll();',
);
await page.keyboard.press('Shift+Enter');
await cellOutput(2).getByRole('alert').waitFor({ timeout: 60_000 });
await shot('traceback', second);

await browser.close();
await server.close();

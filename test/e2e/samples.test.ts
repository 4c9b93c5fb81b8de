// The built-in sample notebooks, run top to bottom in Chromium as a user would: open the sample, "Run
// all", and check what the cells show — no errors, a link (name, status, metric count) under every cell
// that creates runs, the run's page (its artifacts drawn, its source linking back to the cell) — and
// that a reload keeps the notebook, its outputs and its runs. About a minute on a 2-core machine: the
// samples keep their training short (20 epochs, a 3 × 3 grid).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './page';
import { cell, output } from './notebook-driver';

const app = useApp();
const WINE_CSV = resolve(__dirname, '../../../shared/data/winequality-red.csv');

const codeCells = (page: Page) => page.getByRole('group', { name: /^Cell \d+, (TypeScript|JavaScript)/ });
/** The run links under cell n: "Run <name> <STATUS> · <k> metrics". */
const runLinks = (page: Page, n: number) => output(page, n).getByText(/^Run .+ · \d+ metrics?$/);

/** The walkthrough's code cells, by number (markdown cells between them). */
const WALK = { load: 3, autolog: 5, evaluate: 7, byHand: 9, artifacts: 11, loadModel: 13, batch: 15 };

async function openSample(page: Page, title: string): Promise<void> {
  // A first visit seeds (and opens) the English walkthrough.
  await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
  if (title !== 'MLflow walkthrough') {
    await page
      .getByRole('navigation', { name: 'Notebooks' })
      .getByRole('button', { name: `Open sample: ${title}` })
      .click();
    await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
  }
  await page.getByText('Kernel idle').waitFor({ timeout: 60_000 });
}

/** "Run all", then wait until every code cell has run (or one failed), and check nothing failed. */
async function runAll(page: Page): Promise<number> {
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Run all', exact: true }).click();
  await expect
    .poll(
      async () => {
        if (await page.locator('.outputs [role="alert"]').count()) return 'error';
        const labels = await codeCells(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
        return labels.every((l) => /, run \d+$/.test(l)) ? 'done' : 'running';
      },
      { timeout: 240_000, interval: 250 },
    )
    .not.toBe('running');
  await page.getByText('Kernel idle').waitFor();
  expect(await page.locator('.outputs [role="alert"]').allInnerTexts()).toEqual([]);
  expect(await page.locator('.outputs .stream-stderr').allInnerTexts()).toEqual([]);
  await page.getByText('All changes saved').waitFor();
  return Date.now() - t0;
}

/** Open the run linked under cell n, check that its page links back to the cell; returns the cell's id. */
async function openRun(page: Page, n: number, runName: string): Promise<string> {
  const cellId = (await cell(page, n).getAttribute('data-cell-id'))!;
  await output(page, n).getByRole('link', { name: runName, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: runName }).waitFor();
  const source = page.getByRole('region', { name: 'Source code' });
  await source.getByRole('link', { name: 'Open the notebook cell' }).waitFor();
  expect(await source.locator('summary').innerText()).toMatch(/^source\/cell\.ts \(\d+ lines\)$/);
  expect(await source.getByRole('link', { name: 'Open the notebook cell' }).getAttribute('href')).toContain(
    `/cell/${cellId}`,
  );
  return cellId;
}

/** From a run's page back to its cell: the notebook opens with that cell selected. */
async function backToCell(page: Page, cellId: string): Promise<void> {
  if (!(await page.getByRole('region', { name: 'Source code' }).isVisible())) {
    await page.getByRole('navigation', { name: 'Run sections' }).getByRole('link', { name: 'Overview' }).click();
  }
  await page.getByRole('region', { name: 'Source code' }).getByRole('link', { name: 'Open the notebook cell' }).click();
  await expect
    .poll(() => page.locator(`[data-cell-id="${cellId}"]`).getAttribute('aria-current'), { timeout: 30_000 })
    .toBe('true');
}

async function uploadWine(page: Page): Promise<void> {
  const files = page.getByRole('complementary', { name: 'Files' });
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    files.getByRole('button', { name: 'Upload files' }).click(),
  ]);
  await chooser.setFiles({ name: 'winequality-red.csv', mimeType: 'text/csv', buffer: await readFile(WINE_CSV) });
  await files.getByRole('list', { name: 'Your files' }).getByText('winequality-red.csv').waitFor();
}

/** The walkthrough, run whole: with wine-quality uploaded, or on the cars sample it falls back to. */
async function walkthrough(page: Page, { wine }: { wine: boolean }): Promise<void> {
  const took = await runAll(page);
  console.info(`walkthrough (${wine ? 'wine' : 'fallback'}): Run all took ${took} ms`);

  const loaded = await output(page, WALK.load).innerText();
  if (wine) {
    expect(loaded).toContain('alcohol');
    expect(loaded).not.toContain('using the cars sample');
  } else {
    expect(loaded).toContain('winequality-red.csv is not in Files: using the cars sample instead.');
    expect(loaded).toContain('miles_per_gallon');
  }
  // Cells that create runs show one link each; the others none.
  await expect
    .poll(() => runLinks(page, WALK.autolog).allInnerTexts(), { timeout: 15_000 })
    .toEqual([expect.stringMatching(/^Run [\w-]+ FINISHED · [1-9]\d* metrics?$/)]);
  expect(await runLinks(page, WALK.byHand).allInnerTexts()).toEqual(['Run elasticnet-by-hand FINISHED · 2 metrics']);
  for (const n of [WALK.load, WALK.evaluate, WALK.loadModel, WALK.batch])
    expect(await runLinks(page, n).count()).toBe(0);
  // The artifacts cell resumes the by-hand run: linked there too.
  expect(await runLinks(page, WALK.artifacts).allInnerTexts()).toEqual(['Run elasticnet-by-hand FINISHED · 2 metrics']);
  expect(await output(page, WALK.evaluate).innerText()).toMatch(/rmse: \d/);
  // The figure is drawn under the cell too; the batch predictions come back as a column.
  await output(page, WALK.artifacts)
    .getByRole('img', { name: /scatter chart: Residuals/ })
    .locator('canvas')
    .first()
    .waitFor();
  expect(await output(page, WALK.artifacts).innerText()).toContain('residuals-histogram.png');
  expect(await output(page, WALK.loadModel).getByRole('columnheader').allInnerTexts()).toEqual([
    'index',
    'predicted',
    'actual',
  ]);
  const batch = output(page, WALK.batch);
  expect(await batch.innerText()).toMatch(/100 % of \d+ rows scored/);
  expect(await batch.getByRole('columnheader').last().innerText()).toBe('prediction');

  // The by-hand run: its page, its artifacts (figure drawn, image shown, model signature), back to the cell.
  const cellId = await openRun(page, WALK.byHand, 'elasticnet-by-hand');
  expect(
    await page
      .getByRole('region', { name: /Parameters/ })
      .getByRole('row', { name: /l1_ratio/ })
      .innerText(),
  ).toContain('0.3');
  await page.getByRole('navigation', { name: 'Run sections' }).getByRole('link', { name: 'Artifacts' }).click();
  const files = page.getByRole('navigation', { name: 'Artifact files' });
  await page.getByRole('heading', { name: 'model/MLmodel' }).waitFor();
  await page
    .getByRole('region', { name: 'Inputs' })
    .getByRole('rowheader', { name: wine ? 'alcohol' : 'horsepower' })
    .waitFor();
  await files.getByRole('link', { name: /residuals\.json/ }).click();
  await page.getByRole('img', { name: 'scatter chart: Residuals of residual' }).locator('canvas').first().waitFor();
  await files.getByRole('link', { name: /residuals-histogram\.png/ }).click();
  const image = page.getByRole('img', { name: 'Image artifact residuals-histogram.png' });
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 })
    .toBe(320);
  await files.getByRole('link', { name: /notes\.txt/ }).click();
  await page.getByText(wine ? 'trained on 1599 rows, target "quality"' : 'target "miles_per_gallon"').waitFor();
  await files.getByRole('button', { name: /^data/ }).click();
  await files.getByRole('link', { name: /test\.csv/ }).click();
  await page.getByRole('region', { name: 'Contents of data/test.csv' }).waitFor();
  await backToCell(page, cellId);

  // The autologged run links back to its cell too.
  const autologName = (await runLinks(page, WALK.autolog).innerText()).match(/^Run ([\w-]+) /)![1]!;
  await backToCell(page, await openRun(page, WALK.autolog, autologName));

  // After a reload: the notebook, its outputs and its runs are all there.
  await page.reload();
  await page.getByText('Kernel idle').waitFor({ timeout: 60_000 });
  expect(await cell(page, WALK.byHand).getAttribute('aria-label')).toMatch(/, run \d+$/);
  expect(await runLinks(page, WALK.byHand).allInnerTexts()).toEqual(['Run elasticnet-by-hand FINISHED · 2 metrics']);
  await output(page, WALK.artifacts)
    .getByRole('img', { name: /scatter chart: Residuals/ })
    .locator('canvas')
    .first()
    .waitFor();
  await openRun(page, WALK.byHand, 'elasticnet-by-hand');
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'wine-quality' }).click();
  await page.getByRole('link', { name: 'elasticnet-by-hand' }).waitFor();
  await page.getByRole('link', { name: autologName }).waitFor();
}

describe('sample notebooks run top to bottom', () => {
  it('MLflow walkthrough on winequality-red.csv uploaded in Files', async () => {
    const { page, context, errors } = await app.open('notebook');
    await openSample(page, 'MLflow walkthrough');
    await uploadWine(page);
    await walkthrough(page, { wine: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('MLflow walkthrough in Japanese, falling back to the cars sample without the CSV', async () => {
    const { page, context, errors } = await app.open('notebook');
    await openSample(page, 'MLflow ウォークスルー');
    await page.getByRole('heading', { level: 2, name: '1. データ' }).waitFor();
    // Its code is commented in Japanese too.
    await expect.poll(() => cell(page, WALK.load).innerText()).toContain('アップロードすると使われます');
    await walkthrough(page, { wine: false });
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('TensorFlow.js network: per-epoch metrics in the run', async () => {
    const { page, context, errors } = await app.open('notebook');
    await openSample(page, 'TensorFlow.js network');
    console.info(`tfjs: Run all took ${await runAll(page)} ms`);
    expect(await runLinks(page, 3).allInnerTexts()).toEqual(['Run dense-16 FINISHED · 4 metrics']);
    // Training progress as a bar: all 20 epochs done, the last one's metrics, the time it took.
    const bar = output(page, 3).getByRole('progressbar', { name: 'dense-16: epoch 20 of 20' });
    expect(await bar.evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([20, 20]);
    expect(await output(page, 3).locator('.progress-output').innerText()).toMatch(
      new RegExp(
        String.raw`^dense-16\s+epoch 20\/20\s+loss \d[\d.e-]* · accuracy [\d.]+ · val_loss [\d.e-]+ · val_accuracy ` +
          String.raw`[\d.]+\s+done in \d`,
      ),
    );
    const cellId = await openRun(page, 3, 'dense-16');
    await page
      .getByRole('region', { name: /Metrics/ })
      .getByRole('img', { name: /val_loss history: 20 values/ })
      .waitFor();
    await page
      .getByRole('navigation', { name: 'Run sections' })
      .getByRole('link', { name: /Metric charts/ })
      .click();
    await page.getByRole('figure', { name: 'accuracy' }).locator('canvas').first().waitFor();
    await backToCell(page, cellId);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('hyperparameter sweep: a parent run with nine nested runs, then the comparison', async () => {
    const { page, context, errors } = await app.open('notebook');
    await openSample(page, 'Hyperparameter sweep');
    console.info(`sweep: Run all took ${await runAll(page)} ms`);
    const links = await runLinks(page, 3).allInnerTexts();
    expect(links).toHaveLength(10);
    expect(links[0]).toBe('Run elasticnet-sweep FINISHED · 1 metric');
    expect(links.slice(1).every((l) => /^Run alpha=[\d.]+ l1=[\d.]+ FINISHED · 2 metrics$/.test(l))).toBe(true);
    const comparison = output(page, 5);
    await comparison
      .getByRole('img', { name: 'bar chart: RMSE per candidate (lower is better) of rmse' })
      .locator('canvas')
      .first()
      .waitFor();
    // The candidates as a table (an array of records), best first. (The chart's legend is a table too.)
    const candidates = comparison.locator('.table-output').getByRole('table');
    expect(await candidates.getByRole('columnheader').allInnerTexts()).toEqual(['index', 'run', 'rmse', 'r2']);
    expect(await candidates.getByRole('row').count()).toBe(10);
    expect(await runLinks(page, 5).count()).toBe(0);

    // A child's page names its parent; the parent's page links back to the cell.
    const cellId = await openRun(page, 3, 'alpha=0.1 l1=0.5');
    await page.getByRole('link', { name: 'elasticnet-sweep' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'elasticnet-sweep' }).waitFor();
    await backToCell(page, cellId);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});

// Charts as a user sees them: what `display(spec)` draws under a cell and what a run's page draws from
// a figure `mlflow.logFigure` logged, checked on the canvas itself (see canvas.ts) — every chart kind,
// with x in every order.
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { useApp } from './page';
import { corners, drawnIn, overlap, RECORD_CANVAS_TEXT, textsIn, type DrawnText } from './canvas';
import { newNotebook, output, runInto } from './notebook-driver';

const app = useApp();
const SERIES_COLOR = '#1f77b4'; // the first series' color in chart outputs
const METRIC_COLOR = '#4e79a7'; // and in a run's metric charts

/** The chart output titled `title` under cell 1, once drawn. */
async function chart(page: import('playwright-core').Page, title: string): Promise<Locator> {
  const c = output(page, 1).getByRole('img', { name: new RegExp(`chart: ${title} of`) });
  await c.locator('canvas').first().waitFor({ timeout: 30_000 });
  return c;
}

// Twelve points with distinct x and y, in three orders, and a scatter with repeated x values.
const SPECS = `
  const xs = Array.from({ length: 12 }, (_, k) => k * 10);
  const ys = xs.map((_, k) => (k * 5) % 12);
  const orders = {
    ascending: xs.map((_, i) => i),
    descending: xs.map((_, i) => 11 - i),
    shuffled: [7, 2, 11, 0, 5, 9, 3, 10, 1, 6, 8, 4],
  };
  const specs: ChartSpec[] = [];
  for (const type of ['scatter', 'line', 'bar'] as const) {
    for (const [order, index] of Object.entries(orders)) {
      specs.push({
        type,
        title: type + ' ' + order,
        x: { label: 'x', values: index.map((i) => xs[i]!) },
        series: [{ name: 'y', values: index.map((i) => ys[i]! + 1) }],
      });
    }
  }
  specs.push({
    type: 'scatter',
    title: 'scatter repeated x',
    x: { values: [30, 10, 30, 20, 10, 0] },
    series: [{ name: 'y', values: [0, 0, 9, 3, 6, 9] }],
  });
  for (const spec of specs) display(spec);
`;

describe('charts', () => {
  it('draws every point of scatter, line and bar charts in any order of x, under the cell and on the run', async () => {
    const { page, context, errors } = await app.open('notebook');
    await newNotebook(page);
    await runInto(
      page,
      1,
      `${SPECS}
      await mlflow.setExperiment('charts');
      await mlflow.startRun({ runName: 'figures' }, async () => {
        await mlflow.logFigure(specs.find((s) => s.title === 'scatter shuffled')!, 'shuffled.json');
        // A metric logged with its steps out of order.
        for (const step of [5, 1, 3, 0, 4, 2]) {
          await mlflow.logMetric('loss', 10 - step * (step % 2 ? 1 : 1.5), { step });
        }
      });`,
    );
    await output(page, 1).getByRole('link', { name: 'figures' }).waitFor({ timeout: 60_000 });

    for (const order of ['ascending', 'descending', 'shuffled']) {
      // A scatter: one dot per point.
      const scatter = await drawnIn(await chart(page, `scatter ${order}`), SERIES_COLOR);
      expect(scatter.blobs, `scatter ${order}`).toHaveLength(12);
      // A line: through every point, so across the plot from the first x to the last (the x axis has 5%
      // margins: the points span 1/22 to 21/22 of the width).
      const line = await drawnIn(await chart(page, `line ${order}`), SERIES_COLOR, 0.4);
      const columns = new Set(
        line.blobs.flatMap((b) => Array.from({ length: b.maxX - b.minX + 1 }, (_, i) => b.minX + i)),
      );
      const from = Math.ceil(line.plot.left + line.plot.width / 22) + 1;
      const to = Math.floor(line.plot.left + (line.plot.width * 21) / 22) - 1;
      const covered = Array.from({ length: to - from + 1 }, (_, i) => from + i).filter((x) => columns.has(x)).length;
      expect(covered / (to - from + 1), `line ${order}`).toBeGreaterThan(0.98);
      // Bars: one per category, in the order given.
      expect((await drawnIn(await chart(page, `bar ${order}`), SERIES_COLOR)).blobs, `bar ${order}`).toHaveLength(12);
    }
    // Repeated x values, the first and the last included: every point drawn.
    expect((await drawnIn(await chart(page, 'scatter repeated x'), SERIES_COLOR)).blobs).toHaveLength(6);

    // The run page draws the logged figure the same way.
    await output(page, 1).getByRole('link', { name: 'figures' }).click();
    await page.getByRole('heading', { level: 1, name: 'figures' }).waitFor();
    await page.getByRole('navigation', { name: 'Run sections' }).getByRole('link', { name: 'Artifacts' }).click();
    await page
      .getByRole('navigation', { name: 'Artifact files' })
      .getByRole('link', { name: /shuffled\.json/ })
      .click();
    const figure = page.getByRole('img', { name: 'scatter chart: scatter shuffled of y' });
    await figure.locator('canvas').first().waitFor();
    expect((await drawnIn(figure, SERIES_COLOR)).blobs).toHaveLength(12);
    // Its metric chart: a line from the first step to the last.
    await page
      .getByRole('navigation', { name: 'Run sections' })
      .getByRole('link', { name: /Metric charts/ })
      .click();
    const loss = page.getByRole('figure', { name: 'loss' });
    await loss.locator('canvas').first().waitFor();
    const drawn = await drawnIn(loss, METRIC_COLOR, 0.4);
    const columns = new Set(
      drawn.blobs.flatMap((b) => Array.from({ length: b.maxX - b.minX + 1 }, (_, i) => b.minX + i)),
    );
    const from = Math.ceil(drawn.plot.left) + 3;
    const to = Math.floor(drawn.plot.left + drawn.plot.width) - 3;
    expect(
      Array.from({ length: to - from + 1 }, (_, i) => from + i).filter((x) => columns.has(x)).length / (to - from + 1),
    ).toBeGreaterThan(0.98);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('charts read well', () => {
  it('bar charts: long labels never overlap, bars grow from 0', async () => {
    const { page, context, errors } = await app.open('notebook');
    await page.addInitScript({ content: RECORD_CANVAS_TEXT });
    await page.reload();
    await newNotebook(page);
    // The sweep sample's chart: nine candidates named by their parameters, RMSE between 3.1 and 3.9.
    await runInto(
      page,
      1,
      `
      const names = [0.01, 0.1, 1].flatMap((alpha) => [0.1, 0.5, 0.9].map((l1) => \`alpha=\${alpha} l1=\${l1}\`));
      display({
        type: 'bar',
        title: 'RMSE per candidate',
        x: { label: 'run', values: names },
        series: [{ name: 'rmse', values: names.map((_, i) => 3.1 + i * 0.1) }],
      });`,
    );
    const bars = await chart(page, 'RMSE per candidate');
    const names = [0.01, 0.1, 1].flatMap((alpha) => [0.1, 0.5, 0.9].map((l1) => `alpha=${alpha} l1=${l1}`));
    // Each label as last drawn (a chart redraws when its size settles).
    const lastDrawn = (texts: DrawnText[]) => names.map((n) => texts.findLast((t) => t.text === n));
    await expect.poll(async () => lastDrawn(await textsIn(bars)).every(Boolean)).toBe(true);
    const labels = lastDrawn(await textsIn(bars)) as DrawnText[];
    const width = await bars.evaluate((el) => el.querySelector('canvas')!.width);
    for (let i = 0; i < labels.length; i++) {
      const box = corners(labels[i]!);
      // Inside the canvas…
      for (const [x] of box) expect(x, labels[i]!.text).toBeGreaterThanOrEqual(0);
      for (const [x] of box) expect(x, labels[i]!.text).toBeLessThanOrEqual(width);
      // …and clear of every other label.
      for (let j = i + 1; j < labels.length; j++)
        expect(overlap(box, corners(labels[j]!)), `${labels[i]!.text} / ${labels[j]!.text}`).toBe(false);
    }
    // Bars from 0: their heights are in the ratio of their values (3.1 : 3.9), and 0 is on the axis.
    const outlines = (await drawnIn(bars, SERIES_COLOR)).blobs;
    expect(outlines).toHaveLength(9);
    const heights = outlines.map((b) => b.maxY - b.minY);
    expect(heights[0]! / heights[8]!).toBeCloseTo(3.1 / 3.9, 1);
    expect((await textsIn(bars)).map((t) => t.text)).toContain('0');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a metric logged once is a value, not a dot; full precision on the run page and in tooltips', async () => {
    const { page, context, errors } = await app.open('notebook');
    await newNotebook(page);
    await runInto(
      page,
      1,
      `
      await mlflow.setExperiment('precision');
      await mlflow.startRun({ runName: 'once' }, async () => {
        await mlflow.logMetric('rmse', 0.123456789012345);
        for (let step = 0; step < 5; step++) await mlflow.logMetric('loss', 1 / (step + 1), { step });
      });
      await mlflow.startRun({ runName: 'again' }, async () => { await mlflow.logMetric('rmse', 0.987654321098765); });
      [{ name: 'rmse', value: 0.123456789012345 }]`,
    );
    // A notebook table shortens a number too, with the full value as the cell's tooltip.
    const tableCell = output(page, 1).getByRole('cell', { name: '0.1235' });
    expect(await tableCell.getAttribute('title')).toBe('0.123456789012345');
    await output(page, 1).getByRole('link', { name: 'once' }).click();
    await page.getByRole('heading', { level: 1, name: 'once' }).waitFor();
    // The overview's metrics table: the value in full.
    const metrics = page.getByRole('region', { name: /Metrics/ });
    expect(await metrics.getByRole('row', { name: /rmse/ }).getByRole('cell').first().innerText()).toBe(
      '0.123456789012345',
    );
    // Metric charts: rmse as its value, loss as a chart.
    await page
      .getByRole('navigation', { name: 'Run sections' })
      .getByRole('link', { name: /Metric charts/ })
      .click();
    const rmse = page.getByRole('figure', { name: 'rmse' });
    await rmse.getByText('0.123456789012345').waitFor();
    expect(await rmse.locator('canvas').count()).toBe(0);
    await page.getByRole('figure', { name: 'loss' }).locator('canvas').first().waitFor();
    // The runs table shortens it, with the full value as the cell's tooltip.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'precision' }).click();
    const cell = page.getByRole('row', { name: /once/ }).getByTitle('0.123456789012345');
    expect(await cell.innerText()).toBe('0.1235');
    // Compared: the table's values have their tooltips, and rmse's history is each run's value, named.
    await page.getByRole('checkbox', { name: 'Select once' }).check();
    await page.getByRole('checkbox', { name: 'Select again' }).check();
    await page.getByRole('button', { name: 'Compare 2 runs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comparing 2 runs' }).waitFor();
    const compared = page.getByRole('region', { name: 'Comparison table' }).getByRole('row', { name: /^rmse/ });
    await compared.waitFor();
    expect((await compared.getByRole('cell').allInnerTexts()).sort()).toEqual(['0.1235', '0.9877']);
    expect(await compared.getByTitle('0.987654321098765').innerText()).toBe('0.9877');
    await page.getByRole('combobox', { name: 'Metric' }).selectOption('rmse');
    const byRun = page.getByRole('figure', { name: 'rmse by run' });
    await byRun.getByText('0.987654321098765').waitFor();
    expect((await byRun.getByRole('term').allInnerTexts()).sort()).toEqual([
      expect.stringMatching(/^again/),
      expect.stringMatching(/^once/),
    ]);
    expect(await byRun.locator('canvas').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

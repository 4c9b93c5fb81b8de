// Charts as a user sees them: what `display(spec)` draws under a cell and what a run's page draws from
// a figure `mlflow.logFigure` logged, checked on the canvas itself (see canvas.ts) — every chart kind,
// with x in every order.
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { useApp } from './page';
import { drawnIn } from './canvas';
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
  const orders = { ascending: xs.map((_, i) => i), descending: xs.map((_, i) => 11 - i), shuffled: [7, 2, 11, 0, 5, 9, 3, 10, 1, 6, 8, 4] };
  const specs: ChartSpec[] = [];
  for (const type of ['scatter', 'line', 'bar'] as const) {
    for (const [order, index] of Object.entries(orders)) {
      specs.push({ type, title: type + ' ' + order, x: { label: 'x', values: index.map((i) => xs[i]!) }, series: [{ name: 'y', values: index.map((i) => ys[i]! + 1) }] });
    }
  }
  specs.push({ type: 'scatter', title: 'scatter repeated x', x: { values: [30, 10, 30, 20, 10, 0] }, series: [{ name: 'y', values: [0, 0, 9, 3, 6, 9] }] });
  for (const spec of specs) display(spec);
`;

describe('charts', () => {
  it('draws every point of scatter, line and bar charts whatever the order of x, under the cell and on the run page', async () => {
    const { page, context, errors } = await app.open('notebook');
    await newNotebook(page);
    await runInto(page, 1, `${SPECS}
      await mlflow.setExperiment('charts');
      await mlflow.startRun({ runName: 'figures' }, async () => {
        await mlflow.logFigure(specs.find((s) => s.title === 'scatter shuffled')!, 'shuffled.json');
        // A metric logged with its steps out of order.
        for (const step of [5, 1, 3, 0, 4, 2]) await mlflow.logMetric('loss', 10 - step * (step % 2 ? 1 : 1.5), { step });
      });`);
    await output(page, 1).getByRole('link', { name: 'figures' }).waitFor({ timeout: 60_000 });

    for (const order of ['ascending', 'descending', 'shuffled']) {
      // A scatter: one dot per point.
      const scatter = await drawnIn(await chart(page, `scatter ${order}`), SERIES_COLOR);
      expect(scatter.blobs, `scatter ${order}`).toHaveLength(12);
      // A line: through every point, so across the plot from the first x to the last (the x axis has 5%
      // margins: the points span 1/22 to 21/22 of the width).
      const line = await drawnIn(await chart(page, `line ${order}`), SERIES_COLOR, 0.4);
      const columns = new Set(line.blobs.flatMap((b) => Array.from({ length: b.maxX - b.minX + 1 }, (_, i) => b.minX + i)));
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
    await page.getByRole('navigation', { name: 'Artifact files' }).getByRole('link', { name: /shuffled\.json/ }).click();
    const figure = page.getByRole('img', { name: 'scatter chart: scatter shuffled of y' });
    await figure.locator('canvas').first().waitFor();
    expect((await drawnIn(figure, SERIES_COLOR)).blobs).toHaveLength(12);
    // Its metric chart: a line from the first step to the last.
    await page.getByRole('navigation', { name: 'Run sections' }).getByRole('link', { name: /Metric charts/ }).click();
    const loss = page.getByRole('figure', { name: 'loss' });
    await loss.locator('canvas').first().waitFor();
    const drawn = await drawnIn(loss, METRIC_COLOR, 0.4);
    const columns = new Set(drawn.blobs.flatMap((b) => Array.from({ length: b.maxX - b.minX + 1 }, (_, i) => b.minX + i)));
    const from = Math.ceil(drawn.plot.left) + 3;
    const to = Math.floor(drawn.plot.left + drawn.plot.width) - 3;
    expect(Array.from({ length: to - from + 1 }, (_, i) => from + i).filter((x) => columns.has(x)).length / (to - from + 1)).toBeGreaterThan(0.98);
    expect(errors).toEqual([]);
    await context.close();
  });
});

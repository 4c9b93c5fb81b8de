// Live inputs in Chromium, the way the 'drag alpha' sample is used: Run all, then drag the slider with
// the mouse through several values and let go. Exactly the cells that read it (the fit, and the cell
// reading the fit's model) run again; the data cell that made the slider does not. Each value let go
// of is one autologged run; the values passed while dragging are none.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './page';
import { cell, output } from './notebook-driver';

const app = useApp();
const TITLE = 'Live inputs: drag alpha';
/** The sample's code cells (markdown between them): the data and the slider, the fit, the table of runs. */
const DATA = 2,
  FIT = 4,
  TABLE = 6;

const codeCells = (page: Page) => page.getByRole('group', { name: /^Cell \d+, (TypeScript|JavaScript)/ });
/** The execution count in cell n's accessible name ("…, run 3"), or null before it has run. */
async function runCount(page: Page, n: number): Promise<number | null> {
  const m = /, run (\d+)$/.exec((await cell(page, n).getAttribute('aria-label')) ?? '');
  return m ? Number(m[1]) : null;
}
async function runCounts(page: Page): Promise<Array<number | null>> {
  return Promise.all([DATA, FIT, TABLE].map((n) => runCount(page, n)));
}

/** The alpha of every run the table cell lists (newest first), once the table shows `rows` runs. */
async function loggedAlphas(page: Page, rows: number): Promise<string[]> {
  // The cell's chart draws its legend as a table too: the runs are the records table.
  const table = output(page, TABLE).locator('.table-output').getByRole('table');
  await expect.poll(() => table.locator('tbody tr').count(), { timeout: 60_000 }).toBe(rows);
  const header = await table.getByRole('columnheader').allInnerTexts();
  const column = header.indexOf('alpha');
  expect(column, `columns ${header.join(', ')}`).toBeGreaterThanOrEqual(0);
  return table
    .locator('tbody tr')
    .evaluateAll((trs, c) => trs.map((tr) => tr.children[c]!.textContent!.trim()), column);
}

/**
 * Press the mouse on the slider's thumb, move it through `stops` (fractions of the track) and let go
 * at the last. Returns the values the slider showed while held, and the one it was let go at.
 */
async function drag(page: Page, stops: number[]): Promise<{ passed: string[]; released: string }> {
  const slider = output(page, DATA).getByRole('slider', { name: 'alpha' });
  const shown = output(page, DATA).locator('output.control-value');
  const box = (await slider.boundingBox())!;
  const [min, max, value] = await slider.evaluate((el: HTMLInputElement) => [
    Number(el.min),
    Number(el.max),
    Number(el.value),
  ]);
  const at = (f: number) => box.x + f * box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(at((value - min) / (max - min)), y);
  await page.mouse.down();
  const passed: string[] = [];
  for (const f of stops) {
    await page.mouse.move(at(f), y, { steps: 4 });
    passed.push(await shown.innerText());
  }
  await page.mouse.up();
  const released = passed.pop()!;
  return { passed, released };
}

describe('live inputs', () => {
  it('dragging a slider reruns exactly its dependent cells, one run per value let go of', async () => {
    const { page, errors } = await app.open();
    await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Notebooks' })
      .getByRole('button', { name: `Open sample: ${TITLE}` })
      .click();
    await page.getByRole('heading', { level: 1, name: TITLE, exact: true }).waitFor();
    await page.getByText('Kernel idle').waitFor({ timeout: 60_000 });

    await page.getByRole('button', { name: 'Run all', exact: true }).click();
    await expect.poll(() => runCounts(page), { timeout: 120_000 }).toEqual([1, 2, 3]);
    expect(await loggedAlphas(page, 1)).toEqual(['0.5']);

    // Held down, the slider sends nothing: no cell runs while the values go by.
    const first = await drag(page, [0.2, 0.6, 0.35, 0.8]);
    expect(new Set(first.passed).size, `values passed: ${first.passed.join(', ')}`).toBe(3);
    expect(first.passed).not.toContain(first.released);
    await expect.poll(() => runCounts(page), { timeout: 60_000 }).toEqual([1, 4, 5]);
    expect(await loggedAlphas(page, 2)).toEqual([first.released, '0.5']);
    await expect.poll(() => output(page, TABLE).getByText(`Coefficients at alpha = ${first.released}`).count()).toBe(1);

    const second = await drag(page, [0.9, 0.1, 0.45]);
    expect(second.released).not.toBe(first.released);
    await expect.poll(() => runCounts(page), { timeout: 60_000 }).toEqual([1, 6, 7]);
    expect(await loggedAlphas(page, 3)).toEqual([second.released, first.released, '0.5']);

    // Nothing else ran, nothing more was logged, and nothing failed.
    await page.getByText('Kernel idle').waitFor();
    expect(await runCounts(page)).toEqual([1, 6, 7]);
    expect(await codeCells(page).count()).toBe(3);
    expect(await loggedAlphas(page, 3)).toEqual([second.released, first.released, '0.5']);
    expect(await page.locator('.outputs [role="alert"]').allInnerTexts()).toEqual([]);
    await page.getByText('Kernel idle').waitFor();
    expect(errors).toEqual([]);
  });
});

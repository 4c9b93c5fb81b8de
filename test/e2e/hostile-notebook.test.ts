// Broken and hostile input in the notebook, in Chromium as a user meets it: malformed outputs (from an
// imported .ipynb, a notebook stored before outputs were checked, a cell's raw display) show what is
// wrong in place and leave the notebook usable, across a reload; a malformed percent-encoding in the
// URL; a crafted file name in the Files panel's "Copy code"; a cell that closes the kernel's worker.
// Each test checks that nothing stored before it was lost or changed.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './page';
import { cell, newNotebook, output, runInto, typeInto } from './notebook-driver';
import { expectKept, storedRecords } from './stored';

const app = useApp();
const TABLE = 'application/vnd.kiroku.table+json';

/** Something stored before the hostile part: a run with a param, a metric and an artifact. */
async function seedRun(page: Page): Promise<void> {
  await page.evaluate(`(async () => {
    const { mlflow } = await globalThis.kiroku;
    await mlflow.setExperiment('kept');
    await mlflow.startRun({ runName: 'before' }, async () => {
      await mlflow.logParam('alpha', 0.5);
      await mlflow.logMetric('rmse', 0.7);
      await mlflow.logText('hello', 'notes.txt');
    });
  })()`);
}

const problemNote = (page: Page, n: number) => output(page, n).getByRole('note');

describe('malformed outputs', () => {
  it('an imported .ipynb with malformed outputs opens with all cells and toolbar, naming what it left', async () => {
    const { page, context, errors } = await app.open('notebook');
    await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
    await seedRun(page);
    const before = await storedRecords(page);

    const ipynb = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['Some *text*'] },
        {
          cell_type: 'code',
          metadata: {},
          execution_count: 1,
          source: ['df'],
          outputs: [
            {
              output_type: 'execute_result',
              execution_count: 1,
              metadata: {},
              data: { [TABLE]: {}, 'text/plain': ['   a\n', '0  1'] },
            },
            {
              output_type: 'display_data',
              metadata: {},
              data: { 'application/vnd.kiroku.chart+json': { type: 'line', series: 'x' } },
            },
            { output_type: 'display_data', metadata: {}, data: { 'application/vnd.kiroku.run+json': { runId: 7 } } },
          ],
        },
        {
          cell_type: 'code',
          metadata: {},
          execution_count: 2,
          source: ['1 + 1'],
          outputs: [{ output_type: 'execute_result', execution_count: 2, metadata: {}, data: { 'text/plain': '2' } }],
        },
      ],
    };
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Import .ipynb' }).click(),
    ]);
    await chooser.setFiles({
      name: 'Broken outputs.ipynb',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(ipynb)),
    });
    await page.getByRole('heading', { level: 1, name: 'Broken outputs' }).waitFor();
    await page.getByText(`cell 2: ${TABLE} is not a table: 'columns' is missing; left out`).waitFor();
    expect(await page.getByRole('group', { name: /^Cell \d+, / }).count()).toBe(3);
    expect(await output(page, 2).innerText()).toContain('0  1');
    expect(await output(page, 3).innerText()).toContain('2');
    expect(
      await page
        .getByRole('toolbar', { name: 'Notebook' })
        .getByRole('button', { name: /Run all/ })
        .isEnabled(),
    ).toBe(true);

    // It runs: the kernel answers under a cell of the imported notebook.
    await runInto(page, 3, '40 + 2');
    await expect.poll(() => output(page, 3).innerText(), { timeout: 60_000 }).toContain('42');
    expectKept(before, await storedRecords(page));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a notebook stored with malformed outputs reopens after a reload, each one named in place', async () => {
    const { page, context, errors } = await app.open('notebook');
    await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
    await seedRun(page);
    const before = await storedRecords(page);
    // As a workspace archive or an older version could have stored it: the Notebook tab reopens it.
    await page.evaluate(async (table) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('kiroku-notebooks');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const tx = db.transaction(['notebooks', 'meta'], 'readwrite');
      const now = Date.now();
      tx.objectStore('notebooks').put({
        id: 'stored-broken',
        name: 'Stored broken',
        metadata: {},
        createdAt: now,
        updatedAt: now,
        cells: [
          {
            id: 'c1',
            type: 'code',
            language: 'typescript',
            source: 'df',
            metadata: {},
            executionCount: 1,
            outputs: [
              { output_type: 'display_data', data: { [table]: {} } },
              {
                output_type: 'execute_result',
                execution_count: 1,
                data: { [table]: { columns: 'a' }, 'text/plain': 'shown instead' },
              },
              { output_type: 'display_data', data: null },
            ],
          },
          { id: 'c2', type: 'markdown', source: 'still **here**', metadata: {} },
        ],
      });
      tx.objectStore('meta').put({ key: 'lastOpened', value: 'stored-broken' });
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    }, TABLE);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Stored broken' }).waitFor();
    const notes = await problemNote(page, 1).allInnerTexts();
    expect(notes).toEqual([
      `Part of this output cannot be shown: ${TABLE} is not a table: 'columns' is missing.`,
      `Part of this output cannot be shown: ${TABLE} is not a table: 'columns' is string "a".`,
      "Part of this output cannot be shown: the output's data is not a MIME bundle (it is null).",
    ]);
    expect(await output(page, 1).innerText()).toContain('shown instead');
    await cell(page, 2).getByText('here').waitFor();
    // The rest of the app works from here.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Experiments' }).click();
    await page.getByRole('navigation', { name: 'Experiments' }).getByRole('link', { name: 'kept' }).waitFor();
    expectKept(before, await storedRecords(page));
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a cell's raw display of a malformed table is named under it; the next runs; a reload shows it", async () => {
    const { page, context, errors } = await app.open('notebook');
    await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
    await seedRun(page);
    const before = await storedRecords(page);
    await newNotebook(page);
    await runInto(page, 1, `display({ '${TABLE}': {} }, { raw: true });\n1 + 1`);
    await problemNote(page, 1).waitFor({ timeout: 60_000 });
    expect(await problemNote(page, 1).innerText()).toBe(
      `Part of this output cannot be shown: ${TABLE} is not a table: 'columns' is missing.`,
    );
    await expect.poll(() => output(page, 1).innerText()).toContain('2');
    await runInto(page, 2, '40 + 2');
    await expect.poll(() => output(page, 2).innerText(), { timeout: 60_000 }).toContain('42');
    await page.getByText('All changes saved').waitFor();

    await page.reload();
    await problemNote(page, 1).waitFor();
    expect(await output(page, 2).innerText()).toContain('42');
    await page.getByText('Kernel idle').waitFor({ timeout: 60_000 });
    await runInto(page, 2, '6 * 7');
    await expect.poll(() => cell(page, 2).getAttribute('aria-label'), { timeout: 60_000 }).toMatch(/run 1$/);
    expectKept(before, await storedRecords(page));
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('hostile URLs and names', () => {
  it('a malformed percent-encoding in the URL shows "not found" pages, and the app keeps working', async () => {
    const { page, context, errors } = await app.open('notebook');
    await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
    await seedRun(page);
    const before = await storedRecords(page);

    await page.goto(app.url('experiments/%E0%A4%A'));
    await page.getByRole('navigation', { name: 'Experiments' }).getByRole('link', { name: 'kept' }).waitFor();
    await page.getByText('%E0%A4%A').first().waitFor();
    await page.goto(app.url('notebook/%E0%A4%A/cell/%'));
    await page.getByRole('heading', { level: 1, name: 'Notebook not found' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Notebook not found' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Experiments' }).click();
    await page.getByRole('navigation', { name: 'Experiments' }).getByRole('link', { name: 'kept' }).click();
    await page.getByRole('row', { name: /before/ }).waitFor();
    expectKept(before, await storedRecords(page));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('"Copy code" for a file whose name holds quotes reads that file and runs nothing else', async () => {
    const { page, context, errors } = await app.open('notebook');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url()).origin });
    await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
    await seedRun(page);
    const before = await storedRecords(page);
    await newNotebook(page);
    const name = `x'); globalThis.pwned = 1; ("y.csv`;
    const files = page.getByRole('complementary', { name: 'Files' });
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      files.getByRole('button', { name: 'Upload files' }).click(),
    ]);
    await chooser.setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from('a;b\n1;x\n2;y\n3;z\n') });
    await files.getByRole('list', { name: 'Your files' }).getByText(name).waitFor();
    await files.getByRole('button', { name: `Copy code for ${name}` }).click();
    await files.getByText(/^Copied /).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`await loadCSV(${JSON.stringify(name)})`);

    // Pasted into a cell, as a user does, and run.
    await typeInto(page, 1, '');
    await page.keyboard.press('ControlOrMeta+V');
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => output(page, 1).innerText(), { timeout: 60_000 }).toContain('3 rows × 2 columns');
    await runInto(page, 2, 'typeof globalThis.pwned');
    await expect.poll(() => output(page, 2).innerText(), { timeout: 60_000 }).toContain("'undefined'");
    expectKept(before, await storedRecords(page));
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('a cell that closes the kernel worker', () => {
  it('self.close() is detected: the kernel restarts, says so on its status line and under the next cell', async () => {
    const { page, context, errors } = await app.open('notebook');
    await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
    await seedRun(page);
    const before = await storedRecords(page);
    await newNotebook(page);
    const ended =
      "The kernel's worker stopped (a cell called self.close(), or the browser ended it), so the kernel was " +
      'restarted: variables from earlier cells are gone.';
    await runInto(page, 1, 'let kept = 1;\nself.close();');
    const status = page.getByRole('toolbar', { name: 'Notebook' }).getByRole('status');
    await expect.poll(() => status.innerText(), { timeout: 60_000 }).toContain(ended);
    await expect.poll(() => status.innerText(), { timeout: 60_000 }).toContain('Kernel idle');
    await runInto(page, 2, 'typeof kept');
    await expect.poll(() => output(page, 2).innerText(), { timeout: 60_000 }).toContain("'undefined'");
    expect(await output(page, 2).innerText()).toContain(ended);
    expect(await status.innerText()).not.toContain(ended);
    expectKept(before, await storedRecords(page));
    expect(errors).toEqual([]);
    await context.close();
  });
});

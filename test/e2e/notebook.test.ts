// The notebook in Chromium, driven as a user would: by role and accessible name, with the keyboard.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useApp } from './page';
import { cell, newNotebook, output, runInto, typeInto } from './notebook-driver';

const app = useApp();

describe('notebook', () => {
  it('opens the walkthrough on a first visit, with accessible controls and no errors', async () => {
    const { page, context, errors } = await app.open('notebook');
    await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
    for (const name of [
      'Run cell',
      'Run all',
      'Interrupt',
      'Restart kernel',
      'Clear outputs',
      'Run above',
      'Run below',
      'Add code cell',
    ]) {
      await expect(page.getByRole('button', { name, exact: true }).count()).resolves.toBe(1);
    }
    expect(
      await page
        .getByRole('status')
        .filter({ hasText: /^Kernel/ })
        .count(),
    ).toBe(1);
    // Markdown is rendered; code shows in Monaco once it has loaded.
    await page.getByRole('heading', { level: 2, name: '1. Data' }).waitFor();
    await page.locator('.cell-code .monaco-editor').first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('runs a cell with Shift+Enter, shows outputs and counts, and keeps variables for later cells', async () => {
    const { page, context } = await app.open('notebook');
    await newNotebook(page);
    await runInto(page, 1, 'const x: number = 41;\nconsole.log("hello from", "kernel");\nx + 1');
    await expect.poll(() => output(page, 1).innerText(), { timeout: 30_000 }).toContain('42');
    expect(await output(page, 1).innerText()).toContain('hello from kernel');
    await expect.poll(() => cell(page, 1).getAttribute('aria-label')).toMatch(/run 1$/);
    // Shift+Enter on the last cell added a second one and selected it.
    await expect.poll(() => cell(page, 2).count()).toBe(1);
    await runInto(page, 2, 'x * 2');
    await expect.poll(() => output(page, 2).innerText(), { timeout: 30_000 }).toContain('82');
    await context.close();
  });

  it('interrupts a runaway cell and keeps the earlier variables; restart, once confirmed, clears them', async () => {
    const { page, context } = await app.open('notebook');
    await newNotebook(page);
    await runInto(page, 1, 'let kept = "still here";');
    await expect.poll(() => cell(page, 1).getAttribute('aria-label'), { timeout: 30_000 }).toMatch(/run 1$/);
    await runInto(page, 2, 'while (true) {}');
    await expect.poll(() => cell(page, 2).getAttribute('aria-label')).toMatch(/running$/);
    await page.getByText('Kernel busy').waitFor();
    await page.getByRole('button', { name: 'Interrupt', exact: true }).click();
    await expect.poll(() => output(page, 2).innerText(), { timeout: 15_000 }).toMatch(/interrupted by the user/);
    await runInto(page, 3, 'kept');
    await expect.poll(() => output(page, 3).innerText(), { timeout: 15_000 }).toContain('still here');

    // Restarting asks first, as Jupyter does: 0, 0 in command mode (or the toolbar); Cancel keeps everything.
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''))
      .toMatch(/^Cell \d+, /);
    await page.keyboard.press('0');
    await page.keyboard.press('0');
    const ask = page.getByRole('dialog', { name: 'Restart kernel?' });
    await ask.getByText('All variables will be lost.').waitFor();
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'detached' });
    await runInto(page, 4, 'kept');
    await expect.poll(() => output(page, 4).innerText(), { timeout: 15_000 }).toContain('still here');
    // The toolbar asks too; Restart (focused, so 0, 0, Enter restarts) does it.
    await page.getByRole('button', { name: 'Restart kernel', exact: true }).click();
    await ask.getByRole('button', { name: 'Restart' }).waitFor();
    expect(await ask.getByRole('button', { name: 'Restart' }).evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await ask.waitFor({ state: 'detached' });
    await page.getByText('Kernel idle').waitFor({ timeout: 30_000 });
    await runInto(page, 4, 'typeof kept');
    await expect.poll(() => output(page, 4).innerText(), { timeout: 30_000 }).toContain('undefined');
    await context.close();
  });

  it('edits with Jupyter command-mode keys: B inserts, M makes markdown, D D deletes, Z undoes', async () => {
    const { page, context } = await app.open('notebook');
    await newNotebook(page);
    await typeInto(page, 1, 'first');
    await page.keyboard.press('Escape'); // command mode
    await page.keyboard.press('b');
    await expect.poll(() => page.getByRole('group', { name: /^Cell \d+, / }).count()).toBe(2);
    await page.keyboard.press('m');
    await expect.poll(() => cell(page, 2).getAttribute('aria-label')).toMatch(/Markdown/);
    await page.keyboard.press('Enter');
    await cell(page, 2).locator('.monaco-editor.focused').waitFor();
    await page.keyboard.insertText('## A heading <img src=x onerror="document.title=\'pwned\'">');
    await page.keyboard.press('Shift+Enter');
    await page.getByRole('heading', { level: 2, name: 'A heading' }).waitFor();
    expect(await page.locator('.markdown img[onerror]').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    // Back to cell 2 and delete it with D, D; Z brings it back.
    await cell(page, 2).click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('d');
    await page.keyboard.press('d');
    // a cell was added by Shift+Enter
    await expect.poll(() => page.getByRole('group', { name: /^Cell \d+, / }).count()).toBe(2);
    await page.keyboard.press('z');
    await expect.poll(() => page.getByRole('group', { name: /^Cell \d+, / }).count()).toBe(3);
    await context.close();
  });

  it('keeps the notebook and its outputs across a reload', async () => {
    const { page, context } = await app.open('notebook');
    await newNotebook(page);
    await runInto(page, 1, '"persisted " + (6 * 7)');
    await expect.poll(() => output(page, 1).innerText(), { timeout: 30_000 }).toContain('persisted 42');
    await page.getByText('All changes saved').waitFor();
    const url = page.url();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Untitled' }).waitFor();
    expect(page.url()).toBe(url);
    await expect.poll(() => output(page, 1).innerText()).toContain('persisted 42');
    expect(await cell(page, 1).getAttribute('aria-label')).toMatch(/run 1$/);
    await context.close();
  });

  it('round-trips a notebook through .ipynb export and import, running nothing on import', async () => {
    const { page, context } = await app.open('notebook');
    await newNotebook(page);
    await runInto(page, 1, 'console.log("exported"); [1, 2, 3]');
    await expect.poll(() => output(page, 1).innerText(), { timeout: 30_000 }).toContain('exported');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('textbox', { name: 'Notebook name' }).fill('Round trip');
    await page.keyboard.press('Enter');
    // The new name shown, then saved ("All changes saved" alone may still be the state before the rename).
    await page.getByRole('heading', { level: 1, name: 'Round trip' }).waitFor();
    await page.getByText('All changes saved').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export .ipynb' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Round trip.ipynb');
    const text = await readFile((await download.path())!, 'utf8');
    const nb = JSON.parse(text);
    expect(nb).toMatchObject({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'kiroku-ts' }, language_info: { name: 'typescript' } },
    });
    expect(nb.cells[0].outputs.length).toBeGreaterThan(0);

    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Import .ipynb' }).click(),
    ]);
    await chooser.setFiles({ name: 'Round trip.ipynb', mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.getByText('Imported Round trip.ipynb.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Round trip' }).waitFor();
    await expect.poll(() => output(page, 1).innerText()).toContain('exported');
    // Nothing ran: the kernel did not execute the imported cell again (its count is the saved one).
    expect(await cell(page, 1).getAttribute('aria-label')).toMatch(/run 1$/);
    expect(
      await page.getByRole('navigation', { name: 'Notebooks' }).getByRole('link', { name: 'Round trip' }).count(),
    ).toBe(2);
    await context.close();
  });

  it("shows code as text until its editor comes, at the editor's height: nothing moves under the pointer", async () => {
    const { page, context } = await app.open('notebook');
    // Every height each code cell's editor box takes from its first paint on, and whether Monaco was in it
    // then. (A box that changes height moves everything below it: a click on a run link aimed a moment
    // earlier lands elsewhere.) Widths change as the side panels load; only heights are recorded.
    await page.addInitScript({
      content: `
        window.__heights = {};
        const seen = new WeakSet();
        const resized = new ResizeObserver((entries) => {
          for (const e of entries) {
            const id = e.target.closest('[data-cell-id]').getAttribute('data-cell-id');
            const list = (window.__heights[id] ??= []);
            const height = e.borderBoxSize[0].blockSize;
            const editor = !!e.target.querySelector('.monaco-editor');
            if (list.at(-1)?.height !== height) list.push({ height, editor });
          }
        });
        new MutationObserver(() => {
          for (const el of document.querySelectorAll('.cell-code .cell-editor')) {
            if (!seen.has(el)) {
              seen.add(el);
              resized.observe(el);
            }
          }
        }).observe(document, { subtree: true, childList: true });`,
    });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
    // Sources of every shape: one line, empty, a trailing newline, CRLF, a line wider than the cell, many
    // lines; repeated so that some cells start far below the viewport (their editors come on scrolling).
    const sources = [
      '1 + 1',
      '',
      'const a = 1;\n',
      'const b = 2;\r\nconst c = 3;',
      `const wide = '${'x'.repeat(300)}';`,
      Array.from({ length: 25 }, (_, i) => `const v${i} = ${i};`).join('\n'),
    ];
    const cells = Array.from({ length: 4 }, (_, k) => [
      { cell_type: 'markdown', metadata: {}, source: `## Part ${k}\n\nSome text between the code.` },
      ...sources.map((source) => ({ cell_type: 'code', metadata: {}, source, outputs: [], execution_count: null })),
    ]).flat();
    const ipynb = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { kiroku: { name: 'Shapes' } }, cells });
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Import .ipynb' }).click(),
    ]);
    await chooser.setFiles({ name: 'shapes.ipynb', mimeType: 'application/json', buffer: Buffer.from(ipynb) });
    await page.getByRole('heading', { level: 1, name: 'Shapes' }).waitFor();

    const codeCells = page.locator('.cell-code');
    expect(await codeCells.count()).toBe(sources.length * 4);
    for (const c of await codeCells.all()) {
      await c.scrollIntoViewIfNeeded();
      await c.locator('.monaco-editor .view-lines').waitFor();
    }
    // Let the observer report the last layout (two frames), then compare with the editors as they are.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const { heights, now } = await page.evaluate(() => ({
      heights: (window as unknown as { __heights: Record<string, Array<{ height: number; editor: boolean }>> })
        .__heights,
      now: Object.fromEntries(
        [...document.querySelectorAll('.cell-code')].map((c) => [
          c.getAttribute('data-cell-id'),
          c.querySelector('.cell-editor')!.getBoundingClientRect().height,
        ]),
      ),
    }));
    const ids = Object.keys(now);
    expect(ids).toHaveLength(sources.length * 4);
    // The last part started far below the viewport: it was painted as text, and its editors came later.
    for (const id of ids.slice(-sources.length))
      expect(heights[id]?.[0]?.editor, `cell ${id} first painted as text`).toBe(false);
    // One height per cell from first paint to now, text or editor.
    for (const id of ids)
      expect(
        heights[id]!.map((h) => h.height),
        `heights of cell ${id}`,
      ).toEqual([now[id]]);
    await context.close();
  });

  it('opens a cell from its link, scrolled into view and selected', async () => {
    const { page, context } = await app.open('notebook');
    await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
    const last = page.getByRole('group', { name: /^Cell \d+, / }).last();
    const cellId = await last.getAttribute('data-cell-id');
    const link = await page
      .getByRole('navigation', { name: 'Notebooks' })
      .getByRole('link', { name: 'MLflow walkthrough' })
      .getAttribute('href');
    await page.goto(app.url(`${link!.replace(/^#\//, '')}/cell/${cellId}`));
    const target = page.locator(`[data-cell-id="${cellId}"]`);
    await expect.poll(() => target.getAttribute('aria-current')).toBe('true');
    expect(await target.isVisible()).toBe(true);
    await context.close();
  });

  it('uploads a CSV in the Files panel, previews it, and reads it in a cell with loadCSV', async () => {
    const { page, context } = await app.open('notebook');
    await newNotebook(page);
    const files = page.getByRole('complementary', { name: 'Files' });
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      files.getByRole('button', { name: 'Upload files' }).click(),
    ]);
    await chooser.setFiles({ name: 'tiny.csv', mimeType: 'text/csv', buffer: Buffer.from('a;b\n1;x\n2;y\n3;z\n') });
    const mine = files.getByRole('list', { name: 'Your files' });
    await mine.getByText('tiny.csv').waitFor();
    expect(await mine.innerText()).toContain('16 B');
    await files.getByRole('button', { name: 'Preview tiny.csv' }).click();
    const preview = files.getByRole('region', { name: 'Preview of tiny.csv' });
    await preview.getByText('3 rows × 2 columns').waitFor();
    expect(await preview.getByRole('columnheader').allInnerTexts()).toEqual(['index', 'a', 'b']);
    // The sample datasets are listed too.
    await files.getByRole('list', { name: 'Sample datasets' }).getByText('penguins').waitFor();

    await runInto(page, 1, "await loadCSV('tiny.csv')");
    await expect.poll(() => output(page, 1).innerText(), { timeout: 60_000 }).toContain('3 rows × 2 columns');
    expect(await output(page, 1).getByRole('table').count()).toBe(1);

    // Drag and drop onto the panel.
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['x,y\n1,2\n'], 'dropped.csv', { type: 'text/csv' }));
      return dt;
    });
    await files.dispatchEvent('drop', { dataTransfer });
    await mine.getByText('dropped.csv').waitFor();

    await files.getByRole('button', { name: 'Delete tiny.csv' }).click();
    await files.getByRole('button', { name: 'Delete dropped.csv' }).click();
    await files.getByText('No files yet.').waitFor();
    await context.close();
  });

  it('completes the cell globals and names from earlier cells (IntelliSense, offline)', async () => {
    const { page, context } = await app.open('notebook');
    await newNotebook(page);
    await typeInto(page, 1, 'const wineScore = 1;');
    await page.keyboard.press('Alt+Enter'); // run and insert below, in edit mode
    await cell(page, 2).locator('.monaco-editor.focused').waitFor();
    await page.keyboard.insertText('mlflow.logMet');
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.suggest-widget.visible');
    await expect.poll(() => suggest.innerText(), { timeout: 30_000 }).toContain('logMetric');
    await page.keyboard.press('Escape');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('wineSc');
    await page.keyboard.press('Control+Space');
    await expect.poll(() => suggest.innerText(), { timeout: 30_000 }).toContain('wineScore');
    await context.close();
  });

  it("shows a global's docs from the source on hover (the generated cell types carry the JSDoc)", async () => {
    const { page, context } = await app.open('notebook');
    await newNotebook(page);
    await typeInto(page, 1, 'await sleep(10);');
    await page.keyboard.press('Home');
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight'); // into `sleep`
    await page.keyboard.press('ControlOrMeta+K');
    await page.keyboard.press('ControlOrMeta+I'); // Monaco's "Show hover"
    // The JSDoc of `sleep` in src/notebook/worker/globals.ts, and its signature.
    const hover = page.locator('.monaco-hover').filter({ hasText: 'Interrupt stops the wait' });
    await hover.waitFor({ timeout: 30_000 });
    expect(await hover.innerText()).toContain('sleep(ms: number): Promise<void>');
    await context.close();
  });

  it("underlines nothing in the README's two lines typed into the walkthrough, but a real mistake", async () => {
    const readme = await readFile(resolve(__dirname, '../../README.md'), 'utf8');
    const twoLines = /```ts\n([\s\S]*?)\n\s*```/
      .exec(readme)![1]!
      .split('\n')
      .map((l) => l.trim())
      .join('\n');
    expect(twoLines).toContain('new ElasticNet(');
    const { page, context } = await app.open('notebook');
    await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
    await page.getByRole('button', { name: '+ Add cell at the end' }).click();
    const n = await page.getByRole('group', { name: /^Cell \d+, / }).count();
    // Line 3 uses describe, which cells get too; line 4 calls a name nothing declares.
    await typeInto(page, n, `${twoLines}\nconst stats = describe(data);\nnotDeclaredAnywhere();`);
    // The editor marks errors line by line: wait for line 4's, then no other line may have one.
    const errorLines = () =>
      cell(page, n).evaluate((c) =>
        [...c.querySelectorAll('.view-overlays > div')]
          .filter((line) => line.querySelector('.squiggly-error'))
          .map((line) => Math.round(parseFloat((line as HTMLElement).style.top) / 19) + 1),
      );
    await expect.poll(errorLines, { timeout: 60_000 }).toContain(4);
    expect(await errorLines()).toEqual([4]);
    await context.close();
  });

  it("shows an error's name, message and the cell's lines with their code; library frames on request", async () => {
    const { page, context } = await app.open('notebook');
    await newNotebook(page);
    await runInto(
      page,
      1,
      'const X = [[1], [2]];\nfunction predictAll() {\n  return new ElasticNet().predict(X);\n}\npredictAll();',
    );
    const alert = output(page, 1).getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    const libraryFrame = /\((?!cell)[^()]*\.[jt]s:\d+\)/;
    const text = await alert.innerText();
    expect(text).toMatch(/^NotFittedError: This ElasticNet instance is not fitted yet\./);
    expect(text).toContain('at predictAll (cell line 3)\n        return new ElasticNet().predict(X);');
    expect(text).toContain('at cell line 5\n        predictAll();');
    expect(text).not.toMatch(libraryFrame);
    const more = alert.getByRole('button', { name: /^Show full traceback \(\d+ library frames?\)$/ });
    await more.click();
    expect(await alert.innerText()).toMatch(libraryFrame);
    await alert.getByRole('button', { name: 'Hide library frames' }).click();
    expect(await alert.innerText()).not.toMatch(libraryFrame);
    await context.close();
  });

  it('renders rich outputs: charts, sanitized HTML, displays updated in place, JSON trees, long text cut', async () => {
    const { page, context } = await app.open('notebook');
    await newNotebook(page);
    await runInto(
      page,
      1,
      [
        "display({ type: 'line', title: 'loss', x: { values: [1, 2, 3] }, series: [{ name: 'loss', values: [3, 2, " +
          '1] }] });',
        'display(html(\'<b class="ok">bold</b><img src="x" onerror="document.title = 1">\'));',
        "for (let i = 0; i < 3; i++) await display('step ' + i, { displayId: 'progress' });",
        "console.log('line\\n'.repeat(1000));",
        '[1, 2, { a: 1 }]',
      ].join('\n'),
    );
    const out = output(page, 1);
    await out
      .getByRole('img', { name: /line chart: loss/ })
      .locator('canvas')
      .first()
      .waitFor({ timeout: 30_000 });
    await out.locator('.output-html b.ok').waitFor();
    expect(await out.locator('[onerror]').count()).toBe(0);
    const steps = await out.getByText(/step \d/).allInnerTexts();
    expect(steps).toHaveLength(1);
    expect(steps[0]).toContain('step 2');
    await out.getByRole('button', { name: /^Show more/ }).waitFor();
    await out.locator('details.json-tree summary').first().waitFor();
    expect(await out.locator('details.json-tree summary').first().innerText()).toContain('Array(3)');
    await context.close();
  });

  it('shows describe(df) and arrays of records as tables, as Jupyter shows a pandas result', async () => {
    const { page, context } = await app.open('notebook');
    await newNotebook(page);
    await runInto(
      page,
      1,
      "const cars = await loadSample('cars');\ndisplay(describe(cars));\ncars.columns.map((name, i) => ({ column: " +
        "name, position: i, numeric: cars.dtypes[i] !== 'string' }))",
    );
    const out = output(page, 1);
    const [summary, records] = [out.getByRole('table').nth(0), out.getByRole('table').nth(1)];
    await records.waitFor({ timeout: 60_000 });
    // describe: one column per column of the data, one row per statistic.
    const columns = await summary.getByRole('columnheader').allInnerTexts();
    expect(columns.slice(1)).toEqual(expect.arrayContaining(['name', 'miles_per_gallon', 'horsepower', 'origin']));
    expect(await summary.getByRole('rowheader').allInnerTexts()).toEqual([
      'count',
      'missing',
      'mean',
      'std',
      'min',
      '25%',
      '50%',
      '75%',
      'max',
      'unique',
      'top',
      'freq',
    ]);
    const mpg = columns.indexOf('miles_per_gallon');
    const meanRow = summary.getByRole('row', { name: /^mean/ });
    expect(
      Number(
        await meanRow
          .getByRole('cell')
          .nth(mpg - 1)
          .innerText(),
      ),
    ).toBeCloseTo(23.51, 2);
    // Records: a row per object, a column per key.
    expect(await records.getByRole('columnheader').allInnerTexts()).toEqual(['index', 'column', 'position', 'numeric']);
    expect(await records.getByRole('row').nth(1).getByRole('cell').allInnerTexts()).toEqual(['name', '0', 'false']);
    expect(await out.locator('details.json-tree').count()).toBe(0);
    await context.close();
  });

  it('opens a sample already opened again instead of making a second notebook with its name', async () => {
    const { page, context } = await app.open('notebook');
    await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
    const list = page.getByRole('navigation', { name: 'Notebooks' });
    const links = (name: string) => list.getByRole('list').first().getByRole('link', { name, exact: true });
    await list.getByRole('button', { name: 'Open sample: TensorFlow.js network' }).click();
    await page.getByRole('heading', { level: 1, name: 'TensorFlow.js network', exact: true }).waitFor();
    await links('TensorFlow.js network').waitFor();
    const tfjs = page.url();
    // Change it, so it is clearly the same copy that comes back.
    await runInto(page, 2, 'const changedHere = 6 * 7;\nchangedHere');
    await expect.poll(() => output(page, 2).innerText(), { timeout: 30_000 }).toBe('42');
    await page.getByText('All changes saved').waitFor();
    // The walkthrough (seeded on the first visit) and the TensorFlow.js sample, each opened again.
    await list.getByRole('button', { name: 'Open sample: MLflow walkthrough' }).click();
    await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
    await list.getByRole('button', { name: 'Open sample: TensorFlow.js network' }).click();
    await page.getByRole('heading', { level: 1, name: 'TensorFlow.js network', exact: true }).waitFor();
    expect(page.url()).toBe(tfjs);
    await expect.poll(() => output(page, 2).innerText()).toBe('42');
    expect(await links('TensorFlow.js network').count()).toBe(1);
    expect(await links('MLflow walkthrough').count()).toBe(1);
    await context.close();
  });

  it('renames, duplicates, deletes with undo, and opens samples as new notebooks', async () => {
    const { page, context } = await app.open('notebook');
    await newNotebook(page);
    const list = page.getByRole('navigation', { name: 'Notebooks' });
    await typeInto(page, 1, '"original"');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('textbox', { name: 'Notebook name' }).fill('Mine');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Mine' }).waitFor();
    await page.getByText('All changes saved').waitFor();
    await list.getByRole('link', { name: 'Mine', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Duplicate' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mine (copy)' }).waitFor();
    // The copy's first cell holds the source: in its stand-in until Monaco arrives (a textarea, whose value
    // innerText leaves out), then in Monaco's lines.
    const source = () =>
      cell(page, 1).evaluate(
        (el) => el.querySelector<HTMLTextAreaElement>('textarea.code-static')?.value ?? el.textContent,
      );
    await expect.poll(source).toContain('"original"');

    await page.getByRole('button', { name: 'Delete notebook' }).click();
    await page.getByText('Deleted “Mine (copy)”.').waitFor();
    await expect.poll(() => list.getByRole('link', { name: 'Mine (copy)' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Mine (copy)' }).waitFor();
    await list.getByRole('link', { name: 'Mine (copy)' }).waitFor();

    await list.getByRole('button', { name: 'Open sample: Hyperparameter sweep' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hyperparameter sweep', exact: true }).waitFor();
    expect(await page.getByRole('group', { name: /^Cell \d+, / }).count()).toBeGreaterThan(3);
    await context.close();
  });
});

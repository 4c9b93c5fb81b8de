// Editing a notebook while something else happens, in Chromium: a click on a cell, and code typed into
// it, before Monaco has arrived; a rename typed while an output arrives; multi-line code put in as written.
import { describe, expect, it } from 'vitest';
import { useApp } from './page';
import { cell, newNotebook, output, runInto } from './notebook-driver';

const app = useApp();

describe('editing while the notebook changes', () => {
  it('a click on a cell whose editor has not loaded yet edits that cell once the editor comes', async () => {
    // Monaco's chunk is held back until the click has happened (no service worker: it would serve it).
    const context = await app.browser().newContext({ serviceWorkers: 'block' });
    let release!: () => void;
    const monacoHeld = new Promise<void>((r) => (release = r));
    let monacoAsked = false;
    await context.route(/\/assets\/monaco-[^/]*\.js$/, async (route) => {
      monacoAsked = true;
      await monacoHeld;
      await route.continue();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url('notebook'));
    await newNotebook(page);
    expect(monacoAsked).toBe(true);
    // The cell shows its (empty) code as text: the user clicks into it.
    await cell(page, 1).locator('.code-static').click();
    expect(await page.locator('.monaco-editor').count()).toBe(0);
    release();
    await cell(page, 1).locator('.monaco-editor.focused').waitFor();
    await page.keyboard.insertText('6 * 7');
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => output(page, 1).innerText(), { timeout: 30_000 }).toContain('42');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('code typed into a cell before its editor has loaded goes to the editor with the caret, and runs', async () => {
    // Monaco's chunk is held back while the user types into the cell's stand-in (its textarea).
    const context = await app.browser().newContext({ serviceWorkers: 'block' });
    let release!: () => void;
    const monacoHeld = new Promise<void>((r) => (release = r));
    await context.route(/\/assets\/monaco-[^/]*\.js$/, async (route) => {
      await monacoHeld;
      await route.continue();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url('notebook'));
    await newNotebook(page);
    // The stand-in has the editor's accessible name, and takes typing (with the editor's own keys).
    const source = cell(page, 1).getByRole('textbox', { name: 'Cell 1 TypeScript source' });
    await source.click();
    await page.keyboard.type('6 * 7 + 0');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft'); // the caret after "7"
    expect(await page.locator('.monaco-editor').count()).toBe(0);
    expect(await source.inputValue()).toBe('6 * 7 + 0');
    // Typing goes on as the editor is let through: every key lands at the caret, before or after it takes over.
    const typing = page.keyboard.type(' * 1', { delay: 30 });
    release();
    await typing;
    await cell(page, 1).locator('.monaco-editor.focused').waitFor();
    await page.keyboard.type(' * 1');
    // Monaco's own textarea now has the name; the text is what was typed, at the caret where it was left.
    expect(await cell(page, 1).getByRole('textbox', { name: 'Cell 1 TypeScript source' }).count()).toBe(1);
    await expect
      .poll(() =>
        cell(page, 1)
          .locator('.monaco-editor .view-lines')
          .evaluate((el) => el.textContent!.replace(/\u00a0/g, ' ')),
      )
      .toBe('6 * 7 * 1 * 1 + 0');
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => output(page, 1).innerText(), { timeout: 30_000 }).toContain('42');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a rename being typed keeps its text when an output arrives before Enter', async () => {
    const { page, context, errors } = await app.open('notebook');
    await newNotebook(page);
    // A cell whose output comes while the name is being typed: every output re-renders the notebook.
    await runInto(
      page,
      1,
      'console.log("first"); await new Promise((r) => setTimeout(r, 1500)); console.log("second");',
    );
    await expect.poll(() => output(page, 1).innerText(), { timeout: 30_000 }).toContain('first');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('textbox', { name: 'Notebook name' }).fill('Mine');
    await expect.poll(() => output(page, 1).innerText(), { timeout: 30_000 }).toContain('second');
    expect(await page.getByRole('textbox', { name: 'Notebook name' }).inputValue()).toBe('Mine');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Mine' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Notebooks' })
      .getByRole('link', { name: 'Mine', exact: true })
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('multi-line code goes into a cell as written: indentation, brackets and quotes kept', async () => {
    const { page, context, errors } = await app.open('notebook');
    await newNotebook(page);
    const code = [
      'const text = `line 1',
      '  two spaces',
      "    {four} ('quoted')",
      'back to none`;',
      'if (text) {',
      '  console.log(text);',
      '}',
    ].join('\n');
    await runInto(page, 1, code);
    // console.log's line, as printed (its own line break at the end).
    await expect
      .poll(() => output(page, 1).innerText(), { timeout: 30_000 })
      .toBe("line 1\n  two spaces\n    {four} ('quoted')\nback to none\n");
    expect(errors).toEqual([]);
    await context.close();
  });
});

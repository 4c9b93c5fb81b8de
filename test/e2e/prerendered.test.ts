// The walkthrough prerendered into index.html (ui/prerendered.ts), in Chromium: on a first visit it shows
// before the app's script has run, its code cells take typing and run keys, and it gives way to the app's
// view of the stored notebook with what was typed, the caret and the runs asked for; a later visit,
// another page, or a Japanese browser never show it.
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useApp } from './page';
import { cell, newNotebook, output } from './notebook-driver';

const app = useApp();

// Records whether the prerendered view was ever shown, from the first byte parsed.
const watchPrerendered = `
  window.__prerenderedSeen = false;
  new MutationObserver(() => {
    if (document.documentElement?.hasAttribute('data-prerendered')) window.__prerenderedSeen = true;
  }).observe(document, { childList: true, subtree: true, attributes: true });`;
const seen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __prerenderedSeen: boolean }).__prerenderedSeen);

/** Holds the app's entry script back until `release` is called (the HTML is let through). */
async function holdEntry(context: BrowserContext): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await context.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

const source = (page: Page, n: number) => page.getByRole('textbox', { name: `Cell ${n} TypeScript source` });
/** The app's own view of a notebook is on the page (its cells' editors: stand-ins or Monaco's). */
const appView = (page: Page) => page.locator('#app .cell-editor').first().waitFor();
const inPrerenderedView = (page: Page, n: number) =>
  source(page, n).evaluate((el) => el.closest('#prerendered-view') !== null);

describe('the prerendered first view', () => {
  it("takes typing before the app runs; the app's view keeps the text, the caret and the run asked for", async () => {
    const context = await app.browser().newContext({ serviceWorkers: 'block' });
    const release = await holdEntry(context);
    // Monaco is held back for good: the app's stand-ins stay, so their text and caret can be read.
    await context.route(/\/assets\/monaco-[^/]*\.js$/, () => new Promise(() => undefined));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // `commit`: the load event waits for the entry script, which is held.
    await page.goto(app.url('notebook'), { waitUntil: 'commit' });
    const view = page.locator('#prerendered-view');
    await view.waitFor({ state: 'visible' });
    expect(await view.locator('h1').innerText()).toBe('MLflow walkthrough');
    // Its picture of the top bar, list and heading is not offered to assistive technology: the app's is.
    expect(await page.getByRole('heading', { name: 'MLflow walkthrough' }).count()).toBe(0);
    // Its code cells are named as the app's editors are, and take typing: a line typed at the top.
    const code = source(page, 3);
    expect(await inPrerenderedView(page, 3)).toBe(true);
    const shown = await code.inputValue();
    expect(shown).toContain("loadCSV('winequality-red.csv')");
    await code.focus();
    await code.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 0));
    await page.keyboard.type('// mine');
    await page.keyboard.press('Enter');
    // A run key inserts no line break: it waits for the app.
    await page.keyboard.press('ControlOrMeta+Enter');
    expect(await code.inputValue()).toBe(`// mine\n${shown}`);

    release();
    // The app's own view of the walkthrough it stored: the text typed, and the focus and caret where they
    // were, so typing goes on in place.
    await appView(page);
    expect(await view.count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-prerendered'))).toBe(false);
    expect(await inPrerenderedView(page, 3)).toBe(false);
    expect(await source(page, 3).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('X');
    expect(await source(page, 3).inputValue()).toBe(`// mine\nX${shown}`);
    // The run asked for in the prerendered view ran the cell, with the text typed before it.
    await expect.poll(() => cell(page, 3).getAttribute('aria-label'), { timeout: 60_000 }).toMatch(/run 1$/);
    expect(await output(page, 3).innerText()).toContain('using the cars sample instead');
    // Saved once the run's outputs stop coming (each one puts the autosave off).
    await expect.poll(() => storedSources(page), { timeout: 10_000 }).toContain('// mine\nX');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is never shown for another route, a later visit or a Japanese browser', async () => {
    const context = await app.browser().newContext({ serviceWorkers: 'block' });
    await context.addInitScript(watchPrerendered);
    const page = await context.newPage();
    await page.goto(app.url('experiments'));
    await page.locator('#app main h1').waitFor(); // the Experiments page's view is drawn
    expect(await seen(page)).toBe(false);
    // The notebook's first visit in this browser has it; the visit after does not.
    const notebook = await context.newPage();
    await notebook.goto(app.url('notebook'));
    await appView(notebook);
    expect(await seen(notebook)).toBe(true);
    await notebook.reload();
    await appView(notebook);
    expect(await seen(notebook)).toBe(false);
    await context.close();

    const japanese = await app.browser().newContext({ serviceWorkers: 'block', locale: 'ja-JP' });
    await japanese.addInitScript(watchPrerendered);
    const jaPage = await japanese.newPage();
    await jaPage.goto(app.url('notebook'));
    await appView(jaPage);
    expect(await seen(jaPage)).toBe(false);
    await japanese.close();
  });

  it('shown over other stored notebooks (storage cleared but IndexedDB), gives way, what was typed kept', async () => {
    const context = await app.browser().newContext({ serviceWorkers: 'block' });
    // Monaco is held back: the cells' text is read from their stand-ins.
    await context.route(/\/assets\/monaco-[^/]*\.js$/, () => new Promise(() => undefined));
    const page = await context.newPage();
    await page.goto(app.url('notebook'));
    await newNotebook(page);
    await cell(page, 1).locator('.cell-editor').click();
    await page.keyboard.type('const kept = 1;');
    await expect.poll(() => storedSources(page)).toContain('const kept = 1;');
    // What the boot script goes by is gone; IndexedDB still holds the user's notebook, the last one opened,
    // which the Notebook tab (no id in the address) opens in a new tab.
    await page.evaluate(() => localStorage.clear());
    await page.close();
    const release = await holdEntry(context);
    const again = await context.newPage();
    await again.goto(app.url('notebook'), { waitUntil: 'commit' });
    await again.locator('#prerendered-view').waitFor({ state: 'visible' });
    const walkthroughCell = source(again, 3);
    const shown = await walkthroughCell.inputValue();
    await walkthroughCell.focus();
    await again.keyboard.press('ControlOrMeta+End');
    await again.keyboard.type('\n// typed into the walkthrough');
    release();
    await again.getByRole('heading', { level: 1, name: 'Untitled' }).waitFor();
    expect(await again.locator('#prerendered-view').count()).toBe(0);
    // The stored notebook as it was, and what was typed into a cell it does not have kept in a new cell
    // at its end (not run: the user runs it).
    await expect.poll(() => editorText(again, 1)).toBe('const kept = 1;');
    await expect.poll(() => editorText(again, 2)).toBe(`${shown}\n// typed into the walkthrough`);
    expect(await cell(again, 2).getAttribute('aria-label')).toBe('Cell 2, TypeScript, not run');
    await expect.poll(() => storedSources(again)).toContain('// typed into the walkthrough');
    await context.close();
  });
});

/** Cell n's code, from its stand-in. */
const editorText = (page: Page, n: number) => cell(page, n).locator('textarea.code-static').inputValue();

/** Every cell source stored in the notebooks database, joined. */
function storedSources(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('kiroku-notebooks');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('notebooks').objectStore('notebooks').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            const docs = all.result as Array<{ cells: Array<{ source: string }> }>;
            open.result.close();
            resolve(docs.flatMap((d) => d.cells.map((c) => c.source)).join('\n'));
          };
        };
      }),
  );
}

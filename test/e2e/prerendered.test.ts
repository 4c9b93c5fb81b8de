// The walkthrough prerendered into index.html (ui/prerendered.ts), in Chromium: on a first visit it is on
// the page before the app's script has run, takes no focus and no typing, and gives way to the app's
// view of the stored notebook; a later visit, another page, or a Japanese browser never show it.
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useApp } from './page';
import { cell, newNotebook } from './notebook-driver';

const app = useApp();

// Records whether the prerendered view was ever put on the page, from the first byte parsed.
const watchPrerendered = `
  window.__prerenderedSeen = false;
  new MutationObserver(() => {
    if (document.getElementById('prerendered-view')) window.__prerenderedSeen = true;
  }).observe(document, { childList: true, subtree: true });`;
const seen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __prerenderedSeen: boolean }).__prerenderedSeen);

/** Holds the app's entry script back until `release` is called (the boot script and the HTML are let through). */
async function holdEntry(context: BrowserContext): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await context.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

const editable = (page: Page, n: number) => cell(page, n).getByRole('textbox', { name: `Cell ${n} TypeScript source` });
/** The app's own view of a notebook is on the page (its cells' editors: stand-ins or Monaco's). */
const appView = (page: Page) => page.locator('#app .cell-editor').first().waitFor();

describe('the prerendered first view', () => {
  it('shows the walkthrough before the app runs, read-only, then the stored walkthrough takes its place', async () => {
    const context = await app.browser().newContext({ serviceWorkers: 'block' });
    const release = await holdEntry(context);
    // Monaco is held back for good: the app's stand-ins stay, so their text can be compared.
    await context.route(/\/assets\/monaco-[^/]*\.js$/, () => new Promise(() => undefined));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // `commit`: the load event waits for the entry script, which is held.
    await page.goto(app.url('notebook'), { waitUntil: 'commit' });
    const view = page.locator('#prerendered-view');
    await view.waitFor({ state: 'visible' });
    expect(await view.locator('h1').innerText()).toBe('MLflow walkthrough');
    const code = view.locator('textarea.code-static').first();
    const shown = await code.inputValue();
    expect(shown).toContain("loadCSV('winequality-red.csv')");
    // Nothing in it takes the focus or typing: the app would not know what was typed there.
    expect(await code.evaluate((el: HTMLTextAreaElement) => [el.readOnly, el.closest('[inert]') !== null])).toEqual([
      true,
      true,
    ]);
    const takesFocus = await code.evaluate((el) => {
      el.focus();
      return document.activeElement === el;
    });
    expect(takesFocus).toBe(false);
    await page.keyboard.type('lost?');
    expect(await code.inputValue()).toBe(shown);
    // No name or role in it reaches assistive technology (or a test's locator).
    expect(await page.getByRole('heading', { name: 'MLflow walkthrough' }).count()).toBe(0);

    release();
    // The app's own view of the walkthrough it stored: the same code, now editable, and the stand-in gone.
    const first = editable(page, 3);
    await first.waitFor();
    expect(await first.inputValue()).toBe(shown);
    expect(await view.count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-prerendered'))).toBe(false);
    expect(await first.isEditable()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is never on the page for another route, a later visit or a Japanese browser', async () => {
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

  it('shown over other stored notebooks (storage cleared but IndexedDB), gives way to the stored one', async () => {
    const context = await app.browser().newContext({ serviceWorkers: 'block' });
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
    await again.keyboard.type('typed into nothing');
    release();
    await again.getByRole('heading', { level: 1, name: 'Untitled' }).waitFor();
    expect(await again.locator('#prerendered-view').count()).toBe(0);
    // The stored notebook as it was: nothing typed over the prerendered view went anywhere.
    await expect.poll(() => editorText(again)).toBe('const kept = 1;');
    expect(await storedSources(again)).not.toContain('typed into nothing');
    await context.close();
  });
});

/** Cell 1's code, from its stand-in or from Monaco once Monaco has taken its place. */
async function editorText(page: Page): Promise<string> {
  return cell(page, 1)
    .locator('.cell-editor')
    .evaluate(
      (el) =>
        el.querySelector<HTMLTextAreaElement>('textarea.code-static')?.value ??
        el.querySelector('.view-lines')?.textContent?.replace(/\u00a0/g, ' ') ??
        '',
    );
}

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

// The Notebook tab (#/notebook, no id) opens the notebook last opened. Coming back to it from another
// notebook must go straight there: it once opened the notebook it showed the time before (a stale choice
// kept in the page's state), and stored that one as the last opened, so a reload could open it again.
import { describe, expect, it } from 'vitest';
import { newNotebook } from './notebook-driver';
import { useApp } from './page';

const app = useApp();

/** The notebook the page last stored as opened (the notebooks database's meta record). */
const lastOpened = (page: import('playwright-core').Page) =>
  page.evaluate(
    () =>
      new Promise<unknown>((done, fail) => {
        const open = indexedDB.open('kiroku-notebooks');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('meta').objectStore('meta').get('lastOpened');
          get.onsuccess = () => {
            done(get.result?.value);
            open.result.close();
          };
          get.onerror = () => fail(get.error);
        };
      }),
  );

describe('notebook tab', () => {
  it('goes back to the notebook last opened, never first through the one it showed before', async () => {
    const { page, context } = await app.open('notebook');
    await newNotebook(page); // the walkthrough first, then a new "Untitled" at #/notebook/<id>
    const untitled = new URL(page.url()).hash.split('/')[2]!;
    await expect.poll(() => lastOpened(page)).toBe(untitled);
    // Every notebook title the page shows from now on.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { titles: string[] }).titles = seen;
      const note = () => {
        const h1 = document.querySelector('.nb-main h1')?.textContent ?? '';
        if (seen.at(-1) !== h1) seen.push(h1);
      };
      new MutationObserver(note).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await page.getByRole('link', { name: 'Notebook', exact: true }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/notebook');
    await page.getByRole('heading', { level: 1, name: 'Untitled' }).waitFor();
    await page.getByText('Kernel idle').waitFor({ timeout: 30_000 });
    const titles = await page.evaluate(() => (window as unknown as { titles: string[] }).titles);
    expect(titles, JSON.stringify(titles)).not.toContain('MLflow walkthrough');
    expect(await lastOpened(page)).toBe(untitled);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Untitled' }).waitFor();
    await context.close();
  });
});

// Driving the notebook as a user does, shared by the browser tests: cells and outputs by role and
// accessible name, code typed into Monaco, Shift+Enter to run. Used by benchmarks too (bench/ml-mlp),
// outside vitest: so no `expect` here, its own polling instead.
import type { Locator, Page } from 'playwright-core';

/** The cell group with this 1-based number. */
export const cell = (page: Page, n: number) => page.getByRole('group', { name: new RegExp(`^Cell ${n}, `) });
export const output = (page: Page, n: number) => page.getByRole('group', { name: `Cell ${n} output`, exact: true });

/** A fresh notebook (the first visit also seeds the walkthrough). */
export async function newNotebook(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
  await page.getByRole('button', { name: '+ New notebook' }).click();
  await page.getByRole('heading', { level: 1, name: 'Untitled' }).waitFor();
  await page.getByText('Kernel idle').waitFor({ timeout: 30_000 });
}

/**
 * Put code into cell n through its Monaco editor as a user's paste does (a paste event with the text on
 * its clipboard data, into the focused editor), replacing what was there. Not typed: Monaco indents
 * each typed line break and closes brackets and quotes, which changes multi-line code; a paste keeps it
 * as written. The cell's editor then holds exactly `code` (checked), so a test runs what it says.
 */
export async function typeInto(page: Page, n: number, code: string): Promise<Locator> {
  const c = cell(page, n);
  await c.locator('.cell-editor').click();
  const editor = c.locator('.monaco-editor.focused');
  await editor.waitFor();
  await page.keyboard.press('ControlOrMeta+A');
  await editor.evaluate((el, text) => {
    const target = el.ownerDocument.activeElement;
    if (!target || !el.contains(target)) throw new Error('The cell editor lost the focus before the paste');
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', text);
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  }, code);
  await untilEditorShows(c, n, code.replace(/\r\n?/g, '\n'));
  return c;
}

/**
 * Wait until cell n's editor shows `expected` (as vitest's expect.poll: every 50 ms for up to 1 s), else
 * fail with what it shows instead.
 */
async function untilEditorShows(c: Locator, n: number, expected: string, timeout = 1000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const shown = await editorText(c);
    if (shown === expected) return;
    if (Date.now() >= deadline) {
      throw new Error(
        `Cell ${n}'s editor shows ${JSON.stringify(shown)} after the paste, expected ${JSON.stringify(expected)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What cell n's Monaco editor shows, line by line (Monaco draws each line as one element; its spaces as U+00A0). */
async function editorText(c: Locator): Promise<string> {
  return c.locator('.monaco-editor .view-lines').evaluate((lines) =>
    [...lines.querySelectorAll<HTMLElement>('.view-line')]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((line) => line.textContent!.replace(/\u00a0/g, ' '))
      .join('\n'),
  );
}

/** Type code into cell n and run it with Shift+Enter. */
export async function runInto(page: Page, n: number, code: string): Promise<Locator> {
  const c = await typeInto(page, n, code);
  await page.keyboard.press('Shift+Enter');
  return c;
}

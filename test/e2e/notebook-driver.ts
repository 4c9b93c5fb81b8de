// Driving the notebook as a user does, shared by the browser tests: cells and outputs by role and
// accessible name, code typed into Monaco, Shift+Enter to run.
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

/** Put code into cell n through its Monaco editor, as typed text (insertText: no auto-closing brackets). */
export async function typeInto(page: Page, n: number, code: string): Promise<Locator> {
  const c = cell(page, n);
  await c.locator('.cell-editor').click();
  await c.locator('.monaco-editor.focused').waitFor();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(code);
  return c;
}

/** Type code into cell n and run it with Shift+Enter. */
export async function runInto(page: Page, n: number, code: string): Promise<Locator> {
  const c = await typeInto(page, n, code);
  await page.keyboard.press('Shift+Enter');
  return c;
}

import { describe, expect, it } from 'vitest';
import { useApp } from './page';

const app = useApp();

describe('app shell', () => {
  it('has the four top-level pages in an accessible navigation, each with its own URL', async () => {
    const { page, context, errors } = await app.open();
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Notebook', 'Experiments', 'Models', 'Predict']) {
      await nav.getByRole('link', { name, exact: true }).click();
      await page
        .getByRole('heading', {
          level: 1,
          name: { Notebook: 'MLflow walkthrough', Experiments: 'Default' }[name] ?? name,
        })
        .waitFor();
      expect(page.url()).toMatch(new RegExp(`#/${name.toLowerCase()}$`));
      expect(await nav.getByRole('link', { name, exact: true }).getAttribute('aria-current')).toBe('page');
      expect(await page.title()).toBe(`${name} · Kiroku 記録`);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens the page a link names, and is usable from the keyboard', async () => {
    const { page, context } = await app.open('predict');
    await page.getByRole('heading', { level: 1, name: 'Predict' }).waitFor();
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab'); // brand
    await page.keyboard.press('Tab'); // Notebook
    await page.keyboard.press('Tab'); // Experiments
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/experiments$/);
    await context.close();
  });

  it('serves the page cross-origin isolated, so the kernel can share memory with it', async () => {
    const { page, context } = await app.open();
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await context.close();
  });
});

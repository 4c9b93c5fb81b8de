// Shared set-up for browser tests: one Chromium per test file, a fresh profile (so IndexedDB starts
// empty) per context, and page errors turned into test failures instead of going unnoticed.
import { afterAll, beforeAll, inject } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium';

export interface AppHandle {
  browser: () => Browser;
  /** A new isolated browser context (its own IndexedDB) with a page on the app. */
  open: (hash?: string) => Promise<{ context: BrowserContext; page: Page; errors: string[] }>;
  url: (hash?: string) => string;
}

export function useApp(): AppHandle {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const url = (hash = '') => inject('baseUrl') + (hash ? `#/${hash.replace(/^#?\/?/, '')}` : '');
  return {
    browser: () => browser!,
    url,
    open: async (hash = '') => {
      const context = await browser!.newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(url(hash));
      return { context, page, errors };
    },
  };
}

/**
 * The errors a page logged, less Chromium's reports of inline event handlers refused by the app's
 * Content-Security-Policy. Chromium reports a handler attribute (`onerror="…"`) as refused as soon as
 * DOMPurify parses hostile HTML in an inert document, where the attribute is then dropped and would never
 * run; without the policy nothing is reported and nothing runs. Tests that feed such HTML use this.
 */
export function withoutRefusedInlineHandlers(errors: readonly string[]): string[] {
  return errors.filter(
    (e) => !e.startsWith('Executing inline event handler violates the following Content Security Policy'),
  );
}

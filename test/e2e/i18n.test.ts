// The Japanese UI (issue 18) and accessibility: with a Japanese browser (context locale ja-JP) the
// notebook, experiments, run, models, predict and settings pages show no English string of the
// message catalog (english-leaks.ts); an axe-core scan of each page, in both languages, finds no
// serious or critical violation. The pages hold real data: a fitted, registered model and its run.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './page';
import { en } from '../../src/ui/i18n/en';
import { ja } from '../../src/ui/i18n/ja';
import { englishFragments, englishLeaks, pageTexts } from './english-leaks';

const app = useApp();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A run with an autologged model, registered as `wine` with the alias `champion`. */
async function seed(page: Page): Promise<{ experimentId: string; runId: string }> {
  return page.evaluate(`(async () => {
    const k = await globalThis.kiroku; const { mlflow } = k;
    await mlflow.setExperiment('wine');
    mlflow.autolog();
    const X = Array.from({ length: 40 }, (_, i) => [i % 7, Math.sin(i), (i * 3) % 11]);
    const y = X.map(([a, b, c]) => 2 * a - b + 0.5 * c);
    new k.ElasticNet({ alpha: 0.02, l1Ratio: 0.5 }).fit(X, y);
    await mlflow.flush();
    const run = mlflow.lastActiveRun();
    await mlflow.registerModel('runs:/' + run.info.runId + '/model', 'wine');
    await mlflow.setRegisteredModelAlias('wine', 'champion', 1);
    return { experimentId: run.info.experimentId, runId: run.info.runId };
  })()`) as Promise<{ experimentId: string; runId: string }>;
}

/** Each page, and what shows that it has drawn its data. */
function pages(ids: { experimentId: string; runId: string }) {
  return [
    { name: 'notebook', hash: 'notebook', ready: (p: Page) => p.locator('.cell').first().waitFor() },
    {
      name: 'experiments',
      hash: `experiments/${ids.experimentId}`,
      ready: (p: Page) => p.locator('tbody th[scope=row] a').first().waitFor(),
    },
    {
      name: 'run',
      hash: `experiments/${ids.experimentId}/runs/${ids.runId}`,
      ready: (p: Page) => p.locator('.run-overview dl').first().waitFor(),
    },
    {
      name: 'run metrics',
      hash: `experiments/${ids.experimentId}/runs/${ids.runId}/metrics`,
      ready: (p: Page) => p.locator('.metric-picker input').first().waitFor(),
    },
    {
      name: 'run artifacts',
      hash: `experiments/${ids.experimentId}/runs/${ids.runId}/artifacts?path=model/MLmodel`,
      ready: (p: Page) => p.locator('.mlmodel table').first().waitFor(),
    },
    { name: 'models', hash: 'models', ready: (p: Page) => p.locator('main a[href*="models/wine"]').first().waitFor() },
    { name: 'model', hash: 'models/wine', ready: (p: Page) => p.locator('main table').first().waitFor() },
    { name: 'version', hash: 'models/wine/versions/1', ready: (p: Page) => p.locator('#signature-inputs').waitFor() },
    {
      name: 'version, Deploy dialog',
      hash: 'models/wine/versions/1',
      ready: async (p: Page) => {
        await p.locator('#signature-inputs').waitFor();
        await p.getByRole('button', { name: /^(Deploy|デプロイ)$/ }).click();
        await p.getByRole('dialog').getByRole('heading', { level: 3 }).first().waitFor();
      },
    },
    { name: 'predict', hash: 'predict', ready: (p: Page) => p.locator('main h1').first().waitFor() },
    { name: 'settings', hash: 'settings', ready: (p: Page) => p.locator('main h2').nth(2).waitFor() },
  ];
}

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]'));
}

async function axeSerious(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: the app's Content-Security-Policy refuses inline scripts.
  await page.evaluate(AXE);
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: ` +
      `v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`,
  )) as Array<{ id: string; impact: string; nodes: string[] }>;
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.join(' | ')}`);
}

describe('the UI in Japanese, and accessible in both languages', () => {
  for (const locale of ['ja-JP', 'en-US']) {
    it(`${locale}: every page ${
      locale === 'ja-JP' ? 'shows no English message and ' : ''
    }has no serious axe violation`, async () => {
      const context = await app.browser().newContext({ locale });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(app.url('notebook'));
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale.slice(0, 2));
      const ids = await seed(page);
      const fragments = englishFragments(en, ja);
      const found: Record<string, { leaks: unknown[]; axe: string[] }> = {};
      for (const p of pages(ids)) {
        await page.goto(app.url(p.hash));
        await p.ready(page);
        await settle(page);
        found[p.name] = {
          leaks: locale === 'ja-JP' ? englishLeaks(await pageTexts(page), fragments) : [],
          axe: await axeSerious(page),
        };
      }
      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, { leaks: [], axe: [] }])));
      if (locale === 'ja-JP') {
        // The check sees a string left in English on the page: a catalog message as a button's text, one
        // inside a sentence, one as an aria-label — and not the same words inside user content.
        await page.evaluate(() => {
          const main = document.querySelector('main')!;
          main.insertAdjacentHTML(
            'beforeend',
            '<button>Clear outputs</button><p>これは Could not read it: x です</p><span aria-label="Delete ' +
              'notebook">×</span><p data-user-content>Run all</p>',
          );
        });
        const leaks = englishLeaks(await pageTexts(page), fragments).map((l) => l.text);
        expect(leaks).toEqual(['Clear outputs', 'これは Could not read it: x です', 'Delete notebook']);
      }
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('a Japanese browser opens the Japanese walkthrough; Settings switches language without a reload', async () => {
    const context = await app.browser().newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(app.url('notebook'));
    await expect.poll(() => page.locator('h1#page-title').textContent()).toBe('MLflow ウォークスルー');
    await page.getByRole('toolbar', { name: 'ノートブック' }).getByRole('button', { name: 'すべて実行' }).waitFor();
    await page.goto(app.url('settings'));
    await page.getByLabel('表示言語').selectOption('en');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await page.getByRole('link', { name: 'Experiments' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await context.close();
  });
});

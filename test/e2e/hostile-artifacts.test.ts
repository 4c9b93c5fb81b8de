// Content that must not run as the app or call out on its own, in Chromium: an SVG artifact with a
// script, opened in a new tab from its preview; the app's Content-Security-Policy (and the app passing
// it: a tour through every page, a cell run, Monaco and the kernel, with no violation); remote images
// in markdown and HTML outputs, fetched only when the user clicks.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp, withoutRefusedInlineHandlers } from './page';
import { newNotebook, output, runInto } from './notebook-driver';
import { expectKept, storedRecords } from './stored';

const app = useApp();

/** A server that counts the requests an image on it gets (a tracking pixel). */
let pixel: Server;
let pixelUrl: string;
const pixelHits: string[] = [];
beforeAll(async () => {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
    'base64',
  );
  pixel = createServer((req, res) => {
    pixelHits.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'image/png', 'Cross-Origin-Resource-Policy': 'cross-origin' });
    res.end(png);
  });
  await new Promise<void>((resolve) => pixel.listen(0, '127.0.0.1', resolve));
  pixelUrl = `http://127.0.0.1:${(pixel.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => pixel.close(resolve));
});

/** Collects the page's CSP violations from the start of every document it loads (this one reloaded). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = ((globalThis as { __cspViolations?: string[] }).__cspViolations = []);
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  await page.reload();
  return () =>
    page.evaluate(() => {
      const seen = (globalThis as { __cspViolations?: string[] }).__cspViolations;
      if (!seen) throw new Error('not watching this document');
      return seen;
    });
}

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" onload="document.title += ' onload'">
<script>document.title = 'ran in ' + origin;
indexedDB.databases().then((d) => { document.title += ' reads ' + d.map((x) => x.name).join(','); });</script>
<rect width="40" height="40" fill="teal"/></svg>`;

describe('an SVG artifact', () => {
  it('opened in a new tab from its preview runs no script and reaches none of the app’s data', async () => {
    const { page, context, errors } = await app.open('experiments');
    const runId = (await page.evaluate(`(async () => {
      const { mlflow } = await globalThis.kiroku;
      await mlflow.setExperiment('figures');
      return mlflow.startRun({ runName: 'with svg' }, async (run) => {
        await mlflow.logArtifact(new Blob([${JSON.stringify(SVG)}], { type: 'image/svg+xml' }), 'plots/evil.svg');
        return run.info.runId;
      });
    })()`)) as string;
    const before = await storedRecords(page);
    const experimentId = (await page.evaluate(
      `globalThis.kiroku.then(({ mlflow }) => mlflow.getRun(${JSON.stringify(runId)})).then((r) => ` +
        `r.info.experimentId)`,
    )) as string;
    await page.goto(app.url(`experiments/${experimentId}/runs/${runId}/artifacts?path=plots%2Fevil.svg`));
    const img = page.getByRole('img', { name: 'Image artifact plots/evil.svg' });
    await img.waitFor();
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(40);
    const src = (await img.getAttribute('src'))!;

    // "Open image in new tab".
    const tab = await context.newPage();
    await tab.goto(src);
    await tab.locator('rect').waitFor({ state: 'attached' });
    expect(await tab.title()).toBe('');
    expect(await tab.evaluate(() => origin)).toBe('null'); // an opaque origin: no IndexedDB of the app's
    expect(
      await tab.evaluate(() =>
        indexedDB.databases().then(
          () => 'readable',
          (e: Error) => e.name,
        ),
      ),
    ).toBe('SecurityError');

    // Its download is an attachment: the browser saves it, whatever its type.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download plots/evil.svg' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('evil.svg');
    expectKept(before, await storedRecords(page));
    expect(withoutRefusedInlineHandlers(errors)).toEqual([]); // the SVG's handler, dropped by DOMPurify
    await context.close();
  });
});

describe('the Content-Security-Policy', () => {
  it('is in the built page, refuses inline script and handlers, and the app passes it everywhere', async () => {
    const { page, context, errors } = await app.open('notebook');
    const violations = await watchViolations(page);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("object-src 'none'");

    // A cell runs (Monaco, the kernel worker, its eval and TensorFlow.js), and a run is logged.
    await newNotebook(page);
    await runInto(
      page,
      1,
      [
        "await mlflow.setExperiment('csp');",
        "await mlflow.startRun({ runName: 'under csp' }, async () => { await mlflow.logMetric('m', 1); await " +
          "mlflow.logText('<b>x</b>', 'a.html'); });",
        'const t = tf.tensor([1, 2, 3]).sum().dataSync()[0];',
        "display({ type: 'line', x: { values: [1, 2, 3] }, series: [{ name: 'y', values: [3, 1, 2] }] });",
        't',
      ].join('\n'),
    );
    await expect.poll(() => output(page, 1).innerText(), { timeout: 90_000 }).toContain('6');
    await output(page, 1)
      .getByRole('img', { name: /line chart/ })
      .waitFor();
    // Every page, and a run's artifacts (an HTML preview in its sandboxed frame).
    for (const name of ['Experiments', 'Models', 'Predict', 'Notebook']) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
      await page.locator('main h1').first().waitFor();
    }
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notebook' }).click();
    await output(page, 1).getByRole('link', { name: 'under csp' }).click();
    await page.getByRole('heading', { level: 1, name: 'under csp' }).waitFor();
    await page.getByRole('navigation', { name: 'Run sections' }).getByRole('link', { name: 'Artifacts' }).click();
    await page
      .getByRole('navigation', { name: 'Artifact files' })
      .getByRole('link', { name: /^a\.html/ })
      .click();
    await page.locator('iframe[title="HTML artifact a.html"]').waitFor();
    expect(await page.frameLocator('iframe[title="HTML artifact a.html"]').locator('b').innerText()).toBe('x');
    expect(await violations()).toEqual([]);

    // What the policy is for: script that is not the app's does not run. (The test driver's own
    // evaluation is exempt from the policy, so eval cannot be tried from here: the policy above has no
    // 'unsafe-eval'.)
    expect(csp).not.toContain("'unsafe-eval'");
    const ran = await page.evaluate(async () => {
      const inline = document.createElement('script');
      inline.textContent = 'window.__inlineRan = true';
      document.body.append(inline);
      const img = Object.assign(document.createElement('img'), { src: 'data:,', alt: '' });
      img.setAttribute('onerror', 'window.__handlerRan = true');
      document.body.append(img);
      await new Promise((r) => setTimeout(r, 100));
      const w = window as { __inlineRan?: boolean; __handlerRan?: boolean };
      return { inline: w.__inlineRan ?? false, handler: w.__handlerRan ?? false };
    });
    expect(ran).toEqual({ inline: false, handler: false });
    // (each refused once per policy: the <meta> and, from this server, the header)
    await expect
      .poll(async () => [...new Set((await violations()).map((v) => v.split(' ')[0]))].sort())
      .toEqual(['script-src-attr', 'script-src-elem']);
    expect(errors.filter((e) => !/Content Security Policy/.test(e))).toEqual([]);
    await context.close();
  });
});

describe('remote images', () => {
  it('in markdown and HTML outputs load only when clicked', async () => {
    const { page, context, errors } = await app.open('notebook');
    await page.getByRole('heading', { level: 1, name: 'MLflow walkthrough' }).waitFor();
    const before = await storedRecords(page);
    await newNotebook(page);
    pixelHits.length = 0;
    await runInto(
      page,
      1,
      `display(html('<p>chart:</p><img src="${pixelUrl}/from-html.png" alt="from ` +
        `html">'));\ndisplay(markdown('![from markdown](${pixelUrl}/from-markdown.png)'))`,
    );
    const load = output(page, 1).getByRole('button', {
      name: `Load image “from markdown” from ${new URL(pixelUrl).host}`,
    });
    await load.waitFor({ timeout: 60_000 });
    await output(page, 1)
      .getByRole('button', { name: `Load image “from html” from ${new URL(pixelUrl).host}` })
      .waitFor();
    await page.waitForLoadState('networkidle');
    expect(pixelHits).toEqual([]);

    await load.click();
    const shown = output(page, 1).getByRole('img', { name: 'from markdown' });
    await expect.poll(() => shown.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(1);
    expect(pixelHits).toEqual(['/from-markdown.png']);
    expectKept(before, await storedRecords(page));
    expect(errors).toEqual([]);
    await context.close();
  });
});

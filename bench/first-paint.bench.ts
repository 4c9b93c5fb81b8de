// Time from navigation to a read-only view of the notebook (its cells' code shown), to an editable
// notebook cell (a cell's code in a textarea that takes typing: the editor's stand-in, whose text goes
// over to Monaco, or Monaco's own) and to Monaco's editor, in the built app, beside a bare Vite page (one
// script that adds a textarea) served the same way and measured in the same run: the difference is
// what Kiroku costs. Each sample is a fresh browser context (cold HTTP cache, empty IndexedDB, so a
// first visit that seeds the walkthrough notebook; service workers blocked so the precache download
// does not compete), then a reload in that context (warm HTTP cache). Medians of the samples.
import { preview, type PreviewServer } from 'vite';
import { launchChromium } from '../test/e2e/chromium';
import { report, round } from './report';
import { ROOT, buildApp, buildBarePage } from './build-temp';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 5);
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'credentialless' };

const [appDir, bareDir] = [await buildApp(), await buildBarePage()];
const servers: PreviewServer[] = [];
/** The app with the project's config (its headers and base); the bare page with none. */
async function serve(outDir: string, projectConfig: boolean): Promise<string> {
  const server = await preview({
    root: projectConfig ? ROOT : outDir,
    ...(projectConfig ? {} : { configFile: false as const }),
    logLevel: 'error',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false, headers: isolation },
  });
  servers.push(server);
  return server.resolvedUrls!.local[0]!;
}
const appUrl = await serve(appDir, true);
const bareUrl = await serve(bareDir, false);

// Records when each selector first matches, from inside the page (no polling latency from the driver).
const watch = (selectors: Record<string, string>) => `
  (() => {
    const marks = (window.__marks = {});
    const mark = () => {
      for (const [name, sel] of Object.entries(${JSON.stringify(selectors)}))
        if (!marks[name] && document.querySelector(sel)) marks[name] = performance.now();
    };
    new MutationObserver(mark).observe(document, { childList: true, subtree: true });
  })();`;

const browser = await launchChromium();
type Sample = { readOnlyMs: number; editableMs: number; monacoMs: number; fcpMs: number | null };
/** `readOnly`, `editable` and `monaco` are the selectors of the three moments (the same one for the bare page). */
async function measure(
  url: string,
  selectors: { readOnly: string; editable: string; monaco: string },
): Promise<{ cold: Sample[]; warm: Sample[] }> {
  const cold: Sample[] = [],
    warm: Sample[] = [];
  // One extra sample first, dropped: it pays for Chromium's own warm-up.
  for (let i = -1; i < SAMPLES; i++) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.addInitScript(watch(selectors));
    const page = await context.newPage();
    const once = async (go: () => Promise<unknown>): Promise<Sample> => {
      await go();
      await page.waitForFunction(
        () => Object.keys((window as unknown as { __marks: Record<string, number> }).__marks).length === 3,
        undefined,
        { timeout: 60_000, polling: 50 },
      );
      return page.evaluate(() => {
        const marks = (window as unknown as { __marks: Record<string, number> }).__marks;
        return {
          readOnlyMs: marks.readOnly!,
          editableMs: marks.editable!,
          monacoMs: marks.monaco!,
          fcpMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
        };
      });
    };
    const first = await once(() => page.goto(url));
    const again = await once(() => page.reload());
    if (i >= 0) {
      cold.push(first);
      warm.push(again);
    }
    await context.close();
  }
  return { cold, warm };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return round(s[Math.floor(s.length / 2)]!, 1);
};
try {
  // The bare page first (it also warms Chromium up), then the app.
  const bare = await measure(bareUrl, {
    readOnly: 'textarea.cell',
    editable: 'textarea.cell',
    monaco: 'textarea.cell',
  });
  const app = await measure(`${appUrl}#/notebook`, {
    readOnly: '.cell-editor .code-static, .cell-editor .monaco-editor',
    editable: '.cell-editor textarea.code-static:not([readonly]), .cell-editor .monaco-editor textarea',
    monaco: '.cell-editor .monaco-editor textarea',
  });
  for (const [visit, key] of [
    ['first visit', 'cold'],
    ['reload', 'warm'],
  ] as const) {
    const a = app[key],
      b = bare[key];
    const ro = median(a.map((s) => s.readOnlyMs));
    const ed = median(a.map((s) => s.editableMs));
    const monaco = median(a.map((s) => s.monacoMs));
    const bareMs = median(b.map((s) => s.editableMs));
    report({
      bench: 'first-paint',
      visit,
      samples: SAMPLES,
      appReadOnlyViewMs: ro,
      appEditableCellMs: ed,
      bareViteEditableMs: bareMs,
      readOnlyRatio: round(ro / bareMs, 2),
      readOnlyGoal: '<= 1.5',
      editableRatio: round(ed / bareMs, 2),
      editableGoal: '<= 3',
      appMonacoEditorMs: monaco,
      monacoRatio: round(monaco / bareMs, 2),
      appFirstContentfulPaintMs: median(a.map((s) => s.fcpMs ?? NaN)),
      bareViteFirstContentfulPaintMs: median(b.map((s) => s.fcpMs ?? NaN)),
    });
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}

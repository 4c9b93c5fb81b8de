// Time from navigation to a view of the notebook (its cells' code shown), to an editable notebook cell (a cell's code
// in a textarea that takes typing, whose text goes over to what replaces it: the prerendered walkthrough's on a first
// visit, ui/prerendered.ts; else the app's stand-in for the editor, or Monaco's own), to the app's own view (its
// stand-ins: the notebook stored and its kernel on the way) and to Monaco's editor, in the built app, beside a bare
// Vite page (one script that adds a textarea) served the same way and measured in the same run: the difference is what
// Kiroku costs. A moment counts when its element is in the page and shown (the prerendered view is in every page's
// HTML, shown only when the boot script says so); first-contentful-paint says when the first of it was painted. Each
// sample is a fresh browser context (cold HTTP cache, empty IndexedDB, so a first visit that seeds the walkthrough
// notebook; service workers blocked so the precache download does not compete), then a reload in that context (warm
// HTTP cache). Medians of 9 samples (BENCH_SAMPLES), the two pages measured in turns.
import { preview, type PreviewServer } from 'vite';
import { launchChromium } from '../test/e2e/chromium';
import { report, round } from './report';
import { ROOT, buildApp, buildBarePage } from './build-temp';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 9);
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
type Sample = { readOnlyMs: number; editableMs: number; appMs: number; monacoMs: number; fcpMs: number | null };
type Selectors = { readOnly: string; editable: string; app: string; monaco: string };
/** One sample of a page: a first visit in a fresh context, then a reload in it. */
async function sample(url: string, selectors: Selectors): Promise<{ cold: Sample; warm: Sample }> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript(watch(selectors));
  const page = await context.newPage();
  const once = async (go: () => Promise<unknown>): Promise<Sample> => {
    await go();
    await page.waitForFunction(
      () => Object.keys((window as unknown as { __marks: Record<string, number> }).__marks).length === 4,
      undefined,
      { timeout: 60_000, polling: 50 },
    );
    return page.evaluate(() => {
      const marks = (window as unknown as { __marks: Record<string, number> }).__marks;
      return {
        readOnlyMs: marks.readOnly!,
        editableMs: marks.editable!,
        appMs: marks.app!,
        monacoMs: marks.monaco!,
        fcpMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      };
    });
  };
  const cold = await once(() => page.goto(url));
  const warm = await once(() => page.reload());
  await context.close();
  return { cold, warm };
}

/**
 * The samples of each page, taken in turns (bare, app, bare, app…) so that a change in the machine's load
 * during the run weighs on both alike. One extra round first, dropped: it pays for Chromium's warm-up.
 */
async function measure(pages: Record<'bare' | 'app', { url: string; selectors: Selectors }>) {
  const out = {
    bare: { cold: [] as Sample[], warm: [] as Sample[] },
    app: { cold: [] as Sample[], warm: [] as Sample[] },
  };
  for (let i = -1; i < SAMPLES; i++)
    for (const name of ['bare', 'app'] as const) {
      const { cold, warm } = await sample(pages[name].url, pages[name].selectors);
      if (i < 0) continue;
      out[name].cold.push(cold);
      out[name].warm.push(warm);
    }
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return round(s[Math.floor(s.length / 2)]!, 1);
};
try {
  const bareTextarea = 'textarea.cell';
  const prerendered = 'html[data-prerendered] #prerendered-view .cell-editor';
  const { bare, app } = await measure({
    bare: {
      url: bareUrl,
      selectors: { readOnly: bareTextarea, editable: bareTextarea, app: bareTextarea, monaco: bareTextarea },
    },
    app: {
      url: `${appUrl}#/notebook`,
      selectors: {
        readOnly: `${prerendered} .code-static, #app .cell-editor .code-static, #app .cell-editor .monaco-editor`,
        editable:
          `${prerendered} textarea:not([readonly]), #app .cell-editor textarea.code-static:not([readonly]), ` +
          '#app .cell-editor .monaco-editor textarea',
        app: '#app .cell-editor textarea',
        monaco: '#app .cell-editor .monaco-editor textarea',
      },
    },
  });
  for (const [visit, key] of [
    ['first visit', 'cold'],
    ['reload', 'warm'],
  ] as const) {
    const a = app[key],
      b = bare[key];
    const ro = median(a.map((s) => s.readOnlyMs));
    const ed = median(a.map((s) => s.editableMs));
    const own = median(a.map((s) => s.appMs));
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
      appOwnViewMs: own,
      appOwnViewRatio: round(own / bareMs, 2),
      appMonacoEditorMs: monaco,
      monacoRatio: round(monaco / bareMs, 2),
      appFirstContentfulPaintMs: median(a.map((s) => s.fcpMs ?? NaN)),
      bareViteFirstContentfulPaintMs: median(b.map((s) => s.fcpMs ?? NaN)),
      firstContentfulPaintRatio: round(median(a.map((s) => s.fcpMs ?? NaN)) / median(b.map((s) => s.fcpMs ?? NaN)), 2),
    });
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}

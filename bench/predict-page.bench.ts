// The Predict page on a 1,000,000-row × 11 CSV in Chromium, and predictBatch on 1M rows, for this
// checkout and for a baseline (BENCH_BASELINE, default `main`) built from a temporary git worktree and
// measured in the same run, the two apps alternating.
//
// Page: a fitted ElasticNet is logged through the console API (`kiroku`), the Predict page opens on
// its runs:/ URI, the CSV (~55 MB, made in the page as a File) is dropped on the drop zone, Predict is
// clicked as soon as the schema check allows it, then Download. Times are read inside the page (from
// the drop) — to the schema check, to the first rows of results, to the
// download's link click — and every long task (> 50 ms, PerformanceObserver 'longtask') in between is
// recorded: the longest says how long the page was frozen at once.
//
// predictBatch: the same model on a 1M × 11 Matrix, `model.predict` on the page against predictBatch
// with 0, 1 and navigator.hardwareConcurrency workers (medians of 5, taken in turn, on the Models page,
// after a warm-up that starts the pool).
//
//   npm run bench -- predict-page          (BENCH_SAMPLES=3 for more samples per app; BENCH_BASELINE=none
//                                           for this checkout alone)
import { join } from 'node:path';
import { preview, type PreviewServer } from 'vite';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/e2e/chromium';
import { report, round } from './report';
import { ROOT, buildApp, buildAppAt, checkoutBaseline } from './build-temp';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 1);
const FEATURES = [
  'fixed acidity',
  'volatile acidity',
  'citric acid',
  'residual sugar',
  'chlorides',
  'free sulfur dioxide',
  'total sulfur dioxide',
  'density',
  'pH',
  'sulphates',
  'alcohol',
];

/**
 * Wine-like rows as a File in the page (each column on its own scale, 0–4 decimals, the sulfur
 * dioxide columns whole numbers), ready to be dropped: ~55 MB for 1M rows. Built in the page, so the
 * drop measures the page's own work rather than the test driver's file upload.
 */
function makeFileInPage(rows: number): string {
  return `(() => {
    let seed = 12;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const scale = [8, 0.5, 0.3, 2.5, 0.08, 15, 46, 0.997, 3.3, 0.65, 10.4];
    const digits = [2, 2, 2, 2, 3, 0, 0, 4, 2, 2, 1];
    const parts = [${JSON.stringify(FEATURES.join(',') + '\n')}];
    let chunk = '';
    for (let i = 0; i < ${rows}; i++) {
      let line = '';
      for (let j = 0; j < 11; j++) line += (j ? ',' : '') + (scale[j] * (0.6 + 0.8 * rand())).toFixed(digits[j]);
      chunk += line + '\\n';
      if (chunk.length > 1 << 20) { parts.push(chunk); chunk = ''; }
    }
    parts.push(chunk);
    window.__file = new File(parts, 'wine-1m.csv', { type: 'text/csv' });
    return window.__file.size;
  })()`;
}

const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'credentialless' };
const servers: PreviewServer[] = [];
async function serve(root: string, outDir: string): Promise<string> {
  const server = await preview({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false, headers: isolation },
  });
  servers.push(server);
  return server.resolvedUrls!.local[0]!;
}

/** Log a fitted ElasticNet over the eleven columns through the console API; its run id. */
async function logModel(page: Page): Promise<string> {
  return page.evaluate(async (features) => {
    const k = await (globalThis as unknown as { kiroku: Promise<Record<string, any>> }).kiroku;
    const { mlflow, ElasticNet } = k;
    const records = Array.from({ length: 2000 }, (_, i) =>
      Object.fromEntries(features.map((f, j) => [f, ((i * (j + 3)) % 97) / 10 + 0.5])),
    );
    const y = records.map((r) => features.reduce((s, f, j) => s + (r[f] as number) * ((j % 3) - 1), 0));
    // Fitted on a named Matrix: the one table-like input both this code and older builds take.
    const n = records.length;
    const data = new Float64Array(n * features.length);
    features.forEach((f: string, j: number) =>
      records.forEach((r: any, i: number) => (data[j * n + i] = r[f] as number)),
    );
    const X = { data, rows: n, cols: features.length, columns: features };
    const model = new ElasticNet({ alpha: 0.01 }).fit(X, y);
    const run = await mlflow.startRun({ runName: 'bench' });
    await mlflow.logModel(model, 'model', { signature: mlflow.inferSignature(records, model.predict(X)) });
    await mlflow.endRun();
    return run.info.runId as string;
  }, FEATURES);
}

const WATCH = `
  window.__t = {};
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask' });
  document.addEventListener('click', (e) => {
    const label = e.target.textContent;
    if (label === 'Predict') window.__t.predictClick ??= performance.now();
    if (label && label.startsWith('Download predictions')) window.__t.downloadClick ??= performance.now();
  }, true);
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.download) window.__t.download ??= performance.now();
    return click.call(this);
  };
  new MutationObserver(() => {
    const t = window.__t;
    if (t.drop === undefined) return;
    const predict = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Predict');
    if (predict && !predict.disabled) t.checked ??= performance.now();
    const firstRow = document.querySelector('[aria-label="Predictions beside the inputs"] tbody tr');
    if (firstRow) t.firstRows ??= performance.now();
    const buttons = [...document.querySelectorAll('button')];
    const download = buttons.find((b) => b.textContent.startsWith('Download predictions'));
    if (download && !download.disabled) t.predicted ??= performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true });
`;

async function predictPage(page: Page, url: string): Promise<Record<string, number>> {
  const runId = await logModel(page);
  await page.goto(`${url}#/predict?model=${encodeURIComponent(`runs:/${runId}/model`)}`);
  await page
    .getByRole('status')
    .getByText(/Loaded runs:/)
    .waitFor({ timeout: 60_000 });
  const bytes = (await page.evaluate(makeFileInPage(ROWS))) as number;
  await page.evaluate(WATCH);
  // Drop it on the drop zone, as a user drags a file from the desktop.
  await page.evaluate(() => {
    const w = window as unknown as { __file: File; __t: Record<string, number> };
    const dt = new DataTransfer();
    dt.items.add(w.__file);
    w.__t.drop = performance.now();
    document
      .querySelector('.drop-zone')!
      .dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  const predict = page.getByRole('region', { name: '3. Schema check' }).getByRole('button', { name: 'Predict' });
  await predict.waitFor({ timeout: 600_000 });
  await page.waitForFunction(() => (window as unknown as { __t: { checked?: number } }).__t.checked, undefined, {
    timeout: 600_000,
    polling: 100,
  });
  // a page that freezes (the baseline on a busy machine) takes its time to take the click
  await predict.click({ timeout: 600_000 });
  const download = page
    .getByRole('region', { name: '4. Predictions' })
    .getByRole('button', { name: 'Download predictions (CSV)' });
  await download.waitFor({ timeout: 600_000 });
  await page.waitForFunction(
    () =>
      !(
        [...document.querySelectorAll('button')].find((b) =>
          b.textContent?.startsWith('Download predictions'),
        ) as HTMLButtonElement
      ).disabled,
    undefined,
    { timeout: 600_000, polling: 100 },
  );
  const saved = page.waitForEvent('download', { timeout: 600_000 });
  await download.click({ timeout: 600_000 });
  await saved;
  const { t, longTasks } = await page.evaluate(() => {
    const w = window as unknown as { __t: Record<string, number>; __longTasks: Array<{ start: number; ms: number }> };
    return { t: w.__t, longTasks: w.__longTasks };
  });
  const during = longTasks.filter((l) => l.start >= t.drop! - 1);
  // The longest task of each phase: reading and checking the file, predicting, writing the download.
  const longest = (from: number, to: number) =>
    round(Math.max(0, ...during.filter((l) => l.start >= from - 1 && l.start < to).map((l) => l.ms)), 0);
  return {
    megabytes: round(bytes / 2 ** 20, 1),
    dropToCheckMs: round(t.checked! - t.drop!, 0),
    dropToFirstRowsMs: round(t.firstRows! - t.drop!, 0),
    predictClickToFirstRowsMs: round(t.firstRows! - t.predictClick!, 0),
    dropToDownloadMs: round(t.download! - t.drop!, 0),
    longestTaskMs: round(Math.max(0, ...during.map((l) => l.ms)), 0),
    longestTaskReadingMs: longest(t.drop!, t.checked!),
    longestTaskPredictingMs: longest(t.predictClick!, t.predicted!),
    longestTaskWritingMs: longest(t.downloadClick!, Infinity),
    longTasks: during.length,
    totalBlockingMs: round(
      during.reduce((s, l) => s + Math.max(0, l.ms - 50), 0),
      0,
    ),
  };
}

/** Timings of model.predict and predictBatch in the page, as source text (the page evaluates it as written). */
function batchInPage(rows: number): string {
  return `(async () => {
    const { ElasticNet, predictBatch } = await globalThis.kiroku;
    const rows = ${rows};
    const cols = 11;
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.37) * 3;
    const X = { data, rows, cols, columns: Array.from({ length: cols }, (_, j) => 'x' + j) };
    const fitRows = Array.from({ length: 2000 }, (_, i) => Array.from({ length: cols }, (_, j) => data[j * rows + i]));
    const fitY = fitRows.map((r) => r.reduce((a, b, j) => a + b * (j + 1), 0));
    const model = new ElasticNet({ alpha: 0.01 }).fit(fitRows, fitY);
    // Each repetition times every variant once, in turn, so a pause of the page or the machine falls on
    // all of them alike; the median of the repetitions counts.
    const n = navigator.hardwareConcurrency || 2;
    const variants = {
      predictOnPageMs: () => model.predict(X),
      predictBatchWorkers0Ms: () => predictBatch(model, X, { workers: 0 }),
      predictBatchWorkers1Ms: () => predictBatch(model, X, { workers: 1 }),
      predictBatchWorkersNMs: () => predictBatch(model, X, { workers: n }),
    };
    model.predict(X); // warm-up
    await predictBatch(model, X, { workers: n }); // start the pool once, as a page's first batch does
    const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
    for (let r = 0; r < 5; r++) {
      for (const [k, fn] of Object.entries(variants)) {
        const t = performance.now();
        await fn();
        times[k].push(performance.now() - t);
      }
    }
    const median = (xs) => Math.round(xs.sort((a, b) => a - b)[2]);
    return { hardwareConcurrency: n, ...Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, median(xs)])) };
  })()`;
}

async function batch(page: Page, rows: number): Promise<Record<string, number>> {
  return (await page.evaluate(batchInPage(rows))) as Record<string, number>;
}

// BENCH_BASELINE=none measures this checkout alone (to look into one figure quickly).
const base = process.env.BENCH_BASELINE === 'none' ? null : checkoutBaseline();
try {
  const apps = [{ name: 'this checkout', url: await serve(ROOT, await buildApp()) }];
  if (base)
    apps.push({
      name: `baseline ${base.ref} (${base.commit})`,
      url: await serve(base.root, await buildAppAt(base.root)),
    });
  const browser = await launchChromium();
  try {
    for (let s = 0; s < SAMPLES; s++) {
      for (const app of s % 2 ? [...apps].reverse() : apps) {
        const context = await browser.newContext({ serviceWorkers: 'block', acceptDownloads: true });
        const page = await context.newPage();
        await page.goto(`${app.url}#/notebook`);
        report({
          bench: 'predict-page',
          app: app.name,
          rows: ROWS,
          cols: FEATURES.length,
          ...(await predictPage(page, app.url)),
        });
        await context.close();
      }
    }
    for (const app of apps) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      // The Models page: no editors are loading there, whose tasks would run whenever predictBatch gives
      // the event loop a turn and be counted as its time (model.predict, one long task, never yields).
      await page.goto(`${app.url}#/models`);
      await page.getByRole('heading', { name: 'Models' }).first().waitFor();
      report({ bench: 'predictBatch', app: app.name, rows: ROWS, cols: 11, ...(await batch(page, ROWS)) });
      await context.close();
    }
  } finally {
    await browser.close();
  }
} finally {
  await Promise.all(servers.map((s) => s.close()));
  base?.dispose();
}

// Out of space, fixed as the message says (issue 15, item 9), on a real full disk: Chromium runs with
// its profile on a 64 MB tmpfs (CDP's quota override does nothing in this Chromium), filled until even
// a 64-byte write is refused. Then deleting a run and ending one still work (the reserve), a reload
// finds no run left RUNNING, an artifact is deleted from its run's page, "Permanently delete deleted runs" frees the
// space, and logging works again — and the run stored before it all is unchanged.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';

let dir = '';
let context: BrowserContext;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiroku-full-disk-'));
  // Needs root (as `npm test` runs here and in CI): a filesystem of its own that fills up.
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', dir]);
  context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
});

afterAll(async () => {
  await context?.close();
  if (dir) {
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

function inPage<T>(page: Page, body: string): Promise<T> {
  return page.evaluate(
    `(async () => { const k = await globalThis.kiroku; const { mlflow } = k; ${body} })()`,
  ) as Promise<T>;
}

/** Fill the disk from the page: large values, then smaller, until a 64-byte write is refused too. */
const FILL = `
  const db = await new Promise((res, rej) => {
    const q = indexedDB.open('filler', 1);
    q.onupgradeneeded = () => q.result.createObjectStore('s');
    q.onsuccess = () => res(q.result);
    q.onerror = () => rej(q.error);
  });
  const put = (k, v) => new Promise((res) => {
    const tx = db.transaction('s', 'readwrite');
    tx.objectStore('s').put(v, k);
    tx.oncomplete = () => res(true);
    tx.onabort = () => res(false);
  });
  let n = 0;
  for (const size of [2 << 20, 256 << 10, 16 << 10, 1024, 64]) {
    const bytes = new Uint8Array(size);
    for (let at = 0; at < size; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
    while (n < 5000 && await put('f' + n++, bytes.slice().buffer)) {}
  }
  db.close();
  return n;
`;

describe('a full disk', () => {
  it('still deletes and ends runs, leaves none RUNNING after a reload, and frees space with mlflow gc', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${inject('baseUrl')}#/settings`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const ids = await inPage<{ kept: string; doomed: string; live: string; extra: string; exp: string }>(
      page,
      `
      await mlflow.setExperiment('disk');
      const kept = await mlflow.startRun({ runName: 'kept' }, async (run) => {
        await mlflow.logParams({ alpha: 0.5 });
        for (let i = 0; i < 500; i++) mlflow.logMetric('loss', 1 / (i + 1), { step: i });
        await mlflow.logText('stored before', 'notes.txt');
        return run.info.runId;
      });
      const doomed = await mlflow.startRun({ runName: 'doomed' }, async (run) => {
        await mlflow.logArtifact(new Blob([new Uint8Array(12 << 20).fill(7)]), 'weights.bin');
        return run.info.runId;
      });
      const extra = await mlflow.startRun({ runName: 'extra' }, async (run) => {
        await mlflow.logArtifact(new Blob([new Uint8Array(8 << 20).fill(3)]), 'big.bin');
        return run.info.runId;
      });
      const live = (await mlflow.startRun({ runName: 'live' })).info.runId;
      await mlflow.logMetric('x', 1);
      await mlflow.flush();
      return { kept, doomed, live, extra, exp: (await mlflow.getExperimentByName('disk')).experimentId };
    `,
    );
    const before = await inPage<unknown>(
      page,
      `
      const run = await mlflow.getRun('${ids.kept}');
      return { run, loss: await mlflow.getMetricHistory('${ids.kept}', 'loss'), notes: await (await ` +
        `mlflow.getArtifact('${ids.kept}', 'notes.txt')).text() };
    `,
    );
    expect(await inPage<number>(page, FILL)).toBeGreaterThan(5);

    const full = await inPage<Record<string, unknown>>(
      page,
      `
      const out = {};
      // The disk is full: an ordinary write is refused with the message that says what to do.
      try {
        await mlflow.client().setTag('${ids.kept}', 'more', 'x');
        out.tag = 'written';
      } catch (e) {
        out.tag = e.code;
      }
      try {
        await mlflow.client().deleteRun('${ids.doomed}');
        out.deleted = 'ok';
      } catch (e) {
        out.deleted = e.message;
      }
      try { await mlflow.endRun(); out.ended = 'ok'; } catch (e) { out.ended = e.message; }
      return out;
    `,
    );
    expect(full).toEqual({ tag: 'QUOTA_EXCEEDED', deleted: 'ok', ended: 'ok' });
    await page.getByRole('alert').filter({ hasText: 'The disk is full' }).waitFor();

    // An artifact is deleted from its run's Artifacts tab, on the full disk.
    await page.goto(`${inject('baseUrl')}#/experiments/${ids.exp}/runs/${ids.extra}/artifacts?path=big.bin`);
    await page.getByRole('button', { name: 'Delete big.bin…' }).click();
    await page
      .getByRole('dialog', { name: 'Delete artifact' })
      .getByRole('button', { name: 'Delete', exact: true })
      .click();
    await page.getByText('This run has no artifacts.').waitFor();

    await page.goto(`${inject('baseUrl')}#/settings`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const statuses = await inPage<Record<string, string>>(
      page,
      `
      await mlflow.client().recoverOrphanedRuns();
      const runs = await mlflow.searchRuns({ experimentNames: ['disk'], runViewType: 'ALL' });
      return Object.fromEntries(runs.map((r) => [r.info.runName, r.info.status + '/' + r.info.lifecycleStage]));
    `,
    );
    expect(statuses).toEqual({
      kept: 'FINISHED/active',
      doomed: 'FINISHED/deleted',
      live: 'FINISHED/active',
      extra: 'FINISHED/active',
    });

    // Settings → Storage shows what uses the space and frees the deleted run's 12 MB for good.
    await page
      .getByRole('table', { name: 'Largest runs' })
      .getByRole('row', { name: /doomed \(deleted\)/ })
      .waitFor();
    await page.getByRole('button', { name: 'Permanently delete deleted runs…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Permanently delete deleted runs?' });
    await dialog.getByRole('button', { name: 'Delete for good' }).click();
    await page.getByRole('status').filter({ hasText: 'Permanently deleted 1 run, freeing about 13 MB.' }).waitFor();

    const after = await inPage<Record<string, unknown>>(
      page,
      `
      const fresh = await mlflow.startRun({ runName: 'after' }, async (run) => {
        for (let i = 0; i < 100; i++) mlflow.logMetric('loss', i, { step: i });
        return run.info.runId;
      });
      const run = await mlflow.getRun('${ids.kept}');
      let doomed = 'exists';
      try { await mlflow.getRun('${ids.doomed}'); } catch (e) { doomed = e.code; }
      return {
        kept: { run, loss: await mlflow.getMetricHistory('${ids.kept}', 'loss'), notes: await (await ` +
        `mlflow.getArtifact('${ids.kept}', 'notes.txt')).text() },
        fresh: (await mlflow.getMetricHistory(fresh, 'loss')).length, doomed,
      };
    `,
    );
    expect(after).toEqual({ kept: before, fresh: 100, doomed: 'RESOURCE_DOES_NOT_EXIST' });
    expect(errors).toEqual([]);
  });
});

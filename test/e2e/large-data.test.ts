// Large data in Chromium (issue 15 items 2 and 10, issue 19): a 1 GB artifact is stored and read back;
// a workspace with 500 MB of artifacts goes export → clear → import with the page's JS heap under
// 150 MB; hostile archives and decompression bombs imported through Settings are rejected item by item
// or never inflated, with the memory they cost printed. Nothing stored before is changed.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './page';
import { sampleMemory } from './memory';
import {
  hostileItems,
  hostileRegistry,
  rebuild,
  rebuildReplacing,
  unreferencedBombs,
} from '../workspace/hostile-archives';

const app = useApp();

function inPage<T>(page: Page, body: string, arg?: unknown): Promise<T> {
  return page.evaluate(
    `(async (arg) => { const k = await globalThis.kiroku; const { mlflow } = k; ${body} ` +
      `})(${JSON.stringify(arg ?? null)})`,
  ) as Promise<T>;
}

/** In the page: a Blob of `mb` MiB whose every 32-bit word is its own index plus `seed`, built 8 MiB at a time. */
const PATTERNED = `
  const patterned = (mb, seed) => {
    const parts = [];
    for (let p = 0; p < mb / 8; p++) {
      const w = new Uint32Array(2 << 20);
      const base = p * w.length + seed;
      for (let j = 0; j < w.length; j++) w[j] = base + j;
      parts.push(new Blob([w]));
    }
    return new Blob(parts, { type: 'application/octet-stream' });
  };
  /** Words that are not their index plus seed, read 8 MiB at a time from the stored Blob. */
  const badWords = async (blob, seed) => {
    let bad = 0, index = 0;
    for (let at = 0; at < blob.size; at += 8 << 20) {
      const w = new Uint32Array(await blob.slice(at, at + (8 << 20)).arrayBuffer());
      for (let j = 0; j < w.length; j++, index++) if (w[j] !== ((index + seed) >>> 0)) bad++;
    }
    return bad;
  };
`;

describe('large data in Chromium', () => {
  it('stores a 1 GB artifact and reads it back whole after a reload', async () => {
    const { page, context, errors } = await app.open('settings');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const stop = await sampleMemory(app.browser(), page);
    const runId = await inPage<string>(
      page,
      `${PATTERNED}
      await mlflow.setExperiment('big');
      return mlflow.startRun({ runName: 'gigabyte' }, async (run) => {
        await mlflow.logArtifact(patterned(1024, 0), 'model/weights.bin');
        return run.info.runId;
      });
    `,
    );
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const back = await inPage<{ size: number; listed: unknown; bad: number }>(
      page,
      `${PATTERNED}
      const blob = await mlflow.getArtifact('${runId}', 'model/weights.bin');
      const listed = await mlflow.client().listArtifactFiles('${runId}');
      return { size: blob.size, listed, bad: await badWords(blob, 0) };
    `,
    );
    const peak = await stop();
    console.log(
      `1 GB artifact: JS heap peak ${peak.heapMB} MB (page ${peak.pageHeapMB} MB, workers ${peak.workersHeapMB} ` +
        `MB), renderer RSS peak ${peak.rendererRssMB} MB`,
    );
    expect(back).toEqual({ size: 1 << 30, listed: [{ path: 'model/weights.bin', size: 1 << 30 }], bad: 0 });
    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);

  it('round-trips 500 MB of artifacts through export, clear and import with the page heap under 150 MB', async () => {
    const { page, context, errors } = await app.open('settings');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const runIds = await inPage<string[]>(
      page,
      `${PATTERNED}
      await mlflow.setExperiment('half-gig');
      const ids = [];
      for (let r = 0; r < 10; r++) {
        ids.push(await mlflow.startRun({ runName: 'r' + r }, async (run) => {
          for (let i = 0; i < 200; i++) mlflow.logMetric('loss', r + 1 / (i + 1), { step: i });
          await mlflow.logArtifact(patterned(40, r * 1000), 'model/weights.bin');
          await mlflow.logArtifact(patterned(8, r), 'data/sample.bin');
          return run.info.runId;
        }));
      }
      return ids;
    `,
    );
    const stop = await sampleMemory(app.browser(), page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export workspace' }).click(),
    ]);
    const archive = await download.path();
    await page
      .getByRole('status')
      .filter({ hasText: /Exported .* 10 runs \(20 artifacts\)/ })
      .waitFor({ timeout: 300_000 });
    const exported = await stop();

    await page.getByRole('button', { name: 'Clear all data…' }).click();
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('dialog', { name: 'Clear all data?' }).getByRole('button', { name: 'Delete everything' }).click(),
    ]);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const stopImport = await sampleMemory(app.browser(), page);
    await page.getByLabel('Import workspace').setInputFiles(archive);
    await page.getByRole('table', { name: 'Import summary' }).waitFor({ timeout: 300_000 });
    const imported = await stopImport();
    const figures = (m: typeof exported) =>
      `JS heap peak ${m.heapMB} MB (page ${m.pageHeapMB} MB, workers ${m.workersHeapMB} ` +
      `MB: ${JSON.stringify(m.byWorker)}), renderer RSS ${m.rendererRssMB} MB`;
    console.log(`500 MB workspace: export ${figures(exported)}; import ${figures(imported)}`);

    const back = await inPage<Array<{ n: number; bad: number; size: number }>>(
      page,
      `${PATTERNED}
      return Promise.all(arg.map(async (id, r) => {
        const w = await mlflow.getArtifact(id, 'model/weights.bin');
        const s = await mlflow.getArtifact(id, 'data/sample.bin');
        const n = (await mlflow.getMetricHistory(id, 'loss')).length;
        return { n, bad: (await badWords(w, r * 1000)) + (await badWords(s, r)), size: w.size + s.size };
      }));
    `,
      runIds,
    );
    expect(back).toEqual(runIds.map(() => ({ n: 200, bad: 0, size: 48 << 20 })));
    // The page's heap counts its workers': the archive is written and read in the workspace worker.
    expect(Object.keys(exported.byWorker)).toContain('kiroku-workspace');
    expect(Object.keys(imported.byWorker)).toContain('kiroku-workspace');
    expect(exported.heapMB).toBeLessThan(150);
    expect(imported.heapMB).toBeLessThan(150);
    expect(errors).toEqual([]);
    await context.close();
  }, 900_000);

  it('imports hostile archives in Settings: bad items refused, listed; bombs not inflated; old data kept', async () => {
    const { page, context, errors } = await app.open('settings');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await inPage(
      page,
      `
      await mlflow.setExperiment('earlier');
      await mlflow.startRun({ runName: 'earlier' }, async () => {
        await mlflow.logParams({ alpha: 0.1 });
        for (let i = 0; i < 300; i++) mlflow.logMetric('loss', 1 / (i + 1), { step: i });
        await mlflow.logText('kept', 'notes.txt');
      });
    `,
    );
    const snapshot = () =>
      inPage<unknown>(
        page,
        `
      const runs = await mlflow.searchRuns({ experimentNames: ['earlier'] });
      return Promise.all(runs.map(async (r) => ({
        r,
        loss: await mlflow.getMetricHistory(r.info.runId, 'loss'),
        notes: await (await mlflow.getArtifact(r.info.runId, 'notes.txt')).text(),
      })));
    `,
      );
    const before = await snapshot();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export workspace' }).click(),
    ]);
    const base = new Uint8Array(readFileSync(await download.path()));
    const dir = mkdtempSync(join(tmpdir(), 'kiroku-hostile-'));
    const bombs = unreferencedBombs();
    writeFileSync(join(dir, 'bomb.zip'), rebuild(base, bombs, { unnamed: bombs.map((b) => b.name) }));
    writeFileSync(join(dir, 'hostile.zip'), rebuild(rebuildReplacing(base, hostileRegistry(base)), hostileItems('1')));

    const stop = await sampleMemory(app.browser(), page);
    await page.getByLabel('Import workspace').setInputFiles(join(dir, 'bomb.zip'));
    await page
      .getByText(/4 entries the archive's manifest does not name were not read: “padding\/bomb-0\.bin”/)
      .waitFor({ timeout: 120_000 });
    const bomb = await stop();
    console.log(
      `bomb archive (4 × 1 GiB unnamed): JS heap peak ${bomb.heapMB} MB (page ${bomb.pageHeapMB} MB, ` +
        `workers ${bomb.workersHeapMB} MB), renderer RSS peak ${bomb.rendererRssMB} MB`,
    );
    expect(bomb.rendererRssMB).toBeLessThan(1024);

    await page.getByLabel('Import workspace').setInputFiles(join(dir, 'hostile.zip'));
    const problems = page.getByRole('list', { name: 'Rejected items' });
    await problems.waitFor({ timeout: 60_000 });
    expect(await problems.getByRole('listitem').allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringContaining("Invalid param name: '../../evil'"),
        expect.stringContaining("Invalid artifact path: '../../outside.txt'"),
        expect.stringContaining('Invalid run status: "BOGUS"'),
        expect.stringContaining("Invalid alias name: '../champion'"),
        expect.stringContaining('The run has no info object.'),
      ]),
    );
    expect(await problems.getByRole('listitem').count()).toBe(9);
    expect(await snapshot()).toEqual(before);
    // The Experiments view still reads every experiment (a malformed run used to make one unreadable).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Experiments' }).click();
    await page.getByRole('navigation', { name: 'Experiments' }).getByRole('link', { name: 'earlier' }).click();
    await page.getByRole('row', { name: /earlier/ }).waitFor();
    rmSync(dir, { recursive: true, force: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});

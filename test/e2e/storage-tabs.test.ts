// Several pages at once on one IndexedDB: two tabs logging together keep every run of both; a reload
// during a long autologged network fit leaves its run KILLED with the epochs it had logged.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './page';

const app = useApp();
const WINE = readFileSync(resolve(__dirname, '../../../shared/data/winequality-red.csv'), 'utf8');

function inPage<T>(page: Page, body: string, arg?: unknown): Promise<T> {
  return page.evaluate(
    `(async (arg) => { const k = await globalThis.kiroku; const { mlflow } = k; ${body} ` +
      `})(${JSON.stringify(arg ?? null)})`,
  ) as Promise<T>;
}

describe('two tabs and reloads in Chromium', () => {
  it('two tabs log runs at the same time into one experiment and every run of both is there, whole', async () => {
    const { page: a, context, errors } = await app.open('experiments');
    const b = await context.newPage();
    await b.goto(app.url('experiments'));
    const log = (tab: string) => `
      await mlflow.setExperiment('shared');
      const ids = [];
      for (let r = 0; r < 8; r++) {
        ids.push(await mlflow.startRun({ runName: '${tab}-' + r }, async (run) => {
          await mlflow.logParams({ tab: '${tab}', r });
          for (let i = 0; i < 300; i++) mlflow.logMetric('loss', r + 1 / (i + 1), { step: i });
          await mlflow.logText('${tab} ' + r, 'who.txt');
          return run.info.runId;
        }));
      }
      return ids;
    `;
    const [idsA, idsB] = await Promise.all([inPage<string[]>(a, log('a')), inPage<string[]>(b, log('b'))]);
    for (const page of [a, b]) {
      const seen = await inPage<Array<{ name: string; status: string; n: number; text: string; tab: string }>>(
        page,
        `
        const runs = await mlflow.searchRuns({ experimentNames: ['shared'], orderBy: ['attributes.run_name ASC'] });
        return Promise.all(runs.map(async (r) => ({ name: r.info.runName, status: r.info.status, tab: r.data.params.tab,
          n: (await mlflow.getMetricHistory(r.info.runId, 'loss')).length,
          text: await (await mlflow.getArtifact(r.info.runId, 'who.txt')).text() })));
      `,
      );
      expect(seen.map((r) => r.name)).toEqual([
        ...Array.from({ length: 8 }, (_, i) => `a-${i}`),
        ...Array.from({ length: 8 }, (_, i) => `b-${i}`),
      ]);
      for (const r of seen)
        expect(r).toEqual({
          name: r.name,
          status: 'FINISHED',
          tab: r.name[0],
          n: 300,
          text: `${r.name[0]} ${r.name.slice(2)}`,
        });
    }
    expect(new Set([...idsA, ...idsB]).size).toBe(16);
    // Both tabs' Experiments views list all sixteen runs without a reload.
    for (const page of [a, b]) {
      await page.getByRole('navigation', { name: 'Experiments' }).getByRole('link', { name: 'shared' }).click();
      await expect.poll(() => page.getByRole('row', { name: /\b[ab]-\d\b/ }).count()).toBe(16);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a reload during a long autologged MLPRegressor fit leaves its run KILLED with the epochs it logged', async () => {
    const { page, context } = await app.open('settings');
    await inPage(
      page,
      `
      mlflow.autolog();
      await mlflow.setExperiment('long-fit');
      const df = await k.readCSV(arg);
      const X = df.drop({ columns: ['quality'] });
      const net = new k.MLPRegressor({
        hiddenLayerSizes: [16], maxIter: 100000, tol: 0, nIterNoChange: 100000, randomState: 0,
      });
      globalThis.__fit = net.fit(X, df.column('quality')).catch(() => {});
    `,
      WINE,
    );
    // Wait until the run has logged some epochs, then reload mid-fit.
    let running: { runId: string; n: number } | null = null;
    await expect
      .poll(
        async () => {
          running = await inPage<{ runId: string; n: number } | null>(
            page,
            `
        const [run] = await mlflow.searchRuns({
          experimentNames: ['long-fit'], filter: "attributes.status = 'RUNNING'",
        });
        if (!run) return null;
        const keys = Object.keys(run.data.metrics);
        const key = keys.find((k) => k.includes('loss')) ?? keys[0];
        if (!key) return null;
        return { runId: run.info.runId, key, n: (await mlflow.getMetricHistory(run.info.runId, key)).length };
      `,
          );
          return running?.n ?? 0;
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBeGreaterThanOrEqual(5);
    const { runId, key, n } = running! as { runId: string; key: string; n: number };
    await page.reload();
    const after = await inPage<{ status: string; n: number; ended: boolean; autolog: string }>(
      page,
      `
      await mlflow.client().recoverOrphanedRuns();
      const run = await mlflow.getRun('${runId}');
      return { status: run.info.status, n: (await mlflow.getMetricHistory('${runId}', '${key}')).length,
        ended: run.info.endTime >= run.info.startTime, autolog: run.data.tags['mlflow.autologging'] };
    `,
    );
    expect(after.status).toBe('KILLED');
    expect(after.ended).toBe(true);
    expect(after.n).toBeGreaterThanOrEqual(n);
    expect(after.autolog).toBeTruthy();
    await context.close();
  });

  it("lets another tab upgrade the database at once, tells this tab's user to reload, hangs neither", async () => {
    const { page: a, context } = await app.open('experiments');
    await a.getByRole('heading', { level: 1, name: 'Default' }).waitFor();
    const b = await context.newPage();
    await b.goto(app.url('settings'));
    // Tab B opens a newer version of the tracking database (what a new release's migration does).
    const opened = await b.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const req = indexedDB.open('kiroku', 1000);
          req.onsuccess = () => {
            req.result.close();
            resolve('upgraded');
          };
          req.onblocked = () => resolve('blocked');
          req.onerror = () => resolve(String(req.error));
        }),
    );
    expect(opened).toBe('upgraded');
    const notice = a.getByRole('alert').filter({ hasText: 'Another tab is upgrading or clearing' });
    await notice.waitFor();
    expect(await notice.getByRole('button', { name: 'Reload' }).isVisible()).toBe(true);
    await context.close();
  });
});

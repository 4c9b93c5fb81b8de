// Issue 4 in Chromium: autolog an ElasticNet fit on wine-quality, reload the logged model from
// IndexedDB (also after a page reload) and predict exactly as the in-memory model; register it and
// load it back through an alias.
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

describe('autolog and models in Chromium', () => {
  it('autologs a fit whose model reloads and predicts identically, before and after a page reload', async () => {
    const { page, context, errors } = await app.open('notebook');
    const result = await inPage<{
      runId: string;
      predictions: number[];
      status: string;
      params: Record<string, string>;
      metricKeys: string[];
    }>(
      page,
      `
      mlflow.autolog();
      const df = await k.readCSV(arg);
      const X = df.drop({ columns: ['quality'] });
      const y = df.column('quality');
      const model = new k.ElasticNet({ alpha: 0.02, l1Ratio: 0.5 }).fit(X, y);
      await mlflow.flush();
      const run = mlflow.lastActiveRun();
      const fresh = X.iloc({ rows: ['0:20'] });
      const loaded = await mlflow.pyfunc.loadModel('runs:/' + run.info.runId + '/model');
      const same = Array.from(loaded.predict(fresh)).every((v, i) => v === model.predict(fresh)[i]);
      if (!same) throw new Error('reloaded predictions differ');
      const full = await mlflow.getRun(run.info.runId);
      return { runId: run.info.runId, predictions: Array.from(model.predict(fresh)), status: full.info.status,
        params: full.data.params, metricKeys: Object.keys(full.data.metrics).sort() };
    `,
      WINE,
    );
    expect(result.status).toBe('FINISHED');
    expect(result.params).toMatchObject({ alpha: '0.02', l1_ratio: '0.5' });
    expect(result.metricKeys).toEqual([
      'training_mean_absolute_error',
      'training_mean_squared_error',
      'training_r2_score',
      'training_root_mean_squared_error',
      'training_score',
    ]);

    await page.reload();
    const after = await inPage<number[]>(
      page,
      `
      const df = await k.readCSV(arg);
      const fresh = df.drop({ columns: ['quality'] }).iloc({ rows: ['0:20'] });
      const loaded = await mlflow.pyfunc.loadModel('runs:/${result.runId}/model');
      await mlflow.registerModel('runs:/${result.runId}/model', 'wine');
      await mlflow.setRegisteredModelAlias('wine', 'champion', 1);
      const champion = await mlflow.loadModel('models:/wine@champion');
      const a = Array.from(loaded.predict(fresh));
      const b = Array.from(champion.predict(fresh));
      if (a.some((v, i) => v !== b[i])) throw new Error('champion differs');
      return a;
    `,
      WINE,
    );
    expect(after).toEqual(result.predictions);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('predicts a batch across Web Workers with the same result as predict', async () => {
    const { page, context } = await app.open('notebook');
    const same = await inPage<{ equal: boolean; n: number; progress: number }>(
      page,
      `
      const rows = Array.from({ length: 20000 }, (_, i) => [Math.sin(i), Math.cos(i * 0.5), (i % 17) / 17]);
      const y = rows.map(([a, b, c]) => 3 * a - b + 2 * c);
      const model = new k.ElasticNet({ alpha: 0.001 }).fit(rows, y);
      let progress = 0;
      const out = await k.predictBatch(model, rows, { workers: 2, onProgress: (f) => (progress = f) });
      const direct = model.predict(rows);
      return { equal: out.length === direct.length && out.every((v, i) => v === direct[i]), n: out.length, progress };
    `,
    );
    expect(same).toEqual({ equal: true, n: 20000, progress: 1 });
    await context.close();
  });
});

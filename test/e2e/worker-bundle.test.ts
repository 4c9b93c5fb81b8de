// The notebook kernel, the batch-prediction workers and the workspace worker are one worker bundle
// (workers/ml.worker.ts), so the precache holds one TensorFlow.js for all of them: checked on the
// built app the suite serves (its files and its service worker's precache list), and in Chromium with
// an MLP's predictions spread over two predict workers that load it from there.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './page';

const app = useApp();
const assets = resolve(__dirname, '../..', process.env.KIROKU_DIST ?? 'dist', 'assets');
const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
const text = (f: string) => readFileSync(join(assets, f), 'utf8');

/** A script and every chunk it imports, statically or dynamically (Vite writes './name-hash.js'). */
function reachable(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  for (const m of text(entry).matchAll(/(?:from|import\(?)\s*["'`]\.\/([\w.-]+\.js)["'`]/g)) reachable(m[1]!, seen);
  return seen;
}

/**
 * Holds TensorFlow.js's engine: tfjs-core's Engine.setBackend, by its message "Backend name '…' not found in registry".
 */
const hasTfEngine = (f: string) => /Backend name '\$\{\w+\}' not found in registry/.test(text(f));

function inPage<T>(page: Page, body: string): Promise<T> {
  return page.evaluate(`(async () => { const k = await globalThis.kiroku; ${body} })()`) as Promise<T>;
}

describe('one worker bundle', () => {
  it('gives the kernel, predict and workspace workers one TensorFlow.js chunk, which is precached', () => {
    const entries = files.filter((f) => f.includes('.worker-'));
    const roleOf = (name: string) => files.find((f) => f.startsWith(`${name}-`))!;
    const roles = ['kernel.worker', 'predict.worker', 'workspace.worker'].map(roleOf);
    expect(roles.every(Boolean)).toBe(true);
    // The roles are chunks of the one entry, not entries of their own.
    const [entry] = files.filter((f) => f.startsWith('ml.worker-'));
    expect(entry).toBeDefined();
    for (const r of roles) expect(reachable(entry!).has(r)).toBe(true);
    const engines = roles.map((r) => [...reachable(r)].filter(hasTfEngine));
    expect(engines.map((e) => e.length)).toEqual([1, 1, 1]);
    expect(new Set(engines.flat()).size).toBe(1);
    // No other worker entry carries an engine of its own (the page has its own copy: a separate build).
    const withEngine = entries.filter(
      (e) => !e.startsWith('ml.worker-') && !roles.includes(e) && [...reachable(e)].some(hasTfEngine),
    );
    expect(withEngine).toEqual([]);
    const precached = readFileSync(join(assets, '..', 'sw.js'), 'utf8');
    expect(precached).toContain(`assets/${engines[0]![0]}`);
  });

  it('predicts an MLP in two predict workers of that bundle as predict does, to float32 rounding', async () => {
    const { page, context, errors } = await app.open('notebook');
    const out = await inPage<{ equal: boolean; n: number }>(
      page,
      `
      const rows = Array.from({ length: 3000 }, (_, i) =>
        i < 50 ? [2, -1, 0.5] : [Math.sin(i), Math.cos(i * 0.3), (i % 11) / 11],
      );
      const y = rows.map(([a, b, c]) => a - 2 * b + c * c);
      const model = await new k.MLPRegressor({ hiddenLayerSizes: [8], maxIter: 5, randomState: 1 }).fit(rows, y);
      const batch = await k.predictBatch(model, rows, { workers: 2 });
      const direct = model.predict(rows);
      const close = Array.from(batch).every((v, i) => Math.abs(v - direct[i]) <= 1e-5 * (1 + Math.abs(direct[i])));
      return { equal: batch.length === direct.length && close, n: batch.length };
    `,
    );
    expect(out).toEqual({ equal: true, n: 3000 });
    expect(errors).toEqual([]);
    await context.close();
  });
});

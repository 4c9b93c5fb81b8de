// The linear models' helper threads in the built app, in headless Chromium: the notebook kernel (a
// worker on a cross-origin-isolated page) starts them as nested workers on a shared WebAssembly
// memory, and a Ridge fit on every core has the same bits as on one thread — and agrees with the same
// fit in Node, so the browser's kernels compute what the unit tests check against scikit-learn.
import { describe, expect, it } from 'vitest';
import { Ridge } from '../../src/ml/linear-model/ridge';
import { useApp } from './page';
import { newNotebook, output, runInto } from './notebook-driver';

const app = useApp();

// The data, built by the same source text in the cell and here: rows whose first ones differ from the
// rest. One line: the editor indents a typed block body on its own.
const MAKE_DATA = [
  '(n, p) => {',
  'const X = Array.from({ length: n }, (_, i) => Array.from({ length: p }, (_, j) => (i < 50 ? 100 : 0) + ' +
    'Math.sin(i * (j + 1) * 0.37) + j));',
  'const y = X.map((r) => r.reduce((a, v, j) => a + v * ((j % 5) - 2), 0) + Math.cos(r[0] * 3));',
  'return { X, y }; }',
].join(' ');
const N = 30_000; // 30,000 × 41 columns is past the work where the Gram takes helpers (gram.ts)
const P = 40;

describe('WebAssembly kernels on every core', () => {
  it("the kernel starts helper threads; Ridge on all cores equals one thread's bit for bit, and Node's", async () => {
    const { page, context, errors } = await app.open('notebook');
    await newNotebook(page);
    const code = [
      `const makeData: any = ${MAKE_DATA};`,
      `const { X, y } = makeData(${N}, ${P});`,
      'const ready = await threadpoolReady();',
      'const info = threadpoolInfo();',
      'const all = new Ridge({ alpha: 1 }).fit(X, y);',
      'threadpoolLimits(1);',
      'const one = new Ridge({ alpha: 1 }).fit(X, y);',
      'const single = threadpoolInfo().threads;',
      'threadpoolLimits(null);',
      'JSON.stringify({ ready, info, single, all: [...all.coef_, all.intercept_], one: [...one.coef_, ' +
        'one.intercept_] })',
    ].join('\n');
    await runInto(page, 1, code);
    await expect.poll(() => output(page, 1).innerText(), { timeout: 120_000 }).toContain('ready');
    const text = await output(page, 1).innerText();
    const r = JSON.parse(/'(\{"ready".*\})'/.exec(text)![1]!) as {
      ready: number;
      info: { kernels: string; threads: number; cores: number; threadsPossible: boolean };
      single: number;
      all: number[];
      one: number[];
    };
    expect(r.info.kernels).toBe('wasm-simd');
    expect(r.info.threadsPossible).toBe(true);
    expect(r.info.cores).toBeGreaterThanOrEqual(2); // this machine has 2: the fit below used a helper
    expect(r.ready).toBe(Math.min(r.info.cores, 16));
    expect(r.info.threads).toBe(r.ready);
    expect(r.single).toBe(1);
    expect(r.all).toEqual(r.one);
    const { X, y } = (
      new Function(`return ${MAKE_DATA}`)() as (n: number, p: number) => { X: number[][]; y: number[] }
    )(N, P);
    const node = [...new Ridge({ alpha: 1 }).fit(X, y).coef_!];
    // Node's Math.sin may round differently from this Chromium's in the last bit: near, not equal.
    const err = Math.max(...node.map((v, j) => Math.abs(v - r.all[j]!))) / Math.max(...node.map(Math.abs));
    expect(err).toBeLessThan(1e-12);
    expect(errors).toEqual([]);
    await context.close();
  });
});

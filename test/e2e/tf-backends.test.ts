// TensorFlow.js backends in the built app, in headless Chromium (no GPU: WebGL there is SwiftShader, a
// software renderer, and there is no WebGPU adapter): the kernel chooses WebAssembly with SIMD and
// threads, says so in its status, and a cell may switch — the same network trained on each backend has
// the same weights and predictions up to float32 rounding.
import { describe, expect, it } from 'vitest';
import { useApp } from './page';
import { newNotebook, output, runInto } from './notebook-driver';

const app = useApp();

const kernelStatus = (page: import('playwright-core').Page) => page.getByRole('status').filter({ hasText: /^Kernel/ });

describe('TensorFlow.js backends', () => {
  it('the kernel runs on WASM with SIMD; an MLP trained on wasm, webgl and cpu agrees to float32', async () => {
    const { page, context, errors } = await app.open('notebook');
    await newNotebook(page);
    await expect
      .poll(() => kernelStatus(page).innerText(), { timeout: 60_000 })
      .toMatch(/TensorFlow\.js backend: wasm \(SIMD, \d+ threads?\)/);
    const code = [
      '// rows whose first ones differ from the rest: a trend, a wave and a step',
      'const X = Array.from({ length: 260 }, (_, i) => [i < 20 ? 5 : Math.sin(i / 7), Math.cos(i * 0.7), (i % 17) ' +
        '/ 17]);',
      'const y = X.map(([a, b, c]) => 2 * a - b + c * c);',
      'async function fitOn(backend: string) {',
      '  await tf.setBackend(backend);',
      '  const m = await new MLPRegressor({ hiddenLayerSizes: [16, 8], maxIter: 12, batchSize: 50, randomState: 3 ' +
        '}).fit(X, y);',
      '  const out = { backend: tf.getBackend(), coefs: m.coefs_!.flat(2), pred: Array.from(m.predict(X)), loss: ' +
        'm.lossCurve_! };',
      '  m.dispose();',
      '  return out;',
      '}',
      "const runs = [await fitOn('wasm'), await fitOn('webgl'), await fitOn('cpu')];",
      'const rel = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!))) / ' +
        'Math.max(...b.map(Math.abs));',
      'JSON.stringify({ backends: runs.map((r) => r.backend), diffs: runs.slice(1).map((r) => [rel(r.coefs, ' +
        'runs[0]!.coefs), rel(r.pred, runs[0]!.pred), rel(r.loss, runs[0]!.loss)]), moved: ' +
        'rel(runs[0]!.loss.slice(-1), runs[0]!.loss.slice(0, 1)) })',
    ].join('\n');
    await runInto(page, 1, code);
    await expect.poll(() => output(page, 1).innerText(), { timeout: 120_000 }).toContain('backends');
    const text = await output(page, 1).innerText();
    // The cell's value is the JSON string, shown quoted ('{…}') below the fits' ConvergenceWarnings.
    const result = JSON.parse(/'(\{"backends".*\})'/.exec(text)![1]!) as {
      backends: string[];
      diffs: number[][];
      moved: number;
    };
    expect(result.backends).toEqual(['wasm', 'webgl', 'cpu']);
    for (const d of result.diffs.flat()) expect(d).toBeLessThan(1e-4);
    expect(result.moved).toBeGreaterThan(0.01); // training changed the loss: the comparison is of trained networks
    // The cell switched to cpu last: the status follows.
    await expect.poll(() => kernelStatus(page).innerText()).toMatch(/TensorFlow\.js backend: cpu$/);
    expect(errors).toEqual([]);
    await context.close();
  });
});

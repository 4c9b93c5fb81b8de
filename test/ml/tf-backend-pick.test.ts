// A backend the user picks with tf.setBackend before the first MLP fit stays: the automatic choice
// (which the fit awaits) keeps it instead of switching to WASM. Its own file, so that no automatic
// choice has been made in this process before the pick.
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { describeTfBackend, ensureTfBackend, useTfBackend } from '../../src/ml/core/tf-backend';
import { MLPRegressor } from '../../src/ml/neural-network/mlp';
import { useTfBackend as mlUseTfBackend } from '../../src/ml/index';
import { setWarningHandler } from '../../src/ml/core/warnings';
import { startKernel } from '../notebook/kernel-harness';

const restore = setWarningHandler(() => {});
afterAll(() => setWarningHandler(restore));

// First rows unlike the rest: a constant block, then a curve.
const X = Array.from({ length: 60 }, (_, i) => (i < 8 ? [1, 1] : [i / 60, Math.sin(i / 4)]));
const y = X.map(([a, b]) => a! - b!);

describe('a backend picked with tf.setBackend', () => {
  it('before the first fit is kept by the fit, and by the choice the fit awaits', async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
    const m = await new MLPRegressor({ hiddenLayerSizes: [4], maxIter: 3, randomState: 1 }).fit(X, y);
    expect(tf.getBackend()).toBe('cpu');
    expect(await ensureTfBackend()).toBe('cpu');
    expect(await describeTfBackend()).toBe('cpu');
    expect(m.predict(X)).toHaveLength(X.length);
    m.dispose();
  });

  it('may name WASM without importing its package (loaded on demand); useTfBackend() returns to auto', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    expect(await describeTfBackend()).toBe('wasm (SIMD, 1 thread)');
    await tf.setBackend('cpu');
    expect(mlUseTfBackend).toBe(useTfBackend); // in ml, as cells see it
    expect(await mlUseTfBackend('auto')).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('in a cell, is what the kernel status shows and what the next fit runs on', async () => {
    const k = await startKernel();
    try {
      const cell = await k.run(
        [
          "await tf.setBackend('cpu');",
          'const X = [[0, 1], [1, 0], [1, 1], [0, 0], [2, 1], [1, 2]];',
          'const m = await new MLPRegressor({ hiddenLayerSizes: [3], maxIter: 2, randomState: 0 }).fit(X, [1, 1, ' +
            '2, 0, 3, 3]);',
          'tf.getBackend()',
        ].join('\n'),
      );
      expect(cell.error).toBeUndefined();
      expect(cell.result?.['text/plain']).toBe("'cpu'");
      for (let i = 0; i < 100 && !k.messages.some((m) => m.type === 'status' && m.backend === 'cpu'); i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(k.messages.filter((m) => m.type === 'status' && m.backend).at(-1)).toMatchObject({ backend: 'cpu' });
    } finally {
      k.dispose();
      await useTfBackend('auto');
    }
  });
});

// The TensorFlow.js backend choice, and the same results on every backend: in Node the automatic
// choice is WASM; an MLP trained there and on the JavaScript cpu backend from the same seed has the
// same weights, predictions, loss curve and logged tfjs artifact up to float32 rounding.
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  backendCandidates,
  describeTfBackend,
  ensureTfBackend,
  isHardwareRenderer,
  useTfBackend,
} from '../../src/ml/core/tf-backend';
import { MLPClassifier, MLPRegressor } from '../../src/ml/neural-network/mlp';
import { tfjsFlavor } from '../../src/logged-model/flavors/tfjs-flavor';
import { setWarningHandler } from '../../src/ml/core/warnings';
import { seededRandom } from '../../src/lib/random';

const restore = setWarningHandler(() => {});
afterAll(async () => {
  setWarningHandler(restore);
  await useTfBackend('auto');
});

// Rows whose first ones differ from the rest (a constant block, then waves).
const rnd = seededRandom(11);
const X = Array.from({ length: 180 }, (_, i) =>
  i < 15 ? [3, -2, 0.5, 1] : [Math.sin(i / 5), rnd() * 2 - 1, Math.cos(i / 3), rnd()],
);
const y = X.map(([a, b, c, d]) => a! - 2 * b! + c! * d!);
const labels = X.map(([a, b]) => (a! + b! > 0.5 ? 'up' : a! + b! < -0.5 ? 'down' : 'flat'));

function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let s = 1e-6;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
    s = Math.max(s, Math.abs(b[i]!));
  }
  return d / s;
}

describe('backend choice', () => {
  it('prefers a real WebGPU adapter, then hardware WebGL, then WASM, then cpu', () => {
    expect(backendCandidates({ webgpu: true, webglAccelerated: true, wasm: true })).toEqual([
      'webgpu',
      'webgl',
      'wasm',
      'cpu',
    ]);
    expect(backendCandidates({ webgpu: false, webglAccelerated: false, wasm: true })).toEqual(['wasm', 'cpu']);
    expect(backendCandidates({ webgpu: false, webglAccelerated: true, wasm: false })).toEqual(['webgl', 'cpu']);
  });

  it('counts software renderers (what headless Chromium has) as no GPU', () => {
    expect(
      isHardwareRenderer(
        'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      ),
    ).toBe(false);
    expect(isHardwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(false);
    expect(isHardwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(true);
    expect(isHardwareRenderer(null)).toBe(false);
  });

  it('chooses WASM with SIMD in Node; a named backend can be chosen, an unknown one is refused', async () => {
    expect(await ensureTfBackend()).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(await describeTfBackend()).toBe('wasm (SIMD, 1 thread)');
    await expect(useTfBackend('webgpu')).rejects.toThrow(
      /The TensorFlow.js backend 'webgpu' is not available here; still using 'wasm'/,
    );
    expect(await useTfBackend('cpu')).toBe('cpu');
    expect(await describeTfBackend()).toBe('cpu');
    expect(await useTfBackend()).toBe('wasm');
  });
});

describe('the same MLP on every backend', () => {
  async function fitOn(backend: 'wasm' | 'cpu') {
    await useTfBackend(backend);
    const reg = await new MLPRegressor({
      hiddenLayerSizes: [12, 6],
      maxIter: 25,
      batchSize: 40,
      randomState: 5,
      alpha: 0.01,
    }).fit(X, y);
    const clf = await new MLPClassifier({
      hiddenLayerSizes: [10],
      maxIter: 25,
      batchSize: 50,
      randomState: 2,
      activation: 'tanh',
    }).fit(X, labels);
    const saved = await tfjsFlavor.save(reg.model_!);
    const weightsBin = new Float32Array(
      await new Response(saved.files['weights.bin'] as Blob | ArrayBuffer).arrayBuffer(),
    );
    const out = {
      backend: tf.getBackend(),
      coefs: reg.coefs_!.flat(2),
      pred: reg.predict(X),
      loss: reg.lossCurve_!,
      proba: clf.predictProba(X).flat(),
      classes: clf.predict(X),
      weightsBin,
    };
    reg.dispose();
    clf.dispose();
    return out;
  }

  it('weights, predictions, loss curves and the logged tfjs weights agree to float32 rounding', async () => {
    const wasm = await fitOn('wasm');
    const cpu = await fitOn('cpu');
    expect([wasm.backend, cpu.backend]).toEqual(['wasm', 'cpu']);
    expect(relDiff(cpu.coefs, wasm.coefs)).toBeLessThan(1e-4);
    expect(relDiff(cpu.pred, wasm.pred)).toBeLessThan(1e-4);
    expect(relDiff(cpu.loss, wasm.loss)).toBeLessThan(1e-4);
    expect(relDiff(cpu.proba, wasm.proba)).toBeLessThan(1e-4);
    expect(cpu.classes).toEqual(wasm.classes);
    expect(wasm.weightsBin.length).toBe(4 * 12 + 12 + 12 * 6 + 6 + 6 + 1);
    expect(relDiff(cpu.weightsBin, wasm.weightsBin)).toBeLessThan(1e-4);
    // Trained networks are compared, not their starting points.
    expect(wasm.loss.at(-1)!).toBeLessThan(wasm.loss[0]! * 0.8);
  });
});

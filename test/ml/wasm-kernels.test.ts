// The WebAssembly SIMD kernels: the committed bytes are what kernels.wat compiles to, and each kernel
// equals its plain-JS counterpart — on blocks of odd sizes and column counts that need padding, and on
// data whose first rows differ from the rest (an offset block, so centering matters).
import { describe, expect, it } from 'vitest';
import { compiled } from '../../scripts/build-wasm.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wasmKernels, roundUp } from '../../src/ml/wasm/kernels';
import { coreCount, setThreadLimit } from '../../src/ml/wasm/threads';
import { gramJs, gramOf } from '../../src/ml/linear-model/gram';
import { seededRandom } from '../../src/lib/random';
import { repoRoot } from './sklearn-fixture';

function data(n: number, p: number, seed: number) {
  const r = seededRandom(seed);
  const X = new Float64Array(n * p);
  for (let j = 0; j < p; j++)
    for (let i = 0; i < n; i++) X[j * n + i] = (i < 7 ? 1000 : 0) + (j + 1) * (r() * 2 - 1) + 5 * j;
  const y = Float64Array.from({ length: n }, () => r() * 3 - 1);
  return { X, rows: n, cols: p, y };
}

function maxRel(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let s = 1e-300;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
    s = Math.max(s, Math.abs(b[i]!));
  }
  return d / s;
}

describe('WebAssembly kernels', () => {
  it('kernels-wasm.ts holds what kernels.wat compiles to (node scripts/build-wasm.mjs after editing it)', async () => {
    expect(readFileSync(join(repoRoot, 'src/ml/wasm/kernels-wasm.ts'), 'utf8')).toBe(await compiled('kernels.wat'));
  });

  it('are available in Node (SIMD)', () => {
    expect(wasmKernels()).not.toBeNull();
  });

  // Sizes around the block (512 rows) and chunk (2,048) edges, odd counts, columns that need padding.
  for (const [n, p] of [
    [1, 1],
    [5, 3],
    [513, 7],
    [1100, 12],
    [2049, 33],
    [4097, 3],
  ] as const) {
    for (const center of [true, false]) {
      it(`gram = the plain-JS Gram on ${n} × ${p}${center ? ', centered' : ''}`, () => {
        const d = { ...data(n, p, n + p), center };
        const w = gramOf(d);
        const j = gramJs(d);
        expect(maxRel(w.Q, j.Q)).toBeLessThan(1e-12);
        expect(maxRel(w.q, j.q)).toBeLessThan(1e-12);
        expect(Math.abs(w.yNorm2 - j.yNorm2)).toBeLessThanOrEqual(1e-12 * j.yNorm2); // 0 for one centered row
        expect(maxRel(w.xMean, j.xMean)).toBeLessThan(1e-13);
        expect(Math.abs(w.yMean - j.yMean)).toBeLessThan(1e-13);
        if (center) {
          // Exact centering: the first rows' offset of 1000 leaves no trace (a cancelled Gram would
          // differ from the plain one in its leading digits, and could go negative on the diagonal).
          expect(Array.from({ length: p }, (_, c) => w.Q[c * p + c]!).every((v) => v >= 0)).toBe(true);
        } else {
          expect(w.xMean.every((v) => v === 0)).toBe(true);
        }
      });
    }
  }

  // Enough work for the helpers (ml/linear-model/gram.ts): 5 chunks, the calling thread keeping the last one
  // to fit straight from X; 30 chunks of which it keeps many (14 on two cores), the last one short.
  for (const [n, p] of [
    [10_001, 61],
    [60_000, 24],
  ] as const) {
    it(`the Gram of ${n} × ${p} on every core has the same bits as on one thread (merged in chunk order)`, async () => {
      const k = wasmKernels()!;
      expect(await k.threadsReady()).toBe(Math.min(coreCount(), 16));
      const d = { ...data(n, p, 5), center: true };
      setThreadLimit(1);
      const one = gramOf(d);
      setThreadLimit(null);
      expect(k.threads()).toBeGreaterThan(1);
      const all = gramOf(d);
      expect(Array.from(all.Q)).toEqual(Array.from(one.Q));
      expect(Array.from(all.q)).toEqual(Array.from(one.q));
      expect(Array.from(all.xMean)).toEqual(Array.from(one.xMean));
      expect(all.yNorm2).toBe(one.yNorm2);
      expect(maxRel(all.Q, gramJs(d).Q)).toBeLessThan(1e-12);
      expect(maxRel(all.q, gramJs(d).q)).toBeLessThan(1e-12);
    });
  }

  it('gemv and gemv_t compute Xw and Xᵀv', () => {
    const k = wasmKernels()!;
    const n = 10;
    const p = 8;
    const { X } = data(n, p, 3);
    const w = Float64Array.from({ length: p }, (_, j) => j - 3.5);
    const v = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
    const z = n * p + p + n; // z lands after v; out (Xᵀv) reuses it afterwards
    k.reserve((z + n) * 8);
    const m = k.f64();
    m.fill(0, 0, z + n); // earlier tests leave their data in the workspace
    m.set(X, 0);
    m.set(w, n * p);
    m.set(v, n * p + p);
    k.gemv(0, n, n, roundUp(p, 4), n * p * 8, z * 8);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += X[j * n + i]! * w[j]!;
      expect(m[z + i]).toBeCloseTo(s, 12);
    }
    m.fill(0, z, z + p);
    k.gemvT(0, n, n, p, (n * p + p) * 8, z * 8);
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += X[j * n + i]! * v[i]!;
      expect(m[z + j]).toBeCloseTo(s, 12);
    }
  });
});

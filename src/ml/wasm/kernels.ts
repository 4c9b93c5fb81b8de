// The WebAssembly SIMD kernels of kernels.wat, instantiated once per realm (Node, page, worker) on a
// memory of their own, and a workspace in it that the linear models lay their arrays out in. Where
// WebAssembly or its SIMD is missing, `wasmKernels()` is null and callers keep their plain-JS loops.
//
// The module is 1.3 kB, so it compiles synchronously even on a page's main thread (Chromium allows
// 4 kB there), and fitting stays synchronous as scikit-learn's `fit` is.
import { WASM_BASE64 } from './kernels-wasm';

export interface WasmKernels {
  /** G[j·p + k] += Σᵢ X[i, j]·X[i, k] over a column-major block (rows even, p a multiple of 4). */
  gram(x: number, ld: number, rows: number, p: number, g: number): void;
  /** out[j] += Σᵢ X[i, j]·v[i]. */
  gemvT(x: number, ld: number, rows: number, p: number, v: number, out: number): void;
  /** z[i] += Σⱼ X[i, j]·w[j]. */
  gemv(x: number, ld: number, rows: number, p: number, w: number, z: number): void;
  /** At least `bytes` of workspace from byte 0 (grown as needed; views taken before are stale). */
  reserve(bytes: number): void;
  /** A view of the workspace as float64 (take it after `reserve`). */
  f64(): Float64Array;
}

let instance: WasmKernels | null | undefined;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  if (typeof atob === 'function') return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return Uint8Array.from(Buffer.from(base64, 'base64'));
}

function create(): WasmKernels | null {
  if (typeof WebAssembly !== 'object') return null;
  const bytes = decode(WASM_BASE64);
  if (!WebAssembly.validate(bytes)) return null; // no SIMD here
  const memory = new WebAssembly.Memory({ initial: 16 });
  const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as unknown as {
    gram: WasmKernels['gram'];
    gemv_t: WasmKernels['gemvT'];
    gemv: WasmKernels['gemv'];
  };
  let view = new Float64Array(memory.buffer);
  return {
    gram: exports.gram,
    gemvT: exports.gemv_t,
    gemv: exports.gemv,
    reserve(bytes) {
      const have = memory.buffer.byteLength;
      if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
    },
    f64() {
      if (view.buffer !== memory.buffer) view = new Float64Array(memory.buffer);
      return view;
    },
  };
}

/** The kernels, or null where WebAssembly SIMD is unavailable. */
export function wasmKernels(): WasmKernels | null {
  if (instance === undefined) {
    try {
      instance = create();
    } catch {
      instance = null;
    }
  }
  return instance;
}

/** n rounded up to a multiple of m. */
export function roundUp(n: number, m: number): number {
  return Math.ceil(n / m) * m;
}

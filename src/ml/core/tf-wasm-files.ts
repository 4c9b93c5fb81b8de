// The browser build's copies of tfjs-backend-wasm's .wasm files (plain, SIMD, threaded SIMD), emitted
// by Vite as assets — one set shared by the kernel and the predict workers, precached for offline use.
// Loaded by tf-backend.ts in browsers only (in Node the package finds its own files).
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export const WASM_FILE_URLS = {
  'tfjs-backend-wasm.wasm': plain,
  'tfjs-backend-wasm-simd.wasm': simd,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimd,
};

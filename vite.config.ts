import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string; dependencies: Record<string, string> };

// Cross-origin isolation lets the notebook kernel share a SharedArrayBuffer with the page, which is how
// a runaway cell is interrupted without losing the kernel's state. `credentialless` (rather than
// `require-corp`) still isolates the page but lets a user fetch a CSV from another CORS-enabled origin.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'credentialless',
};

// danfojs's browser entry is a prebuilt 6 MB bundle with its own copy of TensorFlow.js (a second
// tfjs registering its kernels twice), Plotly and SheetJS. Its CommonJS build instead shares our tfjs,
// and the plotting and Excel libraries (unused here) are replaced by stubs that say so.
const danfojs = {
  alias: [
    { find: /^danfojs$/, replacement: fileURLToPath(new URL('./node_modules/danfojs/dist/danfojs-browser/src/index.js', import.meta.url)) },
    { find: /^plotly\.js-dist-min$/, replacement: fileURLToPath(new URL('./src/lib/stubs/unavailable.ts', import.meta.url)) },
    { find: /^xlsx$/, replacement: fileURLToPath(new URL('./src/lib/stubs/unavailable.ts', import.meta.url)) },
  ],
};

export default defineConfig({
  resolve: danfojs,
  define: { __KIROKU_VERSION__: JSON.stringify(pkg.version), __KIROKU_DEPS__: JSON.stringify(pkg.dependencies) },
  server: { headers: isolation },
  preview: { headers: isolation },
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es' },
});

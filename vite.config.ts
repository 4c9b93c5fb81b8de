import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

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

// tfjs-backend-wasm starts its threads from the source text of its Emscripten factory (each thread's
// script is `factory.toString()`), so that function must reach the browser as shipped: minified or with
// variables hoisted out of it by the bundler, the threads fail ("e is not defined") and the backend
// never starts. The module is compiled from its own text at run time instead.
const tfjsWasmThreads = {
  name: 'kiroku:tfjs-wasm-threaded-factory',
  transform(code: string, id: string) {
    if (!id.endsWith('/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js')) return undefined;
    return { code: `export default new Function(${JSON.stringify(`${code}\nreturn WasmBackendModuleThreadedSimd;`)})();`, map: null };
  },
};

// Offline: a Workbox service worker precaches the built app — shell, pages, the kernel and predict
// workers, Monaco, TensorFlow.js, danfojs and the sample CSVs (~20 MB; source maps are left out) — and
// answers navigations with the cached index.html, whose cached response keeps the COOP/COEP headers
// above, so the page stays cross-origin isolated offline. A new version activates as soon as it is
// installed (skipWaiting + clientsClaim) and the page announces it: a reload always runs the newest
// build, never a stale one. src/sw/register.ts registers it (production builds only).
const pwa = VitePWA({
  injectRegister: false,
  registerType: 'autoUpdate',
  manifest: {
    name: 'Kiroku 記録',
    short_name: 'Kiroku',
    description: 'A machine-learning notebook with experiment tracking, in your browser',
    theme_color: '#1f2937',
    background_color: '#ffffff',
    display: 'standalone',
    icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,csv,json,wasm,ttf}'],
    globIgnores: ['**/*.map'],
    // Monaco's TypeScript worker (6.9 MB) and TensorFlow.js are the largest files an offline notebook needs.
    maximumFileSizeToCacheInBytes: 12 * 1024 * 1024,
    navigateFallback: 'index.html',
    skipWaiting: true,
    clientsClaim: true,
    cleanupOutdatedCaches: true,
  },
});

export default defineConfig({
  plugins: [pwa, tfjsWasmThreads],
  resolve: danfojs,
  define: { __KIROKU_VERSION__: JSON.stringify(pkg.version), __KIROKU_DEPS__: JSON.stringify(pkg.dependencies) },
  server: { headers: isolation },
  preview: { headers: isolation },
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es', plugins: () => [tfjsWasmThreads] },
});

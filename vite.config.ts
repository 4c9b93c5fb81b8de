import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string; dependencies: Record<string, string> };

// Cross-origin isolation lets the notebook kernel share a SharedArrayBuffer with the page, which is how
// a runaway cell is interrupted without losing the kernel's state. `credentialless` (rather than
// `require-corp`) still isolates the page but lets a user fetch a CSV from another CORS-enabled origin.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'credentialless',
};

export default defineConfig({
  define: { __KIROKU_VERSION__: JSON.stringify(pkg.version), __KIROKU_DEPS__: JSON.stringify(pkg.dependencies) },
  server: { headers: isolation },
  preview: { headers: isolation },
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es' },
});

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Connect, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

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
    {
      find: /^danfojs$/,
      replacement: fileURLToPath(new URL('./node_modules/danfojs/dist/danfojs-browser/src/index.js', import.meta.url)),
    },
    {
      find: /^plotly\.js-dist-min$/,
      replacement: fileURLToPath(new URL('./src/lib/stubs/unavailable.ts', import.meta.url)),
    },
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
    return {
      code: `export default new Function(${JSON.stringify(`${code}\nreturn WasmBackendModuleThreadedSimd;`)})();`,
      map: null,
    };
  },
};

// The boot script (ui/prerender-boot.ts), bundled on its own and inlined first in index.html's <head>
// (kiroku:prerender below): it must run before the body is parsed, and inline it costs no request that
// would hold the parser. The policy below allows exactly this text by its hash.
const BOOT = await (async () => {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./src/ui/prerender-boot.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'es2022',
    write: false,
  });
  const code = out.outputFiles[0]!.text.trim();
  if (/<\/script|<!--/i.test(code)) throw new Error('kiroku:prerender: the boot script cannot be inlined');
  return { code, hash: `'sha256-${createHash('sha256').update(code).digest('base64')}'` };
})();

// Content-Security-Policy. The page runs only its own scripts (no inline or remote script but the boot
// script, allowed by its hash; no eval;
// WebAssembly may compile: TensorFlow.js's WASM backend and the estimators' kernels), styles may be
// inline (Monaco, uPlot and Preact set them), images may come from anywhere only because a remote image
// in markdown loads when the user clicks it (ui/sanitize.ts), and any server may be called (a tracking
// server, a CSV's URL). No plugins, no <base>, no form posts. The built page carries it as a <meta>
// (static hosts send no headers); dev and preview also send it as a header, with frame-ancestors, which
// a <meta> cannot carry.
//
// Workers get their policy from their own response, not the page's: the notebook kernel evaluates cells
// (indirect eval), imports modules by URL and fetches anything; tfjs-backend-wasm's threaded build is
// compiled from its text (new Function) and starts blob: threads. So worker scripts are served with
// WORKER_CSP, which allows that; on a static host (no headers) they run without a policy, as before.
const APP_CSP = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${BOOT.hash}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https: http:",
  "font-src 'self' data:",
  "connect-src 'self' https: http: ws: wss: data: blob:",
  "worker-src 'self' blob:",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "manifest-src 'self'",
].join('; ');
const WORKER_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval' https: http: blob: data:",
  'connect-src * data: blob:',
  "worker-src 'self' blob:",
].join('; ');

const isWorkerScript = (url = '') => /\.worker-[\w-]+\.js(\?|$)|[?&]worker_file/.test(url);

const cspHeaders: Connect.NextHandleFunction = (req, res, next) => {
  res.setHeader('Content-Security-Policy', isWorkerScript(req.url) ? WORKER_CSP : `${APP_CSP}; frame-ancestors 'none'`);
  next();
};

const contentSecurityPolicy: Plugin = {
  name: 'kiroku:content-security-policy',
  transformIndexHtml: {
    order: 'pre',
    handler: (html, ctx) =>
      ctx.server
        ? html
        : {
            html,
            tags: [
              {
                tag: 'meta',
                attrs: { 'http-equiv': 'Content-Security-Policy', content: APP_CSP },
                injectTo: 'head-prepend',
              },
            ],
          },
  },
  configureServer: (server) => void server.middlewares.use(cspHeaders),
  configurePreviewServer: (server) => void server.middlewares.use(cspHeaders),
};

// What the Deploy dialog needs from Node at build time, as virtual modules: `virtual:kiroku-web-predictor`
// ({runtime, demo}: the web predictor's scripts, src/deploy/web-predictor/build.ts) and
// `virtual:kiroku-model-server` ({files}: the `kiroku` server of a Docker directory, bundle-server.ts).
// Each is text in a chunk of its own, imported by the dialog with the first download that needs it; as
// .js chunks they are precached, so downloads work offline. The builders run through tsx (as the
// `kiroku` command does), so this config bundles none of src/.
const DEPLOY_MODULES: Record<string, (version: string) => Promise<{ code: string; inputs?: string[] }>> = {
  'virtual:kiroku-web-predictor': async (version) => {
    const { buildWebPredictorScripts } = await tsImport<typeof import('./src/deploy/web-predictor/build')>(
      './src/deploy/web-predictor/build.ts',
    );
    const built = await buildWebPredictorScripts(version);
    return {
      code:
        `export const runtime = ${JSON.stringify(built.runtime)};\nexport const demo ` +
        `= ${JSON.stringify(built.demo)};\n`,
      inputs: built.inputs,
    };
  },
  'virtual:kiroku-model-server': async (version) => {
    const { serverBundleFiles } = await tsImport<typeof import('./src/deploy/bundle-server')>(
      './src/deploy/bundle-server.ts',
    );
    return { code: `export const files = ${JSON.stringify(await serverBundleFiles(version))};\n` };
  },
};

async function tsImport<T>(path: string): Promise<T> {
  const { tsImport: load } = await import('tsx/esm/api');
  return (await load(path, import.meta.url)) as T;
}

const deployAssets: Plugin = {
  name: 'kiroku:deploy-assets',
  // Hook filters: the bundler calls these only for the two ids, not for each of the app's modules.
  resolveId: {
    filter: { id: /^virtual:kiroku-/ },
    handler: (id) => (DEPLOY_MODULES[id] ? `\0${id}` : undefined),
  },
  load: {
    filter: { id: /^\0virtual:kiroku-/ },
    async handler(id) {
      const make = DEPLOY_MODULES[id.slice(1)];
      if (!make) return undefined;
      const { code, inputs = [] } = await make(pkg.version);
      for (const f of inputs) this.addWatchFile(f);
      return code;
    },
  },
};

// The notebook is the default route, so the built page names what it needs in its <head>: the notebook
// page's chunks and the sanitizer's (markdown) as module preloads, fetched and compiled beside the entry
// without running, so the page chunk imports at once; Monaco's chunks (~4 MB, needed only after the
// cells have painted, when notebook-view.tsx imports them) as prefetches, which the browser fetches at
// the lowest priority, after those. On another route they wait in the HTTP cache until the notebook
// opens (the service worker precaches every chunk anyway).
const PRELOADED = {
  modulepreload: [/\/src\/ui\/pages\/notebook-page\.tsx$/, /\/src\/ui\/sanitize\.ts$/],
  prefetch: [/\/src\/ui\/notebook\/monaco\.ts$/],
};
let base = '/';
const preloadNotebook: Plugin = {
  name: 'kiroku:preload-notebook',
  apply: 'build',
  configResolved: (config) => void (base = config.base),
  transformIndexHtml: {
    order: 'post',
    handler(html, { bundle }) {
      if (!bundle) return html;
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const named = new Set<string>();
      /** The chunk holding a module and the chunks it imports statically, less those named already. */
      const closure = (module: RegExp) => {
        const files: string[] = [];
        const add = (fileName: string) => {
          const chunk = chunks.find((c) => c.fileName === fileName);
          if (!chunk || chunk.isEntry || named.has(fileName)) return;
          named.add(fileName);
          files.push(fileName);
          chunk.imports.forEach(add);
        };
        const chunk =
          chunks.find((c) => c.facadeModuleId && module.test(c.facadeModuleId)) ??
          chunks.find((c) => c.moduleIds.some((id) => module.test(id)));
        if (!chunk) throw new Error(`kiroku:preload-notebook: no chunk holds ${module}`);
        add(chunk.fileName);
        return files;
      };
      const links = (rel: 'modulepreload' | 'prefetch', modules: RegExp[]) =>
        modules.flatMap(closure).map((f) => ({
          tag: 'link',
          attrs: { rel, ...(rel === 'prefetch' ? { as: 'script' } : {}), crossorigin: true, href: `${base}${f}` },
          injectTo: 'head' as const,
        }));
      return {
        html,
        tags: [...links('modulepreload', PRELOADED.modulepreload), ...links('prefetch', PRELOADED.prefetch)],
      };
    },
  },
};

// A first visit's first paint: index.html's body starts with the walkthrough's notebook view as static
// HTML (ui/notebook/static-view.ts, rendered here at build time), hidden unless shown, and the boot script
// (BOOT above; after the CSP, which allows it by its hash) shows it, before the body is parsed, only if
// the app's first view will be that walkthrough (ui/prerendered.ts). So the view paints as the HTML
// arrives, and its code cells take typing at once. The app's view replaces it, with what was typed. The
// entry's stylesheet (10 KB) is inlined too: as a file it is a request that holds the first paint back.
let markup = '';
const prerender: Plugin = {
  name: 'kiroku:prerender',
  apply: 'build',
  async buildStart() {
    const { prerenderedWalkthrough } = await tsImport<typeof import('./src/ui/notebook/static-view')>(
      './src/ui/notebook/static-view.ts',
    );
    markup = prerenderedWalkthrough();
  },
  transformIndexHtml: {
    order: 'post',
    handler(html, { bundle }) {
      const [title, app] = ['<title>', '<div id="app">'];
      if (!html.includes(title) || !html.includes(app)) throw new Error('kiroku:prerender: index.html changed');
      return html
        .replace(title, () => `<script>${BOOT.code}</script>\n    ${title}`)
        .replace(app, () => `${markup}\n    ${app}`)
        .replace(/<link rel="stylesheet"[^>]* href="[^"]*\/(assets\/[^"/]+\.css)">/g, (link, fileName: string) => {
          const asset = bundle?.[fileName];
          const css = asset?.type === 'asset' ? String(asset.source) : '';
          // Relative url()s would resolve against the page, not assets/: such a sheet stays a file.
          return !css || /url\(|<\/style/i.test(css) ? link : `<style>${css}</style>`;
        });
    },
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
  plugins: [pwa, tfjsWasmThreads, contentSecurityPolicy, deployAssets, preloadNotebook, prerender],
  resolve: danfojs,
  define: { __KIROKU_VERSION__: JSON.stringify(pkg.version), __KIROKU_DEPS__: JSON.stringify(pkg.dependencies) },
  server: { headers: isolation },
  preview: { headers: isolation },
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es', plugins: () => [tfjsWasmThreads] },
});

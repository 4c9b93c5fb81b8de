// The `kiroku` command as plain JavaScript for a model's Docker directory: src/cli/main.ts bundled with
// esbuild (the bundler tsx runs on) into ES modules that start with `node`. Code loaded on demand stays
// in its own chunk — the MLPs and the TensorFlow.js flavor (which import TensorFlow.js, installed in the
// image only for a model that needs it), the tracking-server client — so a linear model's server
// never loads them.
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { KirokuError } from '../lib/errors';

/** Packages the bundle leaves out: installed in the image when the model needs them, or never used by serving. */
export const EXTERNAL_PACKAGES = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-webgpu',
  'danfojs',
  'esbuild',
  'tsx',
];

/** The bundle written to `outdir` (generate-dockerfile). */
export async function bundleServer(outdir: string, version: string): Promise<void> {
  for (const [file, text] of Object.entries(await serverBundleFiles(version))) {
    const target = join(outdir, file);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}

/** The bundle's files by path (`kiroku.mjs`, `chunks/…`): the app's build ships them for its Deploy dialog. */
export async function serverBundleFiles(version: string): Promise<Record<string, string>> {
  const entry = fileURLToPath(new URL('../cli/run.ts', import.meta.url));
  if (!existsSync(entry)) {
    throw new KirokuError(
      "generate-dockerfile bundles the server from Kiroku's sources; run it from a checkout or an install of " +
        'kiroku (npx kiroku …), not from a generated image.',
      'INVALID_STATE',
    );
  }
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: { kiroku: entry },
    outdir: '/kiroku-server',
    write: false,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    external: EXTERNAL_PACKAGES,
    define: { __KIROKU_VERSION__: JSON.stringify(version), __KIROKU_DEPS__: '{}' },
    // Bundled CommonJS that calls require() needs one in an ES module.
    banner: {
      js:
        "import { createRequire as __kirokuRequire } from 'node:module'; const require = " +
        '__kirokuRequire(import.meta.url);',
    },
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [
      {
        // yaml's Node entry is CommonJS, whose named exports a bundled `await import('yaml')` would lose; its
        // ES module build (the one browsers get) has them and runs in Node as well.
        name: 'yaml-as-es-module',
        setup(build) {
          const yamlDir = dirname(createRequire(import.meta.url).resolve('yaml/package.json'));
          build.onResolve({ filter: /^yaml$/ }, () => ({ path: join(yamlDir, 'browser/index.js') }));
        },
      },
      {
        // Vite's `?url` imports (TensorFlow.js's WebAssembly files, used only in browsers) become empty strings.
        name: 'vite-url-imports',
        setup(build) {
          build.onResolve({ filter: /\?url$/ }, (args) => ({ path: args.path, namespace: 'vite-url' }));
          build.onLoad({ filter: /.*/, namespace: 'vite-url' }, () => ({
            contents: 'export default "";',
            loader: 'js',
          }));
        },
      },
    ],
  });
  return Object.fromEntries(
    result.outputFiles.map((f) => [relative('/kiroku-server', f.path).split(sep).join('/'), f.text]),
  );
}

// Builds the web predictor's two scripts (Node only: the app's Vite build calls it through
// vite.config.ts, which ships the results as text in a lazy chunk; tests call it too):
//
//   runtime.ts → one self-contained, minified ES module, the body of every downloaded predictor
//   demo.ts    → the script of the predictor's one-page demo (inlined into the page)
//
// Everything is inlined — no import is left — except what a predictor must never carry: the MLPs'
// module and TensorFlow.js are replaced by a module that says so (module.ts refuses such models before
// download), and the fitting kernels' WebAssembly is left out.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

const NO_TENSORFLOW =
  "throw new Error('A web predictor holds no TensorFlow.js: models with an MLP or a tfjs flavor have no web " +
  "predictor yet.');";
// Predicting never runs the WebAssembly kernels (they speed up fitting, and give way to plain loops
// where WebAssembly is missing): a predictor leaves their 13 kB of base64 out.
const NO_WASM_KERNELS = "export const WASM_BASE64 = ''; export const WASM_SHARED_BASE64 = '';";

export interface WebPredictorScripts {
  runtime: string;
  demo: string;
  /** The source files read, for a watcher. */
  inputs: string[];
}

export async function buildWebPredictorScripts(version: string): Promise<WebPredictorScripts> {
  const esbuild = await import('esbuild');
  const stub = (name: string, filter: RegExp, contents: string) => ({
    name,
    setup(build: import('esbuild').PluginBuild) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: name }));
      build.onLoad({ filter: /.*/, namespace: name }, () => ({ contents, loader: 'js' as const }));
    },
  });
  const one = async (entry: string) => {
    const result = await esbuild.build({
      entryPoints: [here(entry)],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      minify: true,
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'silent',
      define: { __KIROKU_VERSION__: JSON.stringify(version), __KIROKU_DEPS__: '{}' },
      plugins: [
        stub('no-tensorflow', /^\.\/neural-network\/mlp$|^@tensorflow\//, NO_TENSORFLOW),
        stub('no-wasm-kernels', /^\.\/kernels-wasm$/, NO_WASM_KERNELS),
      ],
    });
    const code = result.outputFiles[0]!.text;
    // A static import, or a dynamic one of a module name, would fetch code at run time. (The CSV reader's
    // `import(name)` of node:fs/promises runs only when Node reads a file path.)
    if (/\bimport\s*[\w{*]|\bimport\s*\(\s*['"`]|\bfrom\s*['"]/.test(code.replace(/import\.meta/g, ''))) {
      throw new Error(`The web predictor's ${entry} still imports a module; it must be self-contained.`);
    }
    return {
      code,
      inputs: Object.keys(result.metafile.inputs)
        .filter((f) => !f.includes(':'))
        .map((f) => resolve(f)),
    };
  };
  const [runtime, demo] = await Promise.all([one('./runtime.ts'), one('./demo.ts')]);
  if (/<\/script/i.test(demo.code))
    throw new Error("The web predictor's demo script contains '</script' and cannot be inlined into its page.");
  return { runtime: runtime.code, demo: demo.code, inputs: [...new Set([...runtime.inputs, ...demo.inputs])] };
}

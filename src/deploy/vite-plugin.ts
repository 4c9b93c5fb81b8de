// What the app's Deploy dialog needs from Node at build time, as virtual modules (vite.config.ts):
//
//   virtual:kiroku-web-predictor   { runtime, demo }: the web predictor's scripts (web-predictor/build.ts)
//   virtual:kiroku-model-server    { files }: the bundled `kiroku` server of a Docker directory (bundle-server.ts)
//
// Each is text in a chunk of its own that the dialog imports when a download asks for it; being .js
// chunks they are in the service worker's precache, so downloads work offline. Building them takes esbuild
// a second or two, once per build (and again in dev when their sources change).
import type { Plugin } from 'vite';

const PREDICTOR = 'virtual:kiroku-web-predictor';
const SERVER = 'virtual:kiroku-model-server';

export function deployAssets(version: string): Plugin {
  return {
    name: 'kiroku:deploy-assets',
    resolveId: (id) => (id === PREDICTOR || id === SERVER ? `\0${id}` : undefined),
    async load(id) {
      if (id === `\0${PREDICTOR}`) {
        const { buildWebPredictorScripts } = await import('./web-predictor/build');
        const built = await buildWebPredictorScripts(version);
        for (const f of built.inputs) this.addWatchFile(f);
        return `export const runtime = ${JSON.stringify(built.runtime)};\nexport const demo = ${JSON.stringify(built.demo)};\n`;
      }
      if (id === `\0${SERVER}`) {
        const { serverBundleFiles } = await import('./bundle-server');
        return `export const files = ${JSON.stringify(await serverBundleFiles(version))};\n`;
      }
      return undefined;
    },
  };
}

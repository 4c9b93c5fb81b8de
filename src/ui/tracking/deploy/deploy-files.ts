// The Deploy dialog's downloads, made here from the model's files (read through the tracking client, or
// the registry for a models:/ URI): a zip of the model for `kiroku models serve -m <zip>`, the Docker
// directory of `kiroku models generate-dockerfile`, and the web predictor with its demo page. The
// directory and the predictor are deploy/'s own code; their prebuilt parts (the server bundle, the
// predictor's runtime) come from the build as text (vite.config.ts), loaded with the first download.
import { KIROKU_VERSION } from '../../../lib/build-info';
import type { ModelLocation } from '../../../logged-model/model-source';
import { mlflow } from '../../../tracking/default';
import { fullMlflow, registryClient } from '../registry/registry';
import { downloadBaseName, modelZipName } from './file-names';

export interface DownloadFile {
  name: string;
  blob: Blob;
}

async function locate(uri: string): Promise<ModelLocation> {
  const { locateModel } = await import('../../../logged-model/model-source');
  return locateModel(uri, mlflow.client(), await registryClient());
}

/** The files loading the model reads (every flavor: the full `mlflow` registers them). */
async function modelFiles(uri: string) {
  await fullMlflow();
  const { modelFilesOf } = await import('../../../deploy/docker-directory');
  return modelFilesOf(uri, await locate(uri));
}

async function zip(entries: Record<string, Uint8Array>): Promise<Blob> {
  const { zipSync } = await import('fflate');
  return new Blob([zipSync(entries, { level: 6 }) as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
}

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/** The model folder as a zip (its files at the root): `npx kiroku models serve -m <name>-model.zip`. */
export async function modelZip(uri: string): Promise<DownloadFile> {
  const { files } = await modelFiles(uri);
  const entries: Record<string, Uint8Array> = {};
  for (const [path, blob] of files) entries[path] = await bytesOf(blob);
  return { name: modelZipName(uri), blob: await zip(entries) };
}

/** The directory `kiroku models generate-dockerfile` writes, in a folder of the zip. */
export async function dockerDirectoryZip(uri: string): Promise<DownloadFile> {
  const [{ files, needsTensorFlow }, { dockerDirectoryFiles }, server] = await Promise.all([
    modelFiles(uri),
    import('../../../deploy/docker-directory'),
    import('virtual:kiroku-model-server'),
  ]);
  const dir = `${downloadBaseName(uri)}-docker`;
  const enc = new TextEncoder();
  const entries: Record<string, Uint8Array> = {};
  for (const [path, blob] of files) entries[`${dir}/model/${path}`] = await bytesOf(blob);
  for (const [path, text] of Object.entries(server.files)) entries[`${dir}/server/${path}`] = enc.encode(text);
  for (const [path, text] of Object.entries(dockerDirectoryFiles(uri, KIROKU_VERSION, needsTensorFlow)))
    entries[`${dir}/${path}`] = enc.encode(text);
  return { name: `${dir}.zip`, blob: await zip(entries) };
}

/** The web predictor (`<name>-predictor.mjs`) and its demo page (`<name>-predictor.html`). */
export async function webPredictor(uri: string): Promise<{ module: DownloadFile; page: DownloadFile }> {
  const [scripts, m, location] = await Promise.all([
    import('virtual:kiroku-web-predictor'),
    import('../../../deploy/web-predictor/module'),
    locate(uri),
  ]);
  const text = m.webPredictorModule(scripts.runtime, await m.webPredictorModel(uri, location));
  const base = `${downloadBaseName(uri)}-predictor`;
  return {
    module: { name: `${base}.mjs`, blob: new Blob([text], { type: 'text/javascript' }) },
    page: {
      name: `${base}.html`,
      blob: new Blob([m.webPredictorPage(scripts.demo, text, `${uri} — predictions`)], { type: 'text/html' }),
    },
  };
}

// `kiroku models generate-dockerfile`: the directory of docker-directory.ts written to disk, with the
// server bundled from Kiroku's sources (bundle-server.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { bundleServer } from './bundle-server';
import { dockerDirectoryFiles, modelFilesOf } from './docker-directory';
import { modelLocation } from './open-model';
import type { TrackingServer } from './tracking-server-model';

export interface DockerDirectory {
  dir: string;
  /** Files of model/, relative to it. */
  modelFiles: string[];
  needsTensorFlow: boolean;
}

export async function generateDockerDirectory(
  model: string,
  dir: string,
  version: string,
  server: TrackingServer = {},
): Promise<DockerDirectory> {
  const { files, needsTensorFlow } = await modelFilesOf(model, await modelLocation(model, server));
  for (const [file, blob] of files) await writeTo(join(dir, 'model', file), new Uint8Array(await blob.arrayBuffer()));
  await bundleServer(join(dir, 'server'), version);
  for (const [file, text] of Object.entries(dockerDirectoryFiles(model, version, needsTensorFlow)))
    await writeTo(join(dir, file), text);
  return { dir, modelFiles: [...files.keys()].sort(), needsTensorFlow };
}

async function writeTo(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, data);
}

// A model folder on this machine, as a ModelLocation: a folder holding MLmodel (a run's `artifacts/model`
// in an unzipped mlruns export), a folder with exactly one model somewhere below it (the unzipped export
// itself), or a zip of either. Files are read on demand; a zip is read once and kept in memory.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { TrackingError } from '../lib/errors';
import type { ModelLocation } from '../logged-model/model-source';

const MLMODEL = 'MLmodel';

/** The folder or zip at `path` as a model location (the error says which models it holds when it holds several). */
export async function localModelLocation(path: string): Promise<ModelLocation> {
  const full = resolve(path);
  const info = await stat(full).catch(() => null);
  if (!info)
    throw new TrackingError(
      `No such file or directory: '${path}'. Give a model folder (holding MLmodel), a zip of one, or a runs:/ or ` +
        `models:/ URI.`,
      'RESOURCE_DOES_NOT_EXIST',
    );
  return info.isDirectory() ? folderLocation(full, path) : zipLocation(full, path);
}

async function folderLocation(dir: string, given: string): Promise<ModelLocation> {
  const models = await modelFoldersUnder(dir);
  const folder = join(
    dir,
    pickOne(
      models.map((m) => relative(dir, m).split(sep).join('/')),
      given,
    ),
  );
  return {
    artifactPath: folder,
    source: folder,
    async read(file) {
      const target = resolve(folder, file);
      if (target !== folder && !target.startsWith(folder + sep))
        throw new TrackingError(`'${file}' is outside the model folder.`);
      return new Blob([await readFile(target)]);
    },
  };
}

/** Folders at or below `dir` holding an MLmodel file (a model folder's own subfolders are not searched). */
async function modelFoldersUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && e.name === MLMODEL)) return [dir];
  const found: string[] = [];
  for (const e of entries) if (e.isDirectory()) found.push(...(await modelFoldersUnder(join(dir, e.name))));
  return found;
}

async function zipLocation(file: string, given: string): Promise<ModelLocation> {
  const { unzipSync } = await import('fflate');
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(await readFile(file)));
  } catch (e) {
    throw new TrackingError(
      `'${given}' is neither a folder nor a zip archive (${(e as Error).message}). Give a model folder (holding ` +
        `MLmodel), a zip of one, or a runs:/ or models:/ URI.`,
    );
  }
  const folders = Object.keys(files)
    .filter((p) => p === MLMODEL || p.endsWith(`/${MLMODEL}`))
    .map((p) => p.slice(0, -MLMODEL.length).replace(/\/$/, ''));
  const folder = pickOne(folders, given);
  const prefix = folder ? `${folder}/` : '';
  return {
    artifactPath: folder,
    source: `${file}${folder ? `!/${folder}` : ''}`,
    async read(path) {
      const bytes = files[prefix + path.replace(/^\/+/, '')];
      if (!bytes)
        throw new TrackingError(
          `The model folder '${folder || '.'}' in '${given}' has no file '${path}'.`,
          'RESOURCE_DOES_NOT_EXIST',
        );
      return new Blob([bytes as Uint8Array<ArrayBuffer>]);
    },
  };
}

/** The one model folder (relative path, '' for the root), or an error naming what was found. */
function pickOne(folders: string[], given: string): string {
  if (folders.length === 1) return folders[0]!;
  if (folders.length === 0)
    throw new TrackingError(`'${given}' holds no model: no MLmodel file in it or below it.`, 'RESOURCE_DOES_NOT_EXIST');
  const shown = folders
    .sort()
    .slice(0, 10)
    .map((f) => `  ${f || '.'}`)
    .join('\n');
  throw new TrackingError(
    `'${given}' holds ${folders.length} models; name one of their folders ` +
      `instead:\n${shown}${folders.length > 10 ? '\n  …' : ''}`,
  );
}

// A run's artifact tree from a server whose artifacts/list answers one folder at a time, walked folder
// by folder. A folder listed again, an entry outside the folder listed, or folders deeper than any real
// run's mean the server's listing loops (a folder containing itself, a symlink loop): the walk stops,
// saying so, instead of listing forever.
import { KirokuError } from '../../lib/errors';
import { num, str, type Json } from './json';
import { PAGING_LOOP } from './paging';

/** How deep artifact folders go before a folder is taken to contain itself. */
export const MAX_ARTIFACT_DEPTH = 32;

/** Every file below the root, sorted by path; `listFolder('')` lists the root, entries as the server sends them. */
export async function walkArtifactFolders(
  listFolder: (dir: string) => Promise<Json[]>,
): Promise<Array<{ path: string; size: number }>> {
  const files: Array<{ path: string; size: number }> = [];
  const listed = new Set<string>();
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (listed.has(dir))
      throw new KirokuError(
        `The server listed the artifact folder '${dir}' twice: it contains itself. Stopped listing.`,
        PAGING_LOOP,
      );
    if (depth > MAX_ARTIFACT_DEPTH)
      throw new KirokuError(
        `The server's artifact folders go deeper than ${MAX_ARTIFACT_DEPTH} levels ('${dir.slice(0, 80)}…'): ` +
          'a folder that contains itself? Stopped listing.',
        PAGING_LOOP,
      );
    listed.add(dir);
    for (const f of await listFolder(dir)) {
      const path = str(f.path);
      const name = dir ? path.slice(dir.length + 1) : path;
      if (
        (dir && !path.startsWith(`${dir}/`)) ||
        !name ||
        name.split('/').some((part) => !part || part === '.' || part === '..')
      ) {
        throw new KirokuError(
          `The server listed '${path}' as inside the artifact folder '${dir || '(root)'}', which it is not. ` +
            'Stopped listing.',
          PAGING_LOOP,
        );
      }
      if (f.is_dir === true) await walk(path, depth + 1);
      else files.push({ path, size: num(f.file_size, 0) });
    }
  };
  await walk('', 0);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

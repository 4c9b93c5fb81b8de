// The Files panel's files from a workspace archive: files/index.json lists them (name, type, size, date),
// files/data/<n> holds each one's bytes, streamed into the files database. Merged by name — the newer
// copy (lastModified) wins; a listed file without its bytes, or of another size, is rejected.
import { checkName, FilesStore } from '../notebook/files';
import { isQuotaError } from '../storage/reserve';
import type { Archive } from './archive-reader';
import { WorkspaceError } from './errors';
import type { ImportReport, Note } from './import-report';
import { reasonOf } from './import-report';

export async function importFiles(a: Archive, name: string, report: ImportReport, note: Note): Promise<void> {
  let index: unknown;
  try {
    index = await a.json<unknown>('files/index.json', []);
    if (!Array.isArray(index)) throw new WorkspaceError('files/index.json is not a list.');
  } catch (err) {
    note(
      { file: 'files/index.json', kind: 'file', name: 'files/index.json', action: 'rejected', reason: reasonOf(err) },
      report.files,
    );
    return;
  }
  if (!index.length) return;
  const store = new FilesStore(name);
  try {
    const here = new Map((await store.list()).map((f) => [f.name, f]));
    for (const [i, raw] of (index as unknown[]).entries()) {
      const file = `files/data/${i}`;
      const info = raw as { name?: unknown; type?: unknown; size?: unknown; lastModified?: unknown } | null;
      try {
        if (!info || typeof info.name !== 'string') throw new WorkspaceError('a file without a name');
        checkName(info.name);
        if (typeof info.type !== 'string' || !Number.isInteger(info.lastModified) || !Number.isInteger(info.size))
          throw new WorkspaceError(`file '${info.name}' has no type, size or date`);
        const entry = a.named(file);
        if (!entry)
          throw new WorkspaceError(`the archive lists file '${info.name}' but holds no bytes for it (${file})`);
        if (entry.size !== info.size)
          throw new WorkspaceError(
            `file '${info.name}' holds ${entry.size} bytes; the index says ${String(info.size)}`,
          );
        const existing = here.get(info.name);
        if (existing && existing.lastModified >= (info.lastModified as number)) {
          note({ file, kind: 'file', name: info.name, action: 'skipped', reason: 'already here' }, report.files);
          continue;
        }
        await store.putStream(
          { name: info.name, type: info.type, lastModified: info.lastModified as number },
          a.pieces(file),
        );
        note({ file, kind: 'file', name: info.name, action: existing ? 'updated' : 'added' }, report.files);
      } catch (err) {
        if (isQuotaError(err)) throw err;
        note(
          {
            file,
            kind: 'file',
            name: typeof info?.name === 'string' ? info.name : file,
            action: 'rejected',
            reason: reasonOf(err),
          },
          report.files,
        );
      }
    }
  } finally {
    await store.close();
  }
}

// Notebooks from a workspace archive into the notebooks database: each checked (notebook-check.ts),
// merged by id — the newer copy (updatedAt) wins.
import { NotebooksStore } from '../notebook/notebooks-store';
import type { Archive } from './archive-reader';
import type { ImportReport, Note } from './import-report';
import { reasonOf } from './import-report';
import { checkNotebook } from './notebook-check';

export async function importNotebooks(a: Archive, name: string, report: ImportReport, note: Note): Promise<void> {
  const paths = a.paths(/^notebooks\/[^/]+\.json$/);
  if (!paths.length) return;
  const store = await NotebooksStore.open({ name });
  try {
    for (const file of paths) {
      let doc: ReturnType<typeof checkNotebook>;
      try {
        doc = checkNotebook(await a.json<unknown>(file));
      } catch (err) {
        note({ file, kind: 'notebook', name: file, action: 'rejected', reason: reasonOf(err) }, report.notebooks);
        continue;
      }
      const existing = await store.get(doc.id);
      if (existing && existing.updatedAt >= doc.updatedAt) {
        note({ file, kind: 'notebook', name: doc.name, action: 'skipped', reason: 'already here' }, report.notebooks);
        continue;
      }
      await store.put(doc);
      note({ file, kind: 'notebook', name: doc.name, action: existing ? 'updated' : 'added' }, report.notebooks);
    }
    // A workspace with notebooks is not a first visit: the walkthrough is not seeded over them.
    if (report.notebooks.added + report.notebooks.updated + report.notebooks.skipped)
      await store.setMeta('seeded', true);
  } finally {
    store.close();
  }
}

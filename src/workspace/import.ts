// Import a workspace archive into this browser's stores, merging without duplicates, as a user of the
// stores (their `restore*`), reading the archive straight from the File (archive-reader.ts, zip-read.ts):
// - only entries the manifest names are read (format 1 archives, whose manifest names none: entries
//   the archive's own lists name); every other entry is reported and never inflated;
// - before anything is read, the declared expanded size is checked against the room the browser has,
//   and each entry is read within its declared size (JSON ≤ 64 MB, a metric block ≤ 256 MB, files and
//   artifacts streamed a chunk at a time) — a decompression bomb is refused before memory grows;
// - every item passes the API's validation (MLflow's rules: keys, names, aliases, artifact paths,
//   statuses, the shape of each field) or is rejected and reported with the reason;
// - each item is written whole or not at all (a run with its history and artifacts in one commit);
// - merging: notebooks by id, files by name, runs by id (the newer copy wins: updatedAt, lastModified,
//   lastActivity); experiments by name (a new one keeps its id unless taken, then gets a fresh id and
//   its runs follow); registered models by name, versions by number and source (a different source
//   under a taken number becomes a new version; the aliases follow it).
// The report names each file of the archive and what became of it (import-report.ts). Each store's
// part is its own module: import-notebooks.ts, import-files.ts, import-tracking.ts, import-registry.ts;
// runs, experiments and models go through the clients, which announce every change they make.
import { IdbRegistryStore } from '../model-registry/idb-store';
import { RegistryClient } from '../model-registry/client';
import { isQuotaError } from '../storage/reserve';
import { TrackingClient } from '../tracking/client';
import { IdbTrackingStore } from '../tracking/idb-store';
import { DEFAULT_DATABASES, MANIFEST, type WorkspaceDatabases } from './archive';
import { openArchive } from './archive-reader';
import { WorkspaceError } from './errors';
import { importFiles } from './import-files';
import { importNotebooks } from './import-notebooks';
import { importRegistry } from './import-registry';
import { type ImportedItem, type ImportReport, type MergeCount, mergeCount } from './import-report';
import { importExperiments, importRun } from './import-tracking';

export type { ImportedItem, ImportReport, ItemKind, MergeCount } from './import-report';

export interface ImportOptions {
  databases?: Partial<WorkspaceDatabases>;
  /** Bytes the browser can still store (default: quota − usage from navigator.storage.estimate). */
  available?: number | null;
  onProgress?: (done: number, total: number) => void;
}

async function storageRoom(): Promise<number | null> {
  const est = await globalThis.navigator?.storage?.estimate?.().catch(() => null);
  return est?.quota != null && est.usage != null ? est.quota - est.usage : null;
}

const mb = (n: number) => `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} MB`;

export async function importWorkspace(
  archive: Blob | Uint8Array | ArrayBuffer,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const dbs = { ...DEFAULT_DATABASES, ...options.databases };
  const file = archive instanceof Blob ? archive : new Blob([archive as BlobPart]);
  const a = await openArchive(file);
  const dir = a.dir;

  const report: ImportReport = {
    notebooks: mergeCount(),
    files: mergeCount(),
    experiments: mergeCount(),
    runs: mergeCount(),
    registeredModels: mergeCount(),
    modelVersions: mergeCount(),
    remappedExperiments: {},
    items: [],
    unnamedEntries: [...dir.keys()].filter((p) => p !== MANIFEST && !a.named(p)),
  };
  const expanded = [...dir.values()].filter((e) => a.named(e.name)).reduce((s, e) => s + e.size, 0);
  const room = options.available === undefined ? await storageRoom() : options.available;
  if (room !== null && expanded > room) {
    throw new WorkspaceError(
      `This archive expands to ${mb(expanded)}, and the browser can store ${mb(Math.max(0, room))} more here. ` +
        'Nothing was imported. Free space (Settings → Storage) or import it where there is more room.',
      'TOO_LARGE',
    );
  }

  const item = (i: ImportedItem, counts: MergeCount) => {
    report.items.push(i);
    counts[i.action]++;
  };
  try {
    await importNotebooks(a, dbs.notebooks, report, item);
    await importFiles(a, dbs.files, report, item);
    const tracking = new TrackingClient(new IdbTrackingStore(dbs.tracking));
    const registry = new RegistryClient(new IdbRegistryStore(dbs.tracking));
    try {
      const ids = await importExperiments(a, tracking, report, item);
      const runPaths = a.paths(/^tracking\/runs\/[^/]+\/run\.json$/);
      for (const [i, path] of runPaths.entries()) {
        await importRun(a, tracking, path, ids, report, item);
        options.onProgress?.(i + 1, runPaths.length);
      }
      await importRegistry(a, registry, report, item);
    } finally {
      await tracking.store.close();
    }
  } catch (err) {
    if (isQuotaError(err) || (err as { code?: string }).code === 'QUOTA_EXCEEDED') {
      throw new WorkspaceError(
        'The browser refused to store more data (storage quota exceeded) while importing. ' +
          `What was imported so far is complete (${report.runs.added + report.runs.updated} runs); ` +
          'nothing already stored was harmed. Free space and import again: items already here are skipped.',
        'QUOTA_EXCEEDED',
      );
    }
    throw err;
  }
  return report;
}

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
// The report names each file of the archive and what became of it.
import { IdbTrackingStore } from '../tracking/idb-store';
import { IdbRegistryStore } from '../model-registry/idb-store';
import { announce } from '../tracking/events';
import { checkExperiment, checkFile, checkHistory, checkRun, type DumpedRun } from '../tracking/dump';
import { checkModel, checkVersion } from '../model-registry/validation';
import type { Experiment } from '../tracking/entities';
import type { ModelVersion, RegisteredModel } from '../model-registry/entities';
import type { StoredModelVersion } from '../storage/schema';
import { isQuotaError } from '../storage/reserve';
import { NotebooksStore } from '../notebook/notebooks-store';
import { FilesStore, checkName } from '../notebook/files';
import { DEFAULT_DATABASES, MANIFEST, decodeSeries, runDir, type WorkspaceDatabases } from './archive';
import { type Archive, LIMITS, openArchive } from './archive-reader';
import { WorkspaceError } from './errors';
import { checkNotebook } from './notebook-check';

export interface MergeCount {
  added: number;
  updated: number;
  /** Already here (and not older than here). */
  skipped: number;
  /** Refused: the archive's copy breaks a rule, or cannot be read. */
  rejected: number;
}

export type ItemKind = 'notebook' | 'file' | 'experiment' | 'run' | 'registeredModel';

export interface ImportedItem {
  /** The archive entry the item came from. */
  file: string;
  kind: ItemKind;
  name: string;
  action: 'added' | 'updated' | 'skipped' | 'rejected';
  reason?: string;
}

export interface ImportReport {
  notebooks: MergeCount;
  files: MergeCount;
  experiments: MergeCount;
  runs: MergeCount;
  registeredModels: MergeCount;
  modelVersions: MergeCount;
  /** Archived experiment id → the id it has here, where they differ. */
  remappedExperiments: Record<string, string>;
  items: ImportedItem[];
  /** Entries of the archive that nothing names: never read. */
  unnamedEntries: string[];
}

export interface ImportOptions {
  databases?: Partial<WorkspaceDatabases>;
  /** Bytes the browser can still store (default: quota − usage from navigator.storage.estimate). */
  available?: number | null;
  onProgress?: (done: number, total: number) => void;
}

const count = (): MergeCount => ({ added: 0, updated: 0, skipped: 0, rejected: 0 });
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

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
    notebooks: count(),
    files: count(),
    experiments: count(),
    runs: count(),
    registeredModels: count(),
    modelVersions: count(),
    remappedExperiments: {},
    items: [],
    unnamedEntries: [...dir.keys()].filter((p) => p !== MANIFEST && !a.named(p)),
  };
  const expanded = [...dir.values()].filter((e) => a.named(e.name)).reduce((s, e) => s + e.size, 0);
  const room = options.available === undefined ? await storageRoom() : options.available;
  if (room !== null && expanded > room) {
    throw new WorkspaceError(
      `This archive expands to ${mb(expanded)}, and the browser can store ${mb(Math.max(0, room))} more here. Nothing was imported. ` +
        'Free space (Settings → Storage) or import it where there is more room.',
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
    const tracking = new IdbTrackingStore(dbs.tracking);
    const registry = new IdbRegistryStore(dbs.tracking);
    try {
      const ids = await importExperiments(a, tracking, report, item);
      const runPaths = a.paths(/^tracking\/runs\/[^/]+\/run\.json$/);
      for (const [i, path] of runPaths.entries()) {
        await importRun(a, tracking, path, ids, report, item);
        options.onProgress?.(i + 1, runPaths.length);
      }
      await importRegistry(a, registry, report, item);
    } finally {
      await tracking.close();
    }
  } catch (err) {
    if (isQuotaError(err) || (err as { code?: string }).code === 'QUOTA_EXCEEDED') {
      throw new WorkspaceError(
        `The browser refused to store more data (storage quota exceeded) while importing. What was imported so far is complete ` +
          `(${report.runs.added + report.runs.updated} runs); nothing already stored was harmed. Free space and import again: items already here are skipped.`,
        'QUOTA_EXCEEDED',
      );
    }
    throw err;
  }
  return report;
}

type Note = (i: ImportedItem, counts: MergeCount) => void;

async function importNotebooks(a: Archive, name: string, report: ImportReport, note: Note): Promise<void> {
  const paths = a.paths(/^notebooks\/[^/]+\.json$/);
  if (!paths.length) return;
  const store = await NotebooksStore.open({ name });
  try {
    for (const file of paths) {
      let doc: ReturnType<typeof checkNotebook>;
      try {
        doc = checkNotebook(await a.json<unknown>(file));
      } catch (err) {
        note({ file, kind: 'notebook', name: file, action: 'rejected', reason: message(err) }, report.notebooks);
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

async function importFiles(a: Archive, name: string, report: ImportReport, note: Note): Promise<void> {
  let index: unknown;
  try {
    index = await a.json<unknown>('files/index.json', []);
    if (!Array.isArray(index)) throw new WorkspaceError('files/index.json is not a list.');
  } catch (err) {
    note(
      { file: 'files/index.json', kind: 'file', name: 'files/index.json', action: 'rejected', reason: message(err) },
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
            reason: message(err),
          },
          report.files,
        );
      }
    }
  } finally {
    await store.close();
  }
}

/** Returns archived experiment id → local id. */
async function importExperiments(
  a: Archive,
  store: IdbTrackingStore,
  report: ImportReport,
  note: Note,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const file = 'tracking/experiments.json';
  let list: unknown;
  try {
    list = await a.json<unknown>(file, []);
    if (!Array.isArray(list)) throw new WorkspaceError(`${file} is not a list.`);
  } catch (err) {
    note({ file, kind: 'experiment', name: file, action: 'rejected', reason: message(err) }, report.experiments);
    return ids;
  }
  const local = await store.listExperiments('ALL');
  const taken = new Set(local.map((e) => e.experimentId));
  let next = local.reduce((m, e) => Math.max(m, Number(e.experimentId) + 1), 0);
  for (const raw of list) {
    let e: Experiment;
    try {
      e = checkExperiment(raw);
    } catch (err) {
      const name = (raw as { name?: unknown })?.name;
      note(
        {
          file,
          kind: 'experiment',
          name: typeof name === 'string' ? name : '(unnamed)',
          action: 'rejected',
          reason: message(err),
        },
        report.experiments,
      );
      continue;
    }
    next = Math.max(next, Number(e.experimentId) + 1);
    const same = await store.getExperimentByName(e.name);
    if (same) {
      ids.set(e.experimentId, same.experimentId);
      if (same.experimentId !== e.experimentId) report.remappedExperiments[e.experimentId] = same.experimentId;
      note({ file, kind: 'experiment', name: e.name, action: 'skipped', reason: 'already here' }, report.experiments);
      continue;
    }
    let exp = e;
    if (taken.has(e.experimentId)) {
      const id = String(next++);
      exp = { ...e, experimentId: id, artifactLocation: `${store.uri}/${id}` };
      report.remappedExperiments[e.experimentId] = id;
    }
    await store.restoreExperiment(exp);
    taken.add(exp.experimentId);
    ids.set(e.experimentId, exp.experimentId);
    announce(store.uri, { type: 'experiment-changed', experimentId: exp.experimentId });
    note({ file, kind: 'experiment', name: e.name, action: 'added' }, report.experiments);
  }
  return ids;
}

async function importRun(
  a: Archive,
  store: IdbTrackingStore,
  file: string,
  ids: Map<string, string>,
  report: ImportReport,
  note: Note,
): Promise<void> {
  let name = file;
  try {
    const raw = await a.json<Record<string, unknown>>(file);
    const record = checkRun(raw);
    const runId = record.info.runId;
    name = `${record.info.runName} (${runId})`;
    const dir = runDir(runId);
    if (`${dir}/run.json` !== file)
      throw new WorkspaceError(`${file} holds run ${runId}, whose entries are under ${dir}/.`);
    const experimentId = ids.get(record.info.experimentId);
    if (experimentId === undefined)
      throw new WorkspaceError(`its experiment ${record.info.experimentId} is not in the archive (or was rejected)`);
    const keys = raw.metricKeys ?? [];
    const listed = raw.artifacts ?? [];
    if (!Array.isArray(keys) || !Array.isArray(listed))
      throw new WorkspaceError('metricKeys and artifacts must be lists');
    const files = listed.map((f) => checkFile(f, runId));
    if (new Set(files.map((f) => f.path)).size !== files.length) throw new WorkspaceError('a file is listed twice');
    if (new Set(keys).size !== keys.length) throw new WorkspaceError('a metric key is listed twice');
    const history = [];
    for (const [i, key] of keys.entries()) {
      const path = `${dir}/metrics/${i}.f64`;
      const entry = a.named(path);
      if (!entry)
        throw new WorkspaceError(`the archive lists metric '${String(key)}' but holds no history for it (${path})`);
      history.push(checkHistory(key, runId, decodeSeries(await a.bytes(entry, LIMITS.series))));
    }
    for (const f of files)
      if (!a.named(`${dir}/artifacts/${f.path}`))
        throw new WorkspaceError(`the archive lists artifact '${f.path}' but holds no bytes for it`);
    const moved = experimentId !== record.info.experimentId;
    const run: DumpedRun = {
      ...record,
      info: {
        ...record.info,
        experimentId,
        artifactUri: moved ? `${store.uri}/${experimentId}/${runId}/artifacts` : record.info.artifactUri,
      },
      history,
      files: files.map((f) => ({
        ...f,
        size: f.size >= 0 ? f.size : a.named(`${dir}/artifacts/${f.path}`)!.size,
        open: () => a.pieces(`${dir}/artifacts/${f.path}`),
      })),
    };
    const outcome = await store.restoreRun(run, { onlyIfNewer: true });
    if (outcome === 'kept') {
      note({ file, kind: 'run', name, action: 'skipped', reason: 'already here' }, report.runs);
      return;
    }
    note({ file, kind: 'run', name, action: outcome === 'replaced' ? 'updated' : 'added' }, report.runs);
    announce(
      store.uri,
      outcome === 'replaced' ? { type: 'run-updated', runId } : { type: 'run-created', runId, experimentId },
    );
  } catch (err) {
    if (isQuotaError(err) || (err as { code?: string }).code === 'QUOTA_EXCEEDED') throw err;
    note({ file, kind: 'run', name, action: 'rejected', reason: message(err) }, report.runs);
  }
}

function stored(v: ModelVersion): StoredModelVersion {
  const { aliases: _a, ...rest } = v;
  return { ...rest, version: Number(v.version) };
}

async function importRegistry(a: Archive, store: IdbRegistryStore, report: ImportReport, note: Note): Promise<void> {
  const file = 'registry/models.json';
  let models: unknown, versions: unknown;
  try {
    models = await a.json<unknown>(file, []);
    versions = await a.json<unknown>('registry/versions.json', []);
    if (!Array.isArray(models) || !Array.isArray(versions))
      throw new WorkspaceError('registry/models.json and versions.json must be lists');
  } catch (err) {
    note(
      { file, kind: 'registeredModel', name: file, action: 'rejected', reason: message(err) },
      report.registeredModels,
    );
    return;
  }
  for (const raw of models) {
    let m: RegisteredModel;
    let archived: StoredModelVersion[];
    try {
      m = checkModel(raw);
      archived = versions
        .filter((v) => (v as { name?: unknown })?.name === m.name)
        .map(checkVersion)
        .sort((x, y) => x.version - y.version);
      if (new Set(archived.map((v) => v.version)).size !== archived.length)
        throw new WorkspaceError('a version number is listed twice');
    } catch (err) {
      const name = (raw as { name?: unknown })?.name;
      note(
        {
          file,
          kind: 'registeredModel',
          name: typeof name === 'string' ? name : '(unnamed)',
          action: 'rejected',
          reason: message(err),
        },
        report.registeredModels,
      );
      continue;
    }
    const local = await store.getRegisteredModel(m.name);
    const localVersions = local ? (await store.listModelVersions(m.name)).map(stored) : [];
    const byNumber = new Map(localVersions.map((v) => [v.version, v]));
    let max = localVersions.reduce((x, v) => Math.max(x, v.version), 0);
    const renumbered = new Map<number, number>();
    const writes: StoredModelVersion[] = [];
    for (const v of archived) {
      const same = byNumber.get(v.version);
      if (same && same.source === v.source && same.runId === v.runId) {
        if (v.lastUpdatedTimestamp > same.lastUpdatedTimestamp) {
          writes.push(v);
          report.modelVersions.updated++;
        } else report.modelVersions.skipped++;
        continue;
      }
      // A version of the same source under another number is the same version.
      const twin = localVersions.find((l) => l.source === v.source && l.runId === v.runId);
      if (twin) {
        renumbered.set(v.version, twin.version);
        report.modelVersions.skipped++;
        continue;
      }
      const number = same ? ++max : v.version;
      max = Math.max(max, number);
      if (number !== v.version) renumbered.set(v.version, number);
      writes.push({ ...v, version: number });
      report.modelVersions.added++;
    }
    const known = new Set([...localVersions.map((v) => v.version), ...writes.map((v) => v.version)]);
    const aliases: Record<string, string> = { ...local?.aliases };
    for (const [alias, version] of Object.entries(m.aliases)) {
      const target = renumbered.get(Number(version)) ?? Number(version);
      if (!(alias in aliases) && known.has(target)) aliases[alias] = String(target);
    }
    const merged: RegisteredModel = local
      ? {
          ...local,
          description: local.description || m.description,
          tags: { ...m.tags, ...local.tags },
          aliases,
          lastUpdatedTimestamp: Math.max(local.lastUpdatedTimestamp, m.lastUpdatedTimestamp),
        }
      : { ...m, aliases };
    const unchanged = local && !writes.length && JSON.stringify(merged) === JSON.stringify(local);
    if (unchanged) {
      note(
        { file, kind: 'registeredModel', name: m.name, action: 'skipped', reason: 'already here' },
        report.registeredModels,
      );
      continue;
    }
    await store.restoreModel({ model: merged, versions: writes });
    note({ file, kind: 'registeredModel', name: m.name, action: local ? 'updated' : 'added' }, report.registeredModels);
    announce(store.uri, { type: 'model-registered', name: m.name });
  }
}

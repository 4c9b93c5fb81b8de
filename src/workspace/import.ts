// Import a workspace archive, merging into what this browser already holds without duplicates:
// - notebooks by id, files by name, runs by id: added when new, updated when the archive's copy is
//   newer (updatedAt, lastModified, lastActivity), skipped otherwise;
// - experiments by name: an archived experiment whose name exists here is the local one (its runs
//   join it); a new name keeps its id unless that id is taken, in which case it gets a fresh id and
//   its runs are remapped;
// - registered models by name, versions by number: the same number with the same source is the same
//   version; a different source under a taken number becomes a new version (aliases follow it).
// Each run is written in its own transaction, so a full disk stops the import between two runs and
// leaves every stored run whole.
import { unzipSync } from 'fflate';
import type { IDBPDatabase } from 'idb';
import { openKirokuDB } from '../storage/connection';
import { chunkRange, splitBytes } from '../storage/chunks';
import { BULK_CHUNK_SIZE, type KirokuDB, type MetricChunk, type StoredModelVersion } from '../storage/schema';
import type { Experiment } from '../tracking/entities';
import type { RunRow } from '../tracking/run-row';
import { announce } from '../tracking/events';
import { isQuotaError } from '../tracking/idb-store';
import type { RegisteredModel } from '../registry/entities';
import type { NotebookDoc } from '../notebook/document';
import { NotebooksStore } from '../notebook/notebooks-store';
import { FilesStore, type FileInfo } from '../notebook/files';
import {
  DEFAULT_DATABASES, FORMAT, FORMAT_VERSION, MANIFEST, decodeJSON, decodeSeries, runDir, type Manifest, type WorkspaceDatabases,
} from './archive';
import type { ExportedRun } from './export';
import { WorkspaceError } from './errors';

export interface MergeCount {
  added: number;
  updated: number;
  skipped: number;
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
}

const count = (): MergeCount => ({ added: 0, updated: 0, skipped: 0 });

export async function importWorkspace(
  archive: Uint8Array | ArrayBuffer | Blob,
  options: { databases?: Partial<WorkspaceDatabases> } = {},
): Promise<ImportReport> {
  const dbs = { ...DEFAULT_DATABASES, ...options.databases };
  const bytes = archive instanceof Uint8Array ? archive : new Uint8Array(archive instanceof Blob ? await archive.arrayBuffer() : archive);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (err) {
    throw new WorkspaceError(`This file is not a zip archive (${(err as Error).message}); choose a file made by "Export workspace".`);
  }
  const manifestBytes = entries[MANIFEST];
  const manifest = manifestBytes && decodeJSON<Manifest>(manifestBytes);
  if (!manifest || manifest.format !== FORMAT) {
    throw new WorkspaceError(`This zip is not a Kiroku workspace: it has no ${MANIFEST}. Choose a file made by "Export workspace".`);
  }
  if (manifest.version > FORMAT_VERSION) {
    throw new WorkspaceError(
      `This workspace was exported by a newer Kiroku (${manifest.app}, format ${manifest.version}); this one reads format ${FORMAT_VERSION}. Update the app and import again.`,
    );
  }
  const report: ImportReport = {
    notebooks: count(), files: count(), experiments: count(), runs: count(), registeredModels: count(), modelVersions: count(),
    remappedExperiments: {},
  };
  const json = <T>(path: string, fallback: T): T => (entries[path] ? decodeJSON<T>(entries[path]) : fallback);

  try {
    await importNotebooks(dbs.notebooks, entries, report);
    await importFiles(dbs.files, entries, json<FileInfo[]>('files/index.json', []), report);
    const db = await openKirokuDB(dbs.tracking);
    const uri = `indexeddb:${dbs.tracking}`;
    const ids = await importExperiments(db, uri, json<Experiment[]>('tracking/experiments.json', []), report);
    const runIds = Object.keys(entries)
      .map((p) => /^tracking\/runs\/([^/]+)\/run\.json$/.exec(p)?.[1])
      .filter((id): id is string => !!id);
    for (const runId of runIds) await importRun(db, uri, runId, entries, ids, report);
    await importRegistry(db, uri, json<RegisteredModel[]>('registry/models.json', []), json<StoredModelVersion[]>('registry/versions.json', []), report);
  } catch (err) {
    if (isQuotaError(err)) {
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

async function importNotebooks(name: string, entries: Record<string, Uint8Array>, report: ImportReport): Promise<void> {
  const paths = Object.keys(entries).filter((p) => /^notebooks\/[^/]+\.json$/.test(p));
  if (!paths.length) return;
  const store = await NotebooksStore.open({ name });
  try {
    for (const p of paths) {
      const doc = decodeJSON<NotebookDoc>(entries[p]!);
      const existing = await store.get(doc.id);
      if (existing && existing.updatedAt >= doc.updatedAt) report.notebooks.skipped++;
      else {
        await store.put(doc);
        report.notebooks[existing ? 'updated' : 'added']++;
      }
    }
    // A workspace with notebooks is not a first visit: the walkthrough is not seeded over them.
    await store.setMeta('seeded', true);
  } finally {
    store.close();
  }
}

async function importFiles(name: string, entries: Record<string, Uint8Array>, index: FileInfo[], report: ImportReport): Promise<void> {
  if (!index.length) return;
  const store = new FilesStore(name);
  try {
    const here = new Map((await store.list()).map((f) => [f.name, f]));
    for (const [i, info] of index.entries()) {
      const data = entries[`files/data/${i}`];
      if (!data) throw new WorkspaceError(`The archive lists file '${info.name}' but holds no bytes for it (files/data/${i}).`);
      const existing = here.get(info.name);
      if (existing && existing.lastModified >= info.lastModified) {
        report.files.skipped++;
        continue;
      }
      await store.put({ name: info.name, data, type: info.type, lastModified: info.lastModified });
      report.files[existing ? 'updated' : 'added']++;
    }
  } finally {
    await store.close();
  }
}

/** Returns archived experiment id → local id. */
async function importExperiments(db: IDBPDatabase<KirokuDB>, uri: string, experiments: Experiment[], report: ImportReport): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const tx = db.transaction(['experiments', 'meta'], 'readwrite');
  const added: string[] = [];
  await atomically(tx, async () => {
    const store = tx.objectStore('experiments');
    const local = await store.getAll();
    const byName = new Map(local.map((e) => [e.name, e]));
    const taken = new Set(local.map((e) => e.experimentId));
    let next = Number((await tx.objectStore('meta').get('nextExperimentId'))?.value ?? 0);
    for (const e of [...local, ...experiments]) if (/^\d+$/.test(e.experimentId)) next = Math.max(next, Number(e.experimentId) + 1);
    for (const e of experiments) {
      const same = byName.get(e.name);
      if (same) {
        ids.set(e.experimentId, same.experimentId);
        if (same.experimentId !== e.experimentId) report.remappedExperiments[e.experimentId] = same.experimentId;
        report.experiments.skipped++;
        continue;
      }
      let id = e.experimentId;
      let artifactLocation = e.artifactLocation;
      if (taken.has(id)) {
        id = String(next++);
        artifactLocation = `${uri}/${id}`;
        report.remappedExperiments[e.experimentId] = id;
      }
      const exp: Experiment = { ...e, experimentId: id, artifactLocation, tags: { ...e.tags } };
      await store.add(exp);
      taken.add(id);
      byName.set(exp.name, exp);
      ids.set(e.experimentId, id);
      added.push(id);
      report.experiments.added++;
    }
    await tx.objectStore('meta').put({ key: 'nextExperimentId', value: next });
  });
  for (const id of added) announce(uri, { type: 'experiment-changed', experimentId: id });
  return ids;
}

async function importRun(
  db: IDBPDatabase<KirokuDB>, uri: string, runId: string, entries: Record<string, Uint8Array>, ids: Map<string, string>, report: ImportReport,
): Promise<void> {
  const dir = runDir(runId);
  const exported = decodeJSON<ExportedRun>(entries[`${dir}/run.json`]!);
  const { metricKeys, artifacts, ...rest } = exported;
  const experimentId = ids.get(rest.info.experimentId);
  if (experimentId === undefined) {
    throw new WorkspaceError(`Run ${runId} belongs to experiment ${rest.info.experimentId}, which the archive does not hold.`);
  }
  // Decode before the transaction opens: it must not wait on anything but IndexedDB.
  const series = metricKeys.map((key, i) => {
    const block = entries[`${dir}/metrics/${i}.f64`];
    if (!block) throw new WorkspaceError(`The archive lists metric '${key}' of run ${runId} but holds no history for it.`);
    return { key, ...decodeSeries(block) };
  });
  const files = artifacts.map((a) => {
    const data = entries[`${dir}/artifacts/${a.path}`];
    if (!data) throw new WorkspaceError(`The archive lists artifact '${a.path}' of run ${runId} but holds no bytes for it.`);
    return { ...a, bytes: data.slice().buffer as ArrayBuffer };
  });

  const tx = db.transaction(['runs', 'metricChunks', 'artifacts', 'artifactChunks', 'meta'], 'readwrite');
  const runs = tx.objectStore('runs');
  const outcome = await atomically(tx, async () => {
    const existing = await runs.get(runId);
    if (existing && existing.lastActivity >= rest.lastActivity) return 'skipped' as const;
    // Requests issued before a failure reject when the transaction aborts: they are awaited together below.
    const writes: Promise<unknown>[] = [];
    const push = (...requests: Promise<unknown>[]) => {
      for (const r of requests) {
        r.catch(() => {}); // handled: Promise.all(writes) below reports the failure
        writes.push(r);
      }
    };
    if (existing) {
      // The archive's copy is newer: it replaces this run's history and artifacts whole.
      const range = IDBKeyRange.bound([runId], [runId, []]);
      // One request per push: a request that throws must not leave the one before it unhandled.
      push(tx.objectStore('metricChunks').delete(range));
      for (const m of await tx.objectStore('artifacts').getAll(range)) push(tx.objectStore('artifactChunks').delete(chunkRange(m.blobId)));
      push(tx.objectStore('artifacts').delete(range));
    }
    const moved = experimentId !== rest.info.experimentId;
    const row: RunRow = {
      ...rest,
      info: { ...rest.info, experimentId, artifactUri: moved ? `${uri}/${experimentId}/${runId}/artifacts` : rest.info.artifactUri },
      metricCounts: {},
      version: 0,
    };
    for (const s of series) {
      const n = s.steps.length;
      // Chunked as a big flush is (docs/architecture.md): up to BULK_CHUNK_SIZE points, arrays as long as `count`.
      for (let c = 0; c * BULK_CHUNK_SIZE < n; c++) {
        const from = c * BULK_CHUNK_SIZE, to = Math.min(n, from + BULK_CHUNK_SIZE);
        const chunk: MetricChunk = {
          runId, key: s.key, chunk: c, count: to - from,
          steps: s.steps.slice(from, to), values: s.values.slice(from, to), timestamps: s.timestamps.slice(from, to),
        };
        push(tx.objectStore('metricChunks').put(chunk));
      }
      row.metricCounts[s.key] = n;
    }
    for (const a of files) {
      const { ref, records } = splitBytes(a.bytes);
      for (const r of records) push(tx.objectStore('artifactChunks').put(r));
      push(tx.objectStore('artifacts').put({ runId, path: a.path, contentType: a.contentType, size: ref.size, blobId: ref.blobId, chunks: ref.chunks }));
    }
    // Stamp the row with a new change version so every tab's cached run list picks it up.
    const meta = tx.objectStore('meta');
    row.version = Number((await meta.get('runsVersion'))?.value ?? 0) + 1;
    push(meta.put({ key: 'runsVersion', value: row.version }));
    push(runs.put(row));
    await Promise.all(writes);
    return existing ? ('updated' as const) : ('added' as const);
  });
  report.runs[outcome]++;
  if (outcome !== 'skipped') announce(uri, outcome === 'updated' ? { type: 'run-updated', runId } : { type: 'run-created', runId, experimentId });
}

async function importRegistry(
  db: IDBPDatabase<KirokuDB>, uri: string, models: RegisteredModel[], versions: StoredModelVersion[], report: ImportReport,
): Promise<void> {
  if (!models.length) return;
  const tx = db.transaction(['registeredModels', 'modelVersions'], 'readwrite');
  const changed = new Set<string>();
  await atomically(tx, async () => {
    const modelStore = tx.objectStore('registeredModels');
    const versionStore = tx.objectStore('modelVersions');
    for (const m of models) {
      const local = await modelStore.get(m.name);
      const localVersions = await versionStore.getAll(IDBKeyRange.bound([m.name, -Infinity], [m.name, Infinity]));
      const byNumber = new Map(localVersions.map((v) => [v.version, v]));
      let max = localVersions.reduce((x, v) => Math.max(x, v.version), 0);
      const renumbered = new Map<number, number>();
      for (const v of versions.filter((v) => v.name === m.name).sort((a, b) => a.version - b.version)) {
        const same = byNumber.get(v.version);
        if (same && same.source === v.source && same.runId === v.runId) {
          if (v.lastUpdatedTimestamp > same.lastUpdatedTimestamp) {
            await versionStore.put({ ...v, tags: { ...v.tags } });
            report.modelVersions.updated++;
            changed.add(m.name);
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
        await versionStore.put({ ...v, version: number, tags: { ...v.tags } });
        report.modelVersions.added++;
        changed.add(m.name);
      }
      const aliases: Record<string, string> = { ...local?.aliases };
      for (const [alias, version] of Object.entries(m.aliases)) {
        if (alias in aliases) continue;
        aliases[alias] = String(renumbered.get(Number(version)) ?? version);
      }
      if (!local) {
        await modelStore.put({ ...m, tags: { ...m.tags }, aliases });
        report.registeredModels.added++;
        changed.add(m.name);
      } else {
        const merged: RegisteredModel = {
          ...local,
          description: local.description || m.description,
          tags: { ...m.tags, ...local.tags },
          aliases,
          lastUpdatedTimestamp: Math.max(local.lastUpdatedTimestamp, m.lastUpdatedTimestamp),
        };
        const same = JSON.stringify(merged) === JSON.stringify(local);
        if (!same) {
          await modelStore.put(merged);
          changed.add(m.name);
        }
        report.registeredModels[same ? 'skipped' : 'updated']++;
      }
    }
  });
  for (const name of changed) announce(uri, { type: 'model-registered', name });
}

/**
 * Run `body` in `tx` and wait for the commit; any failure — a refused write, a throw in between —
 * aborts the transaction, so nothing of it is written.
 */
async function atomically<T>(tx: { abort(): void; done: Promise<void> }, body: () => Promise<T>): Promise<T> {
  try {
    const out = await body();
    await tx.done;
    return out;
  } catch (err) {
    try {
      tx.abort();
    } catch {
      // Already finished (a real quota error aborts the transaction itself).
    }
    await tx.done.catch(() => {});
    throw err;
  }
}

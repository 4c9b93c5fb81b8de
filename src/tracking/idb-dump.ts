// Whole runs in and out of the IndexedDB tracking store: `dump` streams experiments and runs (a run's
// files are read only when a consumer opens them, a chunk at a time), `restoreExperiment` and
// `restoreRun` write one item whole or not at all, `purgeRuns` deletes runs for good. The layout rules
// (metric chunks, file chunks, change versions) are the store's own, from idb-metrics, idb-artifacts and
// idb-versions: nothing outside tracking/ knows them.
import type { IDBPDatabase } from 'idb';
import { TrackingError } from '../lib/errors';
import { chunkRange, chunkStream, deleteBlob, stageStream, type ChunkedBytes } from '../storage/chunks';
import type { ArtifactMeta, KirokuDB } from '../storage/schema';
import type { Experiment } from './entities';
import { experimentNotFound } from './errors';
import { deleteOrphanChunks } from './idb-artifacts';
import { historiesOf, runChunkRange, writeHistory } from './idb-metrics';
import { bumpVersion } from './idb-versions';
import type { DumpedRun, TrackingDumpItem } from './dump';
import type { RunRow } from './run-row';
import type { PurgeResult } from './store';

const runFiles = (runId: string) => IDBKeyRange.bound([runId, ''], [runId, '\uffff']);

export async function* dumpStore(db: IDBPDatabase<KirokuDB>): AsyncIterable<TrackingDumpItem> {
  for (const experiment of await db.getAll('experiments')) yield { kind: 'experiment', experiment };
  for (const runId of await db.getAllKeys('runs')) {
    // A run's row, history and file list in one snapshot; its files' bytes are read when opened
    // (a file's chunks never change once named: a replaced file gets new ones).
    const tx = db.transaction(['runs', 'metricChunks', 'artifacts']);
    const [row, chunks, metas] = await Promise.all([
      tx.objectStore('runs').get(runId),
      tx.objectStore('metricChunks').getAll(runChunkRange(runId)),
      tx.objectStore('artifacts').getAll(runFiles(runId)),
    ]);
    if (!row) continue;
    const { version: _v, metricCounts: _c, ...record } = row;
    yield {
      kind: 'run',
      run: {
        ...record,
        history: historiesOf(chunks),
        files: metas
          .filter((m) => m.blobId)
          .map((m) => ({
            path: m.path,
            contentType: m.contentType,
            size: m.size,
            open: () => chunkStream(db, 'artifactChunks', m),
          })),
      },
    };
  }
}

/** Adds an experiment with its own id; refuses one whose id or name is taken. */
export async function restoreExperiment(db: IDBPDatabase<KirokuDB>, exp: Experiment): Promise<void> {
  const tx = db.transaction(['experiments', 'meta'], 'readwrite');
  const store = tx.objectStore('experiments');
  if (
    (await store.getKey(exp.experimentId)) !== undefined ||
    (await store.index('byName').getKey(exp.name)) !== undefined
  ) {
    tx.abort();
    await tx.done.catch(() => {});
    throw new TrackingError(
      `Experiment ${exp.experimentId} ('${exp.name}') already exists.`,
      'RESOURCE_ALREADY_EXISTS',
    );
  }
  const next = Number((await tx.objectStore('meta').get('nextExperimentId'))?.value ?? 0);
  await Promise.all([
    store.add(structuredClone(exp)),
    tx.objectStore('meta').put({ key: 'nextExperimentId', value: Math.max(next, Number(exp.experimentId) + 1) }),
    tx.done,
  ]);
}

/**
 * Writes a run whole — row, metric history, files — replacing the run of the same id if there is one.
 * Files are staged first (one chunk per transaction); then one transaction names them and writes the
 * rest, so the run appears whole or not at all, and a failure leaves what was stored before untouched.
 */
export async function restoreRun(
  db: IDBPDatabase<KirokuDB>,
  run: DumpedRun,
  options: { onlyIfNewer?: boolean } = {},
): Promise<'added' | 'replaced' | 'kept'> {
  const runId = run.info.runId;
  const notNewer = (row: RunRow | undefined) => options.onlyIfNewer && row && row.lastActivity >= run.lastActivity;
  if (notNewer(await db.get('runs', runId))) return 'kept';
  const staged: Array<{ path: string; contentType: string; ref: ChunkedBytes }> = [];
  const discard = () => Promise.all(staged.map((f) => deleteBlob(db, 'artifactChunks', f.ref.blobId).catch(() => {})));
  try {
    for (const f of run.files) {
      const ref = await stageStream(db, 'artifactChunks', f.open());
      staged.push({ path: f.path, contentType: f.contentType, ref });
      if (f.size >= 0 && ref.size !== f.size)
        throw new TrackingError(`File '${f.path}' of run ${runId} holds ${ref.size} bytes; the run lists ${f.size}.`);
    }
    const tx = db.transaction(
      ['experiments', 'runs', 'metricChunks', 'artifacts', 'artifactChunks', 'meta'],
      'readwrite',
    );
    const writes: Promise<unknown>[] = [];
    try {
      if ((await tx.objectStore('experiments').getKey(run.info.experimentId)) === undefined)
        throw experimentNotFound(run.info.experimentId);
      const existing = await tx.objectStore('runs').get(runId);
      if (notNewer(existing)) {
        tx.abort();
        await tx.done.catch(() => {});
        await discard();
        return 'kept';
      }
      if (existing) {
        for (const m of await tx.objectStore('artifacts').getAll(runFiles(runId)))
          if (m.blobId) writes.push(tx.objectStore('artifactChunks').delete(chunkRange(m.blobId)));
        writes.push(
          tx.objectStore('artifacts').delete(runFiles(runId)),
          tx.objectStore('metricChunks').delete(runChunkRange(runId)),
        );
      }
      const { history, files: _files, ...record } = run;
      const row: RunRow = { ...structuredClone(record), metricCounts: {}, version: 0 };
      for (const h of history) {
        writeHistory(tx.objectStore('metricChunks'), runId, h, writes);
        row.metricCounts[h.key] = h.values.length;
      }
      for (const f of staged) {
        writes.push(
          tx.objectStore('artifacts').put({
            runId,
            path: f.path,
            contentType: f.contentType,
            size: f.ref.size,
            blobId: f.ref.blobId,
            chunks: f.ref.chunks,
          } satisfies ArtifactMeta),
        );
      }
      row.version = await bumpVersion(tx.objectStore('meta'));
      writes.push(tx.objectStore('runs').put(row));
      await Promise.all([...writes, tx.done]);
      return existing ? 'replaced' : 'added';
    } catch (err) {
      try {
        tx.abort();
      } catch {
        // already finished
      }
      for (const w of [...writes, tx.done]) w.catch(() => {});
      throw err;
    }
  } catch (err) {
    await discard();
    throw err;
  }
}

/**
 * MLflow's `gc` for these runs: rows, metric history, files and their bytes deleted for good, each
 * run in one delete-only transaction (a full disk allows those); bytes no file names go too.
 */
export async function purgeRuns(db: IDBPDatabase<KirokuDB>, runIds: string[]): Promise<PurgeResult> {
  const result: PurgeResult = { runs: [], bytes: 0 };
  for (const runId of runIds) {
    const tx = db.transaction(['runs', 'metricChunks', 'artifacts', 'artifactChunks'], 'readwrite');
    const row = await tx.objectStore('runs').get(runId);
    if (!row) {
      await tx.done;
      continue;
    }
    const metas = await tx.objectStore('artifacts').getAll(runFiles(runId));
    const points = Object.values(row.metricCounts).reduce((s, n) => s + n, 0);
    await Promise.all([
      tx.objectStore('runs').delete(runId),
      tx.objectStore('metricChunks').delete(runChunkRange(runId)),
      tx.objectStore('artifacts').delete(runFiles(runId)),
      ...metas.filter((m) => m.blobId).map((m) => tx.objectStore('artifactChunks').delete(chunkRange(m.blobId))),
      tx.done,
    ]);
    result.runs.push(runId);
    result.bytes += metas.reduce((s, m) => s + m.size, 0) + points * 24;
  }
  await deleteOrphanChunks(db);
  return result;
}

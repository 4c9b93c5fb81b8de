// How the IndexedDB tracking store keeps a run's files: metadata in `artifacts` ([runId, path] →
// contentType, size, blobId, chunks) and bytes in `artifactChunks` (storage/chunks.ts), so listing a
// model's folder never reads its weights and a 1 GB file is stored and read back chunk by chunk.
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import {
  blobsBeingStaged,
  chunkRange,
  deleteBlob,
  readChunks,
  splitBytes,
  stageBlob,
  type ChunkedBytes,
} from '../storage/chunks';
import type { ArtifactMeta, KirokuDB } from '../storage/schema';
import type { StoredArtifact } from './store';

type Tx = IDBPTransaction<KirokuDB, ArrayLike<StoreNames<KirokuDB>>, 'readwrite'>;

/** A file whose bytes are already in storage (a Blob staged before the transaction), or in memory. */
export type PreparedArtifact = { path: string; contentType: string } & (
  | { staged: ChunkedBytes }
  | { bytes: ArrayBuffer }
);

/**
 * Before a write transaction: Blobs are staged chunk by chunk (they cannot be read inside a
 * transaction without it committing); bytes in memory are written in the transaction itself.
 */
export async function prepareArtifacts(
  db: IDBPDatabase<KirokuDB>,
  artifacts: StoredArtifact[],
): Promise<PreparedArtifact[]> {
  const out: PreparedArtifact[] = [];
  try {
    for (const a of artifacts) {
      out.push(
        a.bytes instanceof Blob
          ? { path: a.path, contentType: a.contentType, staged: await stageBlob(db, 'artifactChunks', a.bytes) }
          : { path: a.path, contentType: a.contentType, bytes: a.bytes },
      );
    }
  } catch (err) {
    await discardPrepared(db, out);
    throw err;
  }
  return out;
}

/** After a failed transaction: the staged chunks nothing names are deleted (best effort; gc finds the rest). */
export async function discardPrepared(db: IDBPDatabase<KirokuDB>, prepared: PreparedArtifact[]): Promise<void> {
  for (const p of prepared) if ('staged' in p) await deleteBlob(db, 'artifactChunks', p.staged.blobId).catch(() => {});
}

/** Inside the caller's transaction: name each file's bytes, replacing (and deleting) a previous version. */
export async function writeArtifacts(
  tx: Tx,
  runId: string,
  prepared: PreparedArtifact[],
  writes: Promise<unknown>[],
): Promise<void> {
  const metas = tx.objectStore('artifacts');
  const chunks = tx.objectStore('artifactChunks');
  for (const a of prepared) {
    const old = await metas.get([runId, a.path]);
    let ref: ChunkedBytes;
    if ('staged' in a) ref = a.staged;
    else {
      const split = splitBytes(a.bytes);
      ref = split.ref;
      for (const r of split.records) writes.push(chunks.put(r));
    }
    if (old?.blobId) writes.push(chunks.delete(chunkRange(old.blobId)));
    writes.push(
      metas.put({
        runId,
        path: a.path,
        contentType: a.contentType,
        size: ref.size,
        blobId: ref.blobId,
        chunks: ref.chunks,
      } satisfies ArtifactMeta),
    );
  }
}

export async function readArtifact(
  db: IDBPDatabase<KirokuDB>,
  runId: string,
  path: string,
): Promise<StoredArtifact | undefined> {
  const tx = db.transaction(['artifacts', 'artifactChunks']);
  const meta = await tx.objectStore('artifacts').get([runId, path]);
  if (!meta?.blobId) return undefined;
  const bytes = await readChunks(tx.objectStore('artifactChunks'), meta, meta.contentType);
  return bytes && { path, contentType: meta.contentType, bytes };
}

/**
 * Deletes a file, or a folder with everything below it, in one delete-only transaction (which a full
 * disk still allows). Returns the deleted files.
 */
export async function deleteArtifactFiles(
  db: IDBPDatabase<KirokuDB>,
  runId: string,
  path: string,
): Promise<Array<{ path: string; size: number }>> {
  const tx = db.transaction(['artifacts', 'artifactChunks'], 'readwrite');
  const metas = tx.objectStore('artifacts');
  const all = await metas.getAll(IDBKeyRange.bound([runId, ''], [runId, '\uffff']));
  const doomed = all.filter((m) => m.path === path || m.path.startsWith(path + '/'));
  const writes: Promise<unknown>[] = [];
  for (const m of doomed) {
    writes.push(metas.delete([runId, m.path]));
    if (m.blobId) writes.push(tx.objectStore('artifactChunks').delete(chunkRange(m.blobId)));
  }
  await Promise.all([...writes, tx.done]);
  return doomed.map((m) => ({ path: m.path, size: m.size }));
}

/** Chunks that no file names and no live page is staging: left by a page that died mid-write. */
export async function deleteOrphanChunks(db: IDBPDatabase<KirokuDB>): Promise<number> {
  const staging = await blobsBeingStaged();
  const tx = db.transaction(['artifacts', 'artifactChunks'], 'readwrite');
  const named = new Set((await tx.objectStore('artifacts').getAll()).map((m) => m.blobId));
  const keys = await tx.objectStore('artifactChunks').getAllKeys();
  const orphans = new Set(keys.map((k) => k[0]).filter((id) => !named.has(id) && !staging.has(id)));
  await Promise.all([...[...orphans].map((id) => tx.objectStore('artifactChunks').delete(chunkRange(id))), tx.done]);
  return orphans.size;
}

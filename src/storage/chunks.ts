// Large values in IndexedDB, kept as chunks. Chromium refuses a single value over ~127 MB ("UnknownError
// … too large"), so a file's bytes are kept as records of at most CHUNK_BYTES, keyed
// `[blobId, seq]`, apart from the metadata that names them (`blobId`, `chunks`, `size`). The same rules
// serve artifacts (database `kiroku`) and the Files panel (`kiroku-files`).
//
// - Bytes already in memory (an ArrayBuffer) are split and written in the caller's transaction, so a
//   small file is still written together with whatever else that transaction holds.
// - A Blob (a 1 GB model, a dropped file) is never read whole: `stageBlob` reads one chunk at a time and
//   writes each in its own transaction, under a fresh blobId nothing names yet; the caller then names
//   it in one transaction of its own, which is what makes the file appear whole or not at all. While
//   staging, the blobId is held as a Web Lock, so a garbage collection never takes a file being written.
// - Reading gives a Blob made of one Blob per chunk: the bytes go to the browser's blob storage chunk
//   by chunk and never sit in the page's heap at once; `blob.stream()` streams them back.
import type { IDBPDatabase, IDBPObjectStore } from 'idb';
import { randomHex } from '../lib/ids';

/** At most this many bytes per record: far below Chromium's limit, large enough to write fast. */
export const CHUNK_BYTES = 8 * 1024 * 1024;

export interface ChunkRecord {
  blobId: string;
  seq: number;
  bytes: ArrayBuffer;
}

/** Where a file's bytes are: `chunks` records `[blobId, 0..chunks-1]`, `size` bytes in all. */
export interface ChunkedBytes {
  blobId: string;
  chunks: number;
  size: number;
}

export function newBlobId(): string {
  return randomHex(16);
}

/** Splits bytes into chunk records (copies of at most CHUNK_BYTES each). */
export function splitBytes(bytes: ArrayBuffer, blobId = newBlobId()): { ref: ChunkedBytes; records: ChunkRecord[] } {
  const records: ChunkRecord[] = [];
  for (let at = 0, seq = 0; at < bytes.byteLength || seq === 0; at += CHUNK_BYTES, seq++) {
    records.push({ blobId, seq, bytes: bytes.slice(at, Math.min(bytes.byteLength, at + CHUNK_BYTES)) });
  }
  return { ref: { blobId, chunks: records.length, size: bytes.byteLength }, records };
}

/** The key range of one blob's chunks. */
export function chunkRange(blobId: string): IDBKeyRange {
  return IDBKeyRange.bound([blobId, 0], [blobId, Infinity]);
}

const LOCK = 'kiroku-blob:';

interface LockManagerLike {
  request(name: string, callback: () => Promise<void>): Promise<void>;
  query(): Promise<{ held?: Array<{ name?: string }> }>;
}

function locks(): LockManagerLike | undefined {
  return (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
}

const stagingHere = new Set<string>();

/** Blob ids being staged by any live page (or, without Web Locks, by this one). */
export async function blobsBeingStaged(): Promise<Set<string>> {
  const out = new Set(stagingHere);
  const lm = locks();
  if (lm)
    for (const l of (await lm.query()).held ?? []) if (l.name?.startsWith(LOCK)) out.add(l.name.slice(LOCK.length));
  return out;
}

/**
 * Writes a Blob as chunks under a new blobId, one chunk per transaction, reading one chunk at a time.
 * Nothing names the chunks yet: the caller names them (or calls `deleteBlob` when it gives up).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function stageBlob(db: IDBPDatabase<any>, store: string, blob: Blob): Promise<ChunkedBytes> {
  return stageStream(db, store, blobSlices(blob));
}

async function* blobSlices(blob: Blob): AsyncIterable<Uint8Array> {
  for (let at = 0; at < blob.size; at += CHUNK_BYTES)
    yield new Uint8Array(await blob.slice(at, Math.min(blob.size, at + CHUNK_BYTES)).arrayBuffer());
}

/**
 * The same for bytes that arrive in pieces of any size (an entry being unzipped): gathered into chunks
 * of CHUNK_BYTES, each written in its own transaction as soon as it is full.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function stageStream(
  db: IDBPDatabase<any>,
  store: string,
  source: AsyncIterable<Uint8Array>,
): Promise<ChunkedBytes> {
  const blobId = newBlobId();
  stagingHere.add(blobId);
  let release: () => void = () => {};
  const lm = locks();
  if (lm)
    await new Promise<void>(
      (held) =>
        void lm.request(
          LOCK + blobId,
          () =>
            new Promise<void>((r) => {
              release = r;
              held();
            }),
        ),
    );
  let seq = 0;
  let size = 0;
  let buffer = new Uint8Array(CHUNK_BYTES);
  let filled = 0;
  const flush = async () => {
    await db.put(store, { blobId, seq, bytes: buffer.slice(0, filled).buffer } satisfies ChunkRecord);
    seq++;
    filled = 0;
  };
  try {
    for await (const piece of source) {
      for (let at = 0; at < piece.length; ) {
        const take = Math.min(piece.length - at, CHUNK_BYTES - filled);
        buffer.set(piece.subarray(at, at + take), filled);
        filled += take;
        at += take;
        size += take;
        if (filled === CHUNK_BYTES) await flush();
      }
    }
    if (filled > 0 || seq === 0) await flush();
    buffer = new Uint8Array(0);
    return { blobId, chunks: seq, size };
  } catch (err) {
    await deleteBlob(db, store, blobId).catch(() => {});
    throw err;
  } finally {
    stagingHere.delete(blobId);
    release();
  }
}

/** A stored blob's chunks one after the other, each read in its own request (never all at once). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function* chunkStream(db: IDBPDatabase<any>, store: string, ref: ChunkedBytes): AsyncIterable<Uint8Array> {
  for (let seq = 0; seq < ref.chunks; seq++) {
    const rec = (await db.get(store, [ref.blobId, seq])) as ChunkRecord | undefined;
    if (!rec) throw new Error(`chunk ${seq} of ${ref.blobId} is missing`);
    yield new Uint8Array(rec.bytes);
  }
}

/** Deletes a blob's chunks (a delete-only transaction: it works on a full disk). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function deleteBlob(db: IDBPDatabase<any>, store: string, blobId: string): Promise<void> {
  await db.delete(store, chunkRange(blobId));
}

/**
 * A stored blob as a Blob, read chunk by chunk in the caller's readonly transaction (each chunk's
 * ArrayBuffer is handed to a Blob at once, so the page holds one chunk at a time). Undefined when a
 * chunk is missing.
 */
export async function readChunks(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  store: IDBPObjectStore<any, any, any, 'readonly' | 'readwrite'>,
  ref: ChunkedBytes,
  type: string,
): Promise<Blob | undefined> {
  const parts: Blob[] = [];
  for (let seq = 0; seq < ref.chunks; seq++) {
    const rec = (await store.get([ref.blobId, seq])) as ChunkRecord | undefined;
    if (!rec) return undefined;
    parts.push(new Blob([rec.bytes]));
  }
  return new Blob(parts, { type });
}

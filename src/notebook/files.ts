// The user's files — uploaded CSVs and anything else — kept in IndexedDB (database `kiroku-files`),
// for the Files panel on the page and for cells in the kernel worker (`loadCSV('winequality-red.csv')`).
// Both contexts open the same database; every change is announced on the BroadcastChannel
// `kiroku-files` so the panel in every tab refreshes, as tracking does on its own channel.
//
// Metadata and bytes live in two object stores (as artifacts do), so listing a folder of 50 MB CSVs
// never reads the CSVs. The built-in sample datasets are listed beside the files, and `loadCSV` falls
// back to them by name: `loadCSV('cars')`.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DataFrame } from 'danfojs';
import { readCSV, type ReadCSVOptions } from '../data/csv';
import { loadSample, SAMPLE_DATASETS, type SampleDataset } from '../data/datasets';
import { DATA_ERROR_CODES, dataError } from '../data/errors';
import { notify } from '../storage/notices';
import {
  CHUNK_BYTES,
  chunkRange,
  readChunks,
  splitBytes,
  stageBlob,
  stageStream,
  type ChunkRecord,
  type ChunkedBytes,
} from '../storage/chunks';

export const FILES_DB = 'kiroku-files';
export const FILES_CHANNEL = 'kiroku-files';
const DB_VERSION = 2;
const MAX_NAME = 255;

export interface FileInfo {
  name: string;
  /** MIME type, e.g. "text/csv" ("" when unknown). */
  type: string;
  size: number;
  /** Milliseconds since the epoch. */
  lastModified: number;
}

export interface StoredFile extends FileInfo {
  /** The bytes, read back chunk by chunk (`bytes.stream()` streams them). */
  bytes: Blob;
}

export type FilesChange = { type: 'files-changed'; action: 'put' | 'delete' | 'rename'; names: string[] };

/** What can be stored: a File (keeps its name, type and date), or bytes or text with a name. */
export type FileInput =
  | File
  | { name: string; data: Blob | ArrayBuffer | ArrayBufferView | string; type?: string; lastModified?: number };

// Layout: `files` holds each file's metadata and where its bytes are (`blobId`, `chunks`, see
// storage/chunks.ts) in `fileChunks`, so a file of any size is stored (Chromium refuses one value over
// ~127 MB) and listing never reads bytes. Version 1 kept the bytes whole in `fileData`; version 2
// moves them to chunks.
type FileRow = FileInfo & Partial<ChunkedBytes>;

interface FilesSchema extends DBSchema {
  files: { key: string; value: FileRow };
  /** Version 1 only. */
  fileData: { key: string; value: { name: string; bytes: ArrayBuffer } };
  fileChunks: { key: [string, number]; value: ChunkRecord };
}

type Listener = (change: FilesChange) => void;

export class FilesStore {
  private db: Promise<IDBPDatabase<FilesSchema>> | null = null;
  private channel: BroadcastChannel | null | undefined;
  private readonly listeners = new Set<Listener>();

  constructor(readonly dbName: string = FILES_DB) {}

  private open(): Promise<IDBPDatabase<FilesSchema>> {
    this.db ??= openDB<FilesSchema>(this.dbName, DB_VERSION, {
      upgrade(db, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) {
          db.createObjectStore('files', { keyPath: 'name' });
          db.createObjectStore('fileData', { keyPath: 'name' });
        }
        if (oldVersion < 2) {
          db.createObjectStore('fileChunks', { keyPath: ['blobId', 'seq'] });
          void (async () => {
            let cursor = await tx.objectStore('fileData').openCursor();
            while (cursor) {
              const { ref, records } = splitBytes(cursor.value.bytes);
              for (const r of records) void tx.objectStore('fileChunks').put(r);
              const info = await tx.objectStore('files').get(cursor.value.name);
              if (info) void tx.objectStore('files').put({ ...info, ...ref });
              cursor = await cursor.continue();
            }
            db.deleteObjectStore('fileData');
          })();
        }
      },
      blocked: () => notify({ type: 'upgrade-blocked', database: this.dbName }),
      blocking: () => {
        void this.close();
        notify({ type: 'closed-for-upgrade', database: this.dbName });
      },
    });
    this.db.catch(() => (this.db = null));
    return this.db;
  }

  async close(): Promise<void> {
    const db = this.db;
    this.db = null;
    if (db) (await db.catch(() => null))?.close();
  }

  /** Every file, without its bytes, by name. */
  async list(): Promise<FileInfo[]> {
    const all = await (await this.open()).getAll('files');
    return all.map(infoOf).sort((a, b) => a.name.localeCompare(b.name));
  }

  async has(name: string): Promise<boolean> {
    return (await (await this.open()).getKey('files', name)) !== undefined;
  }

  /** A file with its bytes, or undefined. */
  async get(name: string): Promise<StoredFile | undefined> {
    const db = await this.open();
    const tx = db.transaction(['files', 'fileChunks'], 'readonly');
    const row = await tx.objectStore('files').get(name);
    if (!row?.blobId) return undefined;
    const bytes = await readChunks(tx.objectStore('fileChunks'), row as ChunkedBytes, row.type);
    return bytes && { ...infoOf(row), bytes };
  }

  /** A file as a `File` object (for readCSV, downloads), or undefined. */
  async file(name: string): Promise<File | undefined> {
    const f = await this.get(name);
    return f && new File([f.bytes], f.name, { type: f.type, lastModified: f.lastModified });
  }

  /**
   * Store a file, replacing one of the same name. A Blob larger than a chunk is written a chunk at a
   * time and then named in one transaction, so a 1 GB file is never read whole and appears whole or not at all.
   */
  async put(input: FileInput): Promise<FileInfo> {
    const name = checkName(input.name);
    const isFile = typeof File !== 'undefined' && input instanceof File;
    const data = isFile ? input : (input as Exclude<FileInput, File>).data;
    const type = isFile
      ? input.type
      : ((input as { type?: string }).type ?? (data instanceof Blob ? data.type : guessType(name)));
    const lastModified = isFile
      ? input.lastModified
      : ((input as { lastModified?: number }).lastModified ?? Date.now());
    const db = await this.open();
    const staged = data instanceof Blob && data.size > CHUNK_BYTES ? await stageBlob(db, 'fileChunks', data) : null;
    const split = staged ? null : splitBytes(await toArrayBuffer(data));
    const ref = staged ?? split!.ref;
    const info: FileInfo = { name, type: type || guessType(name), size: ref.size, lastModified };
    const tx = db.transaction(['files', 'fileChunks'], 'readwrite');
    try {
      const old = await tx.objectStore('files').get(name);
      await Promise.all([
        ...(split?.records ?? []).map((r) => tx.objectStore('fileChunks').put(r)),
        ...(old?.blobId ? [tx.objectStore('fileChunks').delete(chunkRange(old.blobId))] : []),
        tx.objectStore('files').put({ ...info, ...ref }),
        tx.done,
      ]);
    } catch (err) {
      if (staged) await db.delete('fileChunks', chunkRange(staged.blobId)).catch(() => {});
      throw err;
    }
    this.announce({ type: 'files-changed', action: 'put', names: [name] });
    return info;
  }

  /**
   * Store a file whose bytes arrive in pieces (a workspace import unzipping it): written a chunk at a
   * time, then named in one transaction, replacing a file of the same name.
   */
  async putStream(info: Omit<FileInfo, 'size'>, pieces: AsyncIterable<Uint8Array>): Promise<FileInfo> {
    const name = checkName(info.name);
    const db = await this.open();
    const ref = await stageStream(db, 'fileChunks', pieces);
    const stored: FileInfo = {
      name,
      type: info.type || guessType(name),
      size: ref.size,
      lastModified: info.lastModified,
    };
    const tx = db.transaction(['files', 'fileChunks'], 'readwrite');
    try {
      const old = await tx.objectStore('files').get(name);
      await Promise.all([
        ...(old?.blobId ? [tx.objectStore('fileChunks').delete(chunkRange(old.blobId))] : []),
        tx.objectStore('files').put({ ...stored, ...ref }),
        tx.done,
      ]);
    } catch (err) {
      await db.delete('fileChunks', chunkRange(ref.blobId)).catch(() => {});
      throw err;
    }
    this.announce({ type: 'files-changed', action: 'put', names: [name] });
    return stored;
  }

  /** Delete a file; true if it existed. */
  async delete(name: string): Promise<boolean> {
    const db = await this.open();
    const tx = db.transaction(['files', 'fileChunks'], 'readwrite');
    const row = await tx.objectStore('files').get(name);
    const existed = row !== undefined;
    await Promise.all([
      tx.objectStore('files').delete(name),
      ...(row?.blobId ? [tx.objectStore('fileChunks').delete(chunkRange(row.blobId))] : []),
      tx.done,
    ]);
    if (existed) this.announce({ type: 'files-changed', action: 'delete', names: [name] });
    return existed;
  }

  /** Rename a file; refuses to replace another file unless `overwrite`. */
  async rename(from: string, to: string, options: { overwrite?: boolean } = {}): Promise<FileInfo> {
    const target = checkName(to);
    const db = await this.open();
    const tx = db.transaction(['files', 'fileChunks'], 'readwrite');
    const files = tx.objectStore('files');
    const [info, existing] = await Promise.all([files.get(from), from === target ? undefined : files.get(target)]);
    if (!info) {
      tx.abort();
      await tx.done.catch(() => {});
      throw dataError(`No file named '${from}' to rename.`, DATA_ERROR_CODES.unreadable);
    }
    if (existing !== undefined && !options.overwrite) {
      tx.abort();
      await tx.done.catch(() => {});
      throw dataError(
        `A file named '${target}' already exists; delete it first or rename with { overwrite: true }.`,
        DATA_ERROR_CODES.badOption,
      );
    }
    // The bytes stay where they are: only the name that points at them changes.
    const renamed = { ...info, name: target };
    await files.delete(from);
    await Promise.all([
      files.put(renamed),
      ...(existing?.blobId && existing.blobId !== info.blobId
        ? [tx.objectStore('fileChunks').delete(chunkRange(existing.blobId))]
        : []),
      tx.done,
    ]);
    this.announce({ type: 'files-changed', action: 'rename', names: [from, target] });
    return infoOf(renamed);
  }

  /** The built-in sample datasets, listed beside the user's files. */
  samples(): readonly SampleDataset[] {
    return SAMPLE_DATASETS;
  }

  /**
   * A CSV file as a DataFrame: a stored file by name (`.csv` may be left off), else a sample dataset
   * by name (`'cars'`, `'penguins'`, `'seattle-weather'`).
   */
  async loadCSV(name: string, options: ReadCSVOptions = {}): Promise<DataFrame> {
    const file = (await this.file(name)) ?? (/\.[a-z0-9]+$/i.test(name) ? undefined : await this.file(`${name}.csv`));
    if (file) return readCSV(file, options);
    const sample = SAMPLE_DATASETS.find((d) => d.name === name.replace(/\.(csv|json)$/i, ''));
    if (sample) return loadSample(sample.name, { signal: options.signal });
    const stored = (await this.list()).map((f) => `'${f.name}'`);
    const samples = SAMPLE_DATASETS.map((d) => `'${d.name}'`);
    throw dataError(
      `No file named '${name}' in Files. Upload it in the Files panel, or load one of ` +
        `${stored.length ? `your files (${stored.join(', ')}) or ` : ''}the sample datasets (${samples.join(', ')}).`,
      DATA_ERROR_CODES.unreadable,
    );
  }

  /** Hear about changes from this context and every other (tabs, the kernel worker). */
  onChange(listener: Listener): () => void {
    this.getChannel();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private getChannel(): BroadcastChannel | null {
    if (this.channel === undefined) {
      this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(FILES_CHANNEL) : null;
      if (this.channel) {
        this.channel.onmessage = (e: MessageEvent<FilesChange & { db?: string }>) => {
          if (e.data?.type === 'files-changed' && (e.data.db ?? FILES_DB) === this.dbName) this.deliver(e.data);
        };
        (this.channel as unknown as { unref?: () => void }).unref?.();
      }
    }
    return this.channel;
  }

  private deliver(change: FilesChange): void {
    for (const l of this.listeners) {
      try {
        l(change);
      } catch (err) {
        console.error('kiroku: a files listener failed', err);
      }
    }
  }

  private announce(change: FilesChange): void {
    this.deliver(change);
    // A channel never delivers to the object that posted: this context's listeners were called above.
    this.getChannel()?.postMessage({ ...change, db: this.dbName });
  }
}

function infoOf(row: FileRow): FileInfo {
  return { name: row.name, type: row.type, size: row.size, lastModified: row.lastModified };
}

export function checkName(name: string): string {
  const n = typeof name === 'string' ? name.trim() : '';
  if (!n)
    throw dataError(`invalid file name: ${JSON.stringify(name)}: a file needs a name.`, DATA_ERROR_CODES.badOption);
  if (n.length > MAX_NAME)
    throw dataError(
      `invalid file name: "${n.slice(0, 40)}…": at most ${MAX_NAME} characters.`,
      DATA_ERROR_CODES.badOption,
    );
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are among those refused
  if (/[/\\\u0000-\u001f]/.test(n))
    throw dataError(
      `invalid file name: ${JSON.stringify(n)}: a name cannot contain "/", "\\" or control characters.`,
      DATA_ERROR_CODES.badOption,
    );
  return n;
}

const TYPES: Record<string, string> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  txt: 'text/plain',
  json: 'application/json',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

function guessType(name: string): string {
  return TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? '';
}

async function toArrayBuffer(data: Blob | ArrayBuffer | ArrayBufferView | string): Promise<ArrayBuffer> {
  if (typeof data === 'string') return new TextEncoder().encode(data).buffer as ArrayBuffer;
  if (data instanceof ArrayBuffer) return data.slice(0);
  if (ArrayBuffer.isView(data))
    return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  return data.arrayBuffer();
}

/** The store pages and the kernel share (one database per origin). */
export const files = new FilesStore();

/** `loadCSV(name)` as cells call it. */
export function loadCSV(name: string, options?: ReadCSVOptions): Promise<DataFrame> {
  return files.loadCSV(name, options);
}

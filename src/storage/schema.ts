// The IndexedDB layout of a Kiroku database, typed once for every store and index (idb's DBSchema),
// and its migrations — shared by the tracking and registry stores as MLflow's SQL stores share one
// schema. Migrations are cumulative `if (oldVersion < N)` blocks; a shipped block is never edited,
// a change to the layout is a new block and a new DB_VERSION.
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { splitBytes, type ChunkRecord } from './chunks';
import type { Experiment } from '../tracking/entities';
import type { RunRow } from '../tracking/run-row';
import type { ModelVersion, RegisteredModel } from '../model-registry/entities';

export const DB_VERSION = 3;

/**
 * Metric history is kept in columnar chunks (40× faster than a row per point): small flushes fill a
 * chunk up to CHUNK_SIZE points; big flushes write chunks of up to BULK_CHUNK_SIZE. Readers go by
 * `count` (a chunk's arrays may be longer, as chunks written before version 2 were).
 */
export const CHUNK_SIZE = 1000;
export const BULK_CHUNK_SIZE = 10_000;

export interface MetricChunk {
  runId: string;
  key: string;
  chunk: number;
  count: number;
  steps: Float64Array;
  values: Float64Array;
  timestamps: Float64Array;
}

/** A run's file: its metadata, and (from version 3) where its bytes are in `artifactChunks`. */
export interface ArtifactMeta {
  runId: string;
  path: string;
  contentType: string;
  size: number;
  /** The chunks `[blobId, 0..chunks-1]` of `artifactChunks` (storage/chunks.ts). */
  blobId: string;
  chunks: number;
}

/** Versions 1–2 kept each file's bytes as one value (at most ~127 MB in Chromium); version 3 moves them to chunks. */
export interface ArtifactData {
  runId: string;
  path: string;
  bytes: ArrayBuffer;
}

export interface KirokuDB extends DBSchema {
  meta: { key: string; value: { key: string; value: number | string } };
  experiments: { key: string; value: Experiment; indexes: { byName: string } };
  runs: { key: string; value: RunRow; indexes: { byExperiment: string; byStatus: string; byVersion: number } };
  metricChunks: { key: [string, string, number]; value: MetricChunk };
  artifacts: { key: [string, string]; value: ArtifactMeta };
  /** Versions 1–2 only: removed by the version-3 migration, which moves its bytes to `artifactChunks`. */
  artifactData: { key: [string, string]; value: ArtifactData };
  /** Version 3: artifact bytes in chunks of at most CHUNK_BYTES. */
  artifactChunks: { key: [string, number]; value: ChunkRecord };
  /**
   * Version 3: a little space held back, given up so that a run can still be ended or deleted on a full disk
   * (storage/reserve.ts).
   */
  reserve: { key: string; value: { key: string; bytes: ArrayBuffer } };
  registeredModels: { key: string; value: RegisteredModel };
  /** `aliases` is not stored on versions: it is derived from the registered model's aliases. */
  modelVersions: { key: [string, number]; value: StoredModelVersion; indexes: { byRun: string } };
}

export type StoredModelVersion = Omit<ModelVersion, 'aliases' | 'version'> & { version: number };

/** Bring a database from `oldVersion` to `newVersion` (DB_VERSION; tests build older layouts with less). */
export function upgrade(
  db: IDBPDatabase<KirokuDB>,
  oldVersion: number,
  newVersion: number | null,
  tx: IDBPTransaction<KirokuDB, StoreNames<KirokuDB>[], 'versionchange'>,
): void {
  const target = newVersion ?? DB_VERSION;
  if (oldVersion < 1 && target >= 1) {
    db.createObjectStore('meta', { keyPath: 'key' });
    const experiments = db.createObjectStore('experiments', { keyPath: 'experimentId' });
    experiments.createIndex('byName', 'name', { unique: true });
    const runs = db.createObjectStore('runs', { keyPath: 'info.runId' });
    runs.createIndex('byExperiment', 'info.experimentId');
    runs.createIndex('byStatus', 'info.status');
    // Every write to a run row stamps it with a store-wide counter (meta `runsVersion`), so a reader
    // that cached rows at version v fetches only rows with version > v.
    runs.createIndex('byVersion', 'version');
    db.createObjectStore('metricChunks', { keyPath: ['runId', 'key', 'chunk'] });
    db.createObjectStore('artifacts', { keyPath: ['runId', 'path'] });
    db.createObjectStore('artifactData', { keyPath: ['runId', 'path'] });
  }
  if (oldVersion < 2 && target >= 2) {
    // The model registry (issue 4).
    db.createObjectStore('registeredModels', { keyPath: 'name' });
    const versions = db.createObjectStore('modelVersions', { keyPath: ['name', 'version'] });
    versions.createIndex('byRun', 'runId');
  }
  if (oldVersion < 3 && target >= 3) {
    // Files over ~127 MB could not be stored as one value (issue 15): artifact bytes move to chunks.
    // The copy runs inside this upgrade's transaction, one record at a time, so a database opens either
    // in the old layout or wholly in the new one.
    db.createObjectStore('artifactChunks', { keyPath: ['blobId', 'seq'] });
    db.createObjectStore('reserve', { keyPath: 'key' });
    if (oldVersion >= 1) void moveArtifactBytesToChunks(db, tx);
    else db.deleteObjectStore('artifactData');
  }
}

async function moveArtifactBytesToChunks(
  db: IDBPDatabase<KirokuDB>,
  tx: IDBPTransaction<KirokuDB, StoreNames<KirokuDB>[], 'versionchange'>,
): Promise<void> {
  const metas = tx.objectStore('artifacts');
  const chunks = tx.objectStore('artifactChunks');
  let cursor = await tx.objectStore('artifactData').openCursor();
  while (cursor) {
    const { runId, path, bytes } = cursor.value;
    const { ref, records } = splitBytes(bytes);
    for (const r of records) void chunks.put(r);
    const meta = await metas.get([runId, path]);
    if (meta) void metas.put({ ...meta, size: ref.size, blobId: ref.blobId, chunks: ref.chunks });
    cursor = await cursor.continue();
  }
  db.deleteObjectStore('artifactData');
}

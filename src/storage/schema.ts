// The IndexedDB layout of a Kiroku database, typed once for every store and index (idb's DBSchema),
// and its migrations — shared by the tracking and registry stores as MLflow's SQL stores share one
// schema. Migrations are cumulative `if (oldVersion < N)` blocks; a shipped block is never edited,
// a change to the layout is a new block and a new DB_VERSION.
import type { DBSchema, IDBPDatabase } from 'idb';
import type { Experiment } from '../tracking/entities';
import type { RunRow } from '../tracking/run-row';
import type { ModelVersion, RegisteredModel } from '../registry/entities';

export const DB_VERSION = 2;

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

export interface ArtifactMeta {
  runId: string;
  path: string;
  contentType: string;
  size: number;
}

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
  artifactData: { key: [string, string]; value: ArtifactData };
  registeredModels: { key: string; value: RegisteredModel };
  /** `aliases` is not stored on versions: it is derived from the registered model's aliases. */
  modelVersions: { key: [string, number]; value: StoredModelVersion; indexes: { byRun: string } };
}

export type StoredModelVersion = Omit<ModelVersion, 'aliases' | 'version'> & { version: number };

/** Bring a database from `oldVersion` to `newVersion` (DB_VERSION; tests build older layouts with less). */
export function upgrade(db: IDBPDatabase<KirokuDB>, oldVersion: number, newVersion: number | null = DB_VERSION): void {
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
}

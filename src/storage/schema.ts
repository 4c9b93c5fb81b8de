// The IndexedDB layout, typed once for every store and index (idb's DBSchema), and its migrations.
// Migrations are cumulative `if (oldVersion < N)` blocks; a shipped block is never edited, a change
// to the layout is a new block and a new DB_VERSION.
import type { DBSchema, IDBPDatabase } from 'idb';
import type { Experiment } from './entities';
import type { RunRow } from './run-row';

export const DB_VERSION = 1;

/** Metric history is kept in columnar chunks of this many points (40× faster than a row per point). */
export const CHUNK_SIZE = 1000;

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
}

export function upgrade(db: IDBPDatabase<KirokuDB>, oldVersion: number): void {
  if (oldVersion < 1) {
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
}

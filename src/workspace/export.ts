// Export the whole workspace — notebooks, files, experiments, runs with their metric history and
// artifacts, and the model registry — to one .zip, as a user of the stores: the tracking and registry
// stores `dump()` their content (tracking/dump.ts), the notebooks and files stores list theirs, and
// this module only lays it out as archive.ts says. Files and artifacts stream from storage into the
// zip a chunk at a time and the zip goes into a Blob part by part (zip-write.ts): a workspace with
// gigabytes of artifacts is exported with the page's heap holding a few megabytes of it at a time.
// Each run is a consistent snapshot (its row, history and file list read in one transaction).
import { IdbTrackingStore } from '../tracking/idb-store';
import { IdbRegistryStore } from '../model-registry/idb-store';
import type { TrackingStore } from '../tracking/store';
import type { RegistryStore } from '../model-registry/store';
import type { Experiment } from '../tracking/entities';
import type { RegisteredModel } from '../model-registry/entities';
import type { StoredModelVersion } from '../storage/schema';
import { NotebooksStore } from '../notebook/notebooks-store';
import { FilesStore, type FileInfo } from '../notebook/files';
import { KIROKU_VERSION } from '../lib/build-info';
import {
  DEFAULT_DATABASES,
  FORMAT,
  FORMAT_VERSION,
  MANIFEST,
  emptyCounts,
  encodeJSON,
  encodeSeries,
  runDir,
  type Manifest,
  type WorkspaceCounts,
  type WorkspaceDatabases,
} from './archive';
import { WorkspaceError } from './errors';
import { ZipBlobWriter, blobPieces } from './zip-write';

/** What run.json holds: the run as the store dumps it, the order of its metric blocks, its files. */
export interface ExportedRun {
  info: unknown;
  params: Record<string, string>;
  metrics: Record<string, unknown>;
  tags: Record<string, string>;
  inputs: unknown[];
  lastActivity: number;
  metricKeys: string[];
  artifacts: Array<{ path: string; contentType: string; size: number }>;
}

export interface ExportResult {
  /** The .zip file. */
  blob: Blob;
  counts: WorkspaceCounts;
}

export interface ExportOptions {
  databases?: Partial<WorkspaceDatabases>;
  now?: () => number;
  /** Called after each run with the runs written so far. */
  onProgress?: (runs: number) => void;
}

// Already-compressed payloads (model weights, PNGs) gain nothing from deflate; store them as they are.
const STORED = /\.(png|jpe?g|gif|webp|zip|gz|bin|parquet|pt|h5|onnx)$/i;

/** A store that can dump itself, or a clear refusal (a tracking server's runs are exported as MLflow files). */
export function dumpOf<T>(store: { uri: string; dump?(): AsyncIterable<T> }): AsyncIterable<T> {
  if (!store.dump)
    throw new WorkspaceError(
      `${store.uri} cannot be exported as a workspace; use "Export as MLflow" for a tracking server's runs.`,
    );
  return store.dump();
}

export async function exportWorkspace(options: ExportOptions = {}): Promise<ExportResult> {
  const dbs = { ...DEFAULT_DATABASES, ...options.databases };
  const zip = new ZipBlobWriter();
  const counts = emptyCounts();

  // Notebooks (live ones; a deleted notebook is on its way out).
  const notebooks = await NotebooksStore.open({ name: dbs.notebooks });
  try {
    for (const summary of await notebooks.list()) {
      const doc = await notebooks.get(summary.id);
      if (!doc) continue;
      await zip.add(`notebooks/${encodeURIComponent(doc.id)}.json`, encodeJSON(doc));
      counts.notebooks++;
    }
  } finally {
    notebooks.close();
  }

  // Files: names may hold any character but '/', so bytes are stored by position in the index.
  const files = new FilesStore(dbs.files);
  try {
    const index: FileInfo[] = [];
    for (const info of await files.list()) {
      const f = await files.get(info.name);
      if (!f) continue;
      await zip.add(`files/data/${index.length}`, blobPieces(f.bytes), !STORED.test(f.name));
      index.push({ name: f.name, type: f.type, size: f.size, lastModified: f.lastModified });
    }
    await zip.add('files/index.json', encodeJSON(index));
    counts.files = index.length;
  } finally {
    await files.close();
  }

  const tracking: TrackingStore = new IdbTrackingStore(dbs.tracking);
  const registry: RegistryStore = new IdbRegistryStore(dbs.tracking);
  try {
    const experiments: Experiment[] = [];
    for await (const item of dumpOf(tracking)) {
      if (item.kind === 'experiment') {
        experiments.push(item.experiment);
        continue;
      }
      const { history, files: runFiles, ...record } = item.run;
      const dir = runDir(record.info.runId);
      for (const [i, h] of history.entries())
        await zip.add(`${dir}/metrics/${i}.f64`, encodeSeries(h.steps, h.values, h.timestamps));
      for (const f of runFiles) {
        await zip.add(`${dir}/artifacts/${f.path}`, f.open(), !STORED.test(f.path));
        counts.artifacts++;
      }
      const exported: ExportedRun = {
        ...record,
        metricKeys: history.map((h) => h.key),
        artifacts: runFiles.map((f) => ({ path: f.path, contentType: f.contentType, size: f.size })),
      };
      await zip.add(`${dir}/run.json`, encodeJSON(exported));
      counts.runs++;
      options.onProgress?.(counts.runs);
    }
    await zip.add('tracking/experiments.json', encodeJSON(experiments));
    counts.experiments = experiments.length;

    const models: RegisteredModel[] = [];
    const versions: StoredModelVersion[] = [];
    for await (const item of dumpOf(registry)) {
      models.push(item.model);
      versions.push(...item.versions);
    }
    await zip.add('registry/models.json', encodeJSON(models));
    await zip.add('registry/versions.json', encodeJSON(versions));
    counts.registeredModels = models.length;
    counts.modelVersions = versions.length;
  } finally {
    await tracking.close();
  }

  const manifest: Manifest = {
    format: FORMAT,
    version: FORMAT_VERSION,
    app: KIROKU_VERSION,
    exportedAt: (options.now ?? Date.now)(),
    counts,
    entries: { ...zip.sizes },
  };
  await zip.add(MANIFEST, encodeJSON(manifest));
  return { blob: zip.finish(), counts };
}

/** `kiroku-workspace-2026-11-26.zip` */
export function exportFileName(time = Date.now()): string {
  return `kiroku-workspace-${new Date(time).toISOString().slice(0, 10)}.zip`;
}

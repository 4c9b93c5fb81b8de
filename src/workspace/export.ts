// Export the whole workspace — notebooks, files, experiments, runs with their metric history and
// artifacts, and the model registry — to one .zip (fflate). Tracking is read in one readonly
// transaction over every object store, so the archive is a consistent snapshot even while another
// tab logs.
import { zipSync, type Zippable } from 'fflate';
import { openKirokuDB } from '../storage/connection';
import type { RunRow } from '../tracking/run-row';
import type { Experiment } from '../tracking/entities';
import { NotebooksStore } from '../notebook/notebooks-store';
import { FilesStore, type FileInfo } from '../notebook/files';
import { KIROKU_VERSION } from '../lib/build-info';
import {
  DEFAULT_DATABASES, FORMAT, FORMAT_VERSION, MANIFEST, emptyCounts, encodeJSON, encodeSeries, runDir,
  type Manifest, type WorkspaceCounts, type WorkspaceDatabases,
} from './archive';

/** What run.json holds: the row without its store-local change version, plus what lies beside it. */
export type ExportedRun = Omit<RunRow, 'version'> & {
  metricKeys: string[];
  artifacts: Array<{ path: string; contentType: string }>;
};

export interface ExportResult {
  /** The .zip file's bytes. */
  bytes: Uint8Array;
  counts: WorkspaceCounts;
}

// Already-compressed payloads (model weights, PNGs) gain nothing from deflate; store them as they are.
const STORED = /\.(png|jpe?g|gif|webp|zip|gz|bin)$/i;

export async function exportWorkspace(options: { databases?: Partial<WorkspaceDatabases>; now?: () => number } = {}): Promise<ExportResult> {
  const dbs = { ...DEFAULT_DATABASES, ...options.databases };
  const out: Zippable = {};
  const counts = emptyCounts();

  // Notebooks (live ones; a deleted notebook is on its way out).
  const notebooks = await NotebooksStore.open({ name: dbs.notebooks });
  try {
    for (const summary of await notebooks.list()) {
      const doc = await notebooks.get(summary.id);
      if (!doc) continue;
      out[`notebooks/${encodeURIComponent(doc.id)}.json`] = encodeJSON(doc);
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
      out[`files/data/${index.length}`] = [new Uint8Array(await f.bytes.arrayBuffer()), { level: STORED.test(f.name) ? 0 : 6 }];
      index.push({ name: f.name, type: f.type, size: f.size, lastModified: f.lastModified });
    }
    out['files/index.json'] = encodeJSON(index);
    counts.files = index.length;
  } finally {
    await files.close();
  }

  // Tracking and registry: one snapshot.
  const db = await openKirokuDB(dbs.tracking);
  const tx = db.transaction(['experiments', 'runs', 'metricChunks', 'artifacts', 'artifactChunks', 'registeredModels', 'modelVersions']);
  const [experiments, runs, chunks, artifacts, artifactData, models, versions] = await Promise.all([
    tx.objectStore('experiments').getAll(),
    tx.objectStore('runs').getAll(),
    tx.objectStore('metricChunks').getAll(),
    tx.objectStore('artifacts').getAll(),
    tx.objectStore('artifactChunks').getAll(),
    tx.objectStore('registeredModels').getAll(),
    tx.objectStore('modelVersions').getAll(),
    tx.done,
  ]);

  out['tracking/experiments.json'] = encodeJSON(experiments satisfies Experiment[]);
  counts.experiments = experiments.length;

  // Chunks come sorted by [runId, key, chunk]: gather each run's keys in order.
  const history = new Map<string, Map<string, typeof chunks>>();
  for (const c of chunks) {
    let byKey = history.get(c.runId);
    if (!byKey) history.set(c.runId, (byKey = new Map()));
    let list = byKey.get(c.key);
    if (!list) byKey.set(c.key, (list = []));
    list.push(c);
  }
  const byBlob = new Map<string, ArrayBuffer[]>();
  for (const c of artifactData) (byBlob.get(c.blobId) ?? byBlob.set(c.blobId, []).get(c.blobId)!)[c.seq] = c.bytes;
  const data = new Map(artifacts.map((a) => [`${a.runId}\u0000${a.path}`, byBlob.get(a.blobId) && new Uint8Array(concat(byBlob.get(a.blobId)!))]));
  const artifactsByRun = new Map<string, typeof artifacts>();
  for (const a of artifacts) {
    let list = artifactsByRun.get(a.runId);
    if (!list) artifactsByRun.set(a.runId, (list = []));
    list.push(a);
  }

  for (const row of runs) {
    const runId = row.info.runId;
    const dir = runDir(runId);
    const metricKeys: string[] = [];
    for (const [key, list] of history.get(runId) ?? []) {
      const n = list.reduce((s, c) => s + c.count, 0);
      const steps = new Float64Array(n), values = new Float64Array(n), timestamps = new Float64Array(n);
      let at = 0;
      for (const c of list) {
        steps.set(c.steps.subarray(0, c.count), at);
        values.set(c.values.subarray(0, c.count), at);
        timestamps.set(c.timestamps.subarray(0, c.count), at);
        at += c.count;
      }
      out[`${dir}/metrics/${metricKeys.length}.f64`] = encodeSeries(steps, values, timestamps);
      metricKeys.push(key);
    }
    const listed: ExportedRun['artifacts'] = [];
    for (const a of artifactsByRun.get(runId) ?? []) {
      const bytes = data.get(`${runId}\u0000${a.path}`);
      if (!bytes) continue;
      out[`${dir}/artifacts/${a.path}`] = [new Uint8Array(bytes), { level: STORED.test(a.path) ? 0 : 6 }];
      listed.push({ path: a.path, contentType: a.contentType });
      counts.artifacts++;
    }
    const { version: _version, ...rest } = row;
    const exported: ExportedRun = { ...rest, metricKeys, artifacts: listed };
    out[`${dir}/run.json`] = encodeJSON(exported);
    counts.runs++;
  }

  out['registry/models.json'] = encodeJSON(models);
  out['registry/versions.json'] = encodeJSON(versions);
  counts.registeredModels = models.length;
  counts.modelVersions = versions.length;

  const manifest: Manifest = { format: FORMAT, version: FORMAT_VERSION, app: KIROKU_VERSION, exportedAt: (options.now ?? Date.now)(), counts };
  out[MANIFEST] = encodeJSON(manifest);
  return { bytes: zipSync(out, { level: 6 }), counts };
}

/** `kiroku-workspace-2026-11-26.zip` */
export function exportFileName(time = Date.now()): string {
  return `kiroku-workspace-${new Date(time).toISOString().slice(0, 10)}.zip`;
}

function concat(parts: ArrayBuffer[]): ArrayBuffer {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  return out.buffer;
}

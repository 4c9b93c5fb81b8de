// IndexedDB TrackingStore (`indexeddb:<name>`), through idb. One transaction per call: a log batch
// updates the run row (params, tags, latest metrics) and appends to the metric-history chunks
// atomically, so a crash never leaves a metric in the history but not in the run, or the reverse.
import { openDB, type IDBPDatabase } from 'idb';
import { TrackingError } from '../lib/errors';
import type { DatasetInput, Experiment, Metric, Run, RunInfo } from './entities';
import { experimentExists, experimentNotFound, runNotFound, tagNotFound } from './errors';
import { CHUNK_SIZE, DB_VERSION, upgrade, type KirokuDB, type MetricChunk } from './idb-schema';
import { applyBatch, assertActive, mergeInputs, newRunRow, rowToRun, type RunRow } from './run-row';
import type { ExperimentPatch, LogBatch, RunInfoPatch, StoredArtifact, TrackingStore, ViewType } from './store';
import { matchesView } from './view';

export interface IdbStoreOptions {
  /** Another tab holds an older version open and our upgrade waits for it. */
  onBlocked?: () => void;
  /** Another tab wants to upgrade; we close our connection so it can, and tell the user. */
  onVersionChange?: () => void;
}

export class IdbTrackingStore implements TrackingStore {
  readonly uri: string;
  private dbPromise: Promise<IDBPDatabase<KirokuDB>>;

  constructor(readonly name = 'kiroku', options: IdbStoreOptions = {}) {
    this.uri = `indexeddb:${name}`;
    this.dbPromise = openDB<KirokuDB>(name, DB_VERSION, {
      upgrade,
      blocked: () => options.onBlocked?.(),
      blocking: () => {
        void this.dbPromise.then((db) => db.close());
        options.onVersionChange?.();
      },
    });
  }

  private db() {
    return this.dbPromise;
  }

  async createExperiment(input: { name: string; artifactLocation?: string; tags?: Record<string, string>; creationTime: number }): Promise<Experiment> {
    const db = await this.db();
    return guard(async () => {
      const tx = db.transaction(['meta', 'experiments'], 'readwrite');
      // Nothing is written before this check, so throwing lets the transaction commit empty.
      if (await tx.objectStore('experiments').index('byName').getKey(input.name)) throw experimentExists(input.name);
      const counter = await tx.objectStore('meta').get('nextExperimentId');
      const id = Number(counter?.value ?? 0);
      const exp: Experiment = {
        experimentId: String(id),
        name: input.name,
        artifactLocation: input.artifactLocation ?? `${this.uri}/${id}`,
        lifecycleStage: 'active',
        tags: { ...input.tags },
        creationTime: input.creationTime,
        lastUpdateTime: input.creationTime,
      };
      await tx.objectStore('meta').put({ key: 'nextExperimentId', value: id + 1 });
      await tx.objectStore('experiments').add(exp);
      await tx.done;
      return exp;
    });
  }

  async getExperiment(id: string) {
    return (await this.db()).get('experiments', id);
  }

  async getExperimentByName(name: string) {
    return (await this.db()).getFromIndex('experiments', 'byName', name);
  }

  async listExperiments(viewType: ViewType = 'ACTIVE_ONLY') {
    const all = await (await this.db()).getAll('experiments');
    return all.filter((e) => matchesView(e.lifecycleStage, viewType)).sort((a, b) => Number(a.experimentId) - Number(b.experimentId));
  }

  async updateExperiment(id: string, patch: ExperimentPatch, time: number) {
    const db = await this.db();
    return guard(async () => {
      const tx = db.transaction('experiments', 'readwrite');
      const e = await tx.store.get(id);
      if (!e) throw experimentNotFound(id);
      if (patch.name !== undefined && patch.name !== e.name) {
        if (await tx.store.index('byName').getKey(patch.name)) throw experimentExists(patch.name);
        e.name = patch.name;
      }
      if (patch.lifecycleStage) e.lifecycleStage = patch.lifecycleStage;
      e.lastUpdateTime = time;
      await tx.store.put(e);
      await tx.done;
      return e;
    });
  }

  async setExperimentTag(id: string, key: string, value: string) {
    const db = await this.db();
    await guard(async () => {
      const tx = db.transaction('experiments', 'readwrite');
      const e = await tx.store.get(id);
      if (!e) throw experimentNotFound(id);
      e.tags[key] = value;
      await tx.store.put(e);
      await tx.done;
    });
  }

  async createRun(run: Run) {
    const db = await this.db();
    await guard(async () => {
      const tx = db.transaction(['experiments', 'runs'], 'readwrite');
      if (!(await tx.objectStore('experiments').getKey(run.info.experimentId))) throw experimentNotFound(run.info.experimentId);
      await tx.objectStore('runs').add(newRunRow(run));
      await tx.done;
    });
  }

  async getRun(runId: string) {
    const row = await (await this.db()).get('runs', runId);
    return row && rowToRun(row);
  }

  async listRuns(experimentIds: string[], viewType: ViewType = 'ACTIVE_ONLY') {
    const db = await this.db();
    const tx = db.transaction('runs');
    const index = tx.store.index('byExperiment');
    const batches = await Promise.all(experimentIds.map((id) => index.getAll(id)));
    const out: Run[] = [];
    for (const rows of batches) for (const r of rows) if (matchesView(r.info.lifecycleStage, viewType)) out.push(rowToRun(r));
    return out;
  }

  async listRunningRuns() {
    const rows = await (await this.db()).getAllFromIndex('runs', 'byStatus', 'RUNNING');
    return rows.map((r) => ({ info: r.info, lastActivity: r.lastActivity }));
  }

  async updateRunInfo(runId: string, patch: RunInfoPatch): Promise<RunInfo> {
    const db = await this.db();
    return guard(async () => {
      const tx = db.transaction('runs', 'readwrite');
      const row = await tx.store.get(runId);
      if (!row) throw runNotFound(runId);
      Object.assign(row.info, patch);
      if (patch.runName !== undefined) row.tags['mlflow.runName'] = patch.runName;
      await tx.store.put(row);
      await tx.done;
      return row.info;
    });
  }

  async logBatch(runId: string, batch: LogBatch) {
    const db = await this.db();
    await guard(async () => {
      const tx = db.transaction(['runs', 'metricChunks'], 'readwrite');
      const runs = tx.objectStore('runs');
      const row = await runs.get(runId);
      if (!row) throw runNotFound(runId);
      const metrics = batch.metrics ?? [];
      applyBatch(row, batch, metrics.length ? Math.max(...timestamps(metrics)) : row.lastActivity);
      const chunks = tx.objectStore('metricChunks');
      const writes: Promise<unknown>[] = [];
      for (const [key, points] of groupByKey(metrics)) {
        let count = row.metricCounts[key] ?? 0;
        let chunk: MetricChunk | undefined;
        for (const m of points) {
          const index = Math.floor(count / CHUNK_SIZE);
          if (!chunk || chunk.chunk !== index) {
            if (chunk) writes.push(chunks.put(chunk));
            chunk = (count % CHUNK_SIZE !== 0 ? await chunks.get([runId, key, index]) : undefined) ?? emptyChunk(runId, key, index);
          }
          const at = count % CHUNK_SIZE;
          chunk.steps[at] = m.step;
          chunk.values[at] = m.value;
          chunk.timestamps[at] = m.timestamp;
          chunk.count = at + 1;
          count++;
        }
        if (chunk) writes.push(chunks.put(chunk));
        row.metricCounts[key] = count;
      }
      writes.push(runs.put(row));
      await Promise.all([...writes, tx.done]);
    });
  }

  async deleteTag(runId: string, key: string) {
    await this.mutateRun(runId, (row) => {
      assertActive(row);
      if (!(key in row.tags)) throw tagNotFound(runId, key);
      delete row.tags[key];
    });
  }

  async logInputs(runId: string, inputs: DatasetInput[]) {
    await this.mutateRun(runId, (row) => {
      assertActive(row);
      row.inputs = mergeInputs(row.inputs, inputs);
    });
  }

  private async mutateRun(runId: string, change: (row: RunRow) => void) {
    const db = await this.db();
    await guard(async () => {
      const tx = db.transaction('runs', 'readwrite');
      const row = await tx.store.get(runId);
      if (!row) throw runNotFound(runId);
      change(row);
      await tx.store.put(row);
      await tx.done;
    });
  }

  async getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    const db = await this.db();
    const tx = db.transaction(['runs', 'metricChunks']);
    if (!(await tx.objectStore('runs').getKey(runId))) throw runNotFound(runId);
    const chunks = await tx.objectStore('metricChunks').getAll(IDBKeyRange.bound([runId, key, 0], [runId, key, Infinity]));
    const out: Metric[] = [];
    for (const c of chunks) {
      for (let i = 0; i < c.count; i++) out.push({ key, value: c.values[i]!, step: c.steps[i]!, timestamp: c.timestamps[i]! });
    }
    return out;
  }

  async putArtifact(runId: string, artifact: StoredArtifact) {
    const db = await this.db();
    await guard(async () => {
      const tx = db.transaction(['runs', 'artifacts', 'artifactData'], 'readwrite');
      if (!(await tx.objectStore('runs').getKey(runId))) throw runNotFound(runId);
      await Promise.all([
        tx.objectStore('artifacts').put({ runId, path: artifact.path, contentType: artifact.contentType, size: artifact.bytes.byteLength }),
        tx.objectStore('artifactData').put({ runId, path: artifact.path, bytes: artifact.bytes }),
        tx.done,
      ]);
    });
  }

  async getArtifact(runId: string, path: string) {
    const db = await this.db();
    const tx = db.transaction(['artifacts', 'artifactData']);
    const [meta, data] = await Promise.all([tx.objectStore('artifacts').get([runId, path]), tx.objectStore('artifactData').get([runId, path])]);
    if (!meta || !data) return undefined;
    return { path, contentType: meta.contentType, bytes: data.bytes };
  }

  async listArtifactPaths(runId: string) {
    const metas = await (await this.db()).getAll('artifacts', IDBKeyRange.bound([runId, ''], [runId, '\uffff']));
    return metas.map((m) => ({ path: m.path, size: m.size }));
  }

  async close() {
    (await this.db()).close();
  }
}

function emptyChunk(runId: string, key: string, chunk: number): MetricChunk {
  return {
    runId, key, chunk, count: 0,
    steps: new Float64Array(CHUNK_SIZE), values: new Float64Array(CHUNK_SIZE), timestamps: new Float64Array(CHUNK_SIZE),
  };
}

function groupByKey(metrics: Metric[]): Map<string, Metric[]> {
  const out = new Map<string, Metric[]>();
  for (const m of metrics) {
    let list = out.get(m.key);
    if (!list) out.set(m.key, (list = []));
    list.push(m);
  }
  return out;
}

function* timestamps(metrics: Metric[]) {
  for (const m of metrics) yield m.timestamp;
}

/** Storage-full errors become a TrackingError the user can act on; the aborted transaction wrote nothing. */
async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isQuotaError(err)) {
      throw new TrackingError(
        'The browser refused to store more data (storage quota exceeded). Nothing from this call was saved; ' +
          'earlier data is intact. Free space by deleting runs or artifacts, or export the workspace.',
        'QUOTA_EXCEEDED',
      );
    }
    throw err;
  }
}

export function isQuotaError(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name;
  return name === 'QuotaExceededError' || (err as { code?: number } | null)?.code === 22;
}

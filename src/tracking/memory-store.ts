// In-memory TrackingStore (`memory:`): tests, scratch work, and Node scripts without IndexedDB.
// Everything handed out is a copy, so callers can never change stored state by mutating a result.
import type { DatasetInput, Experiment, Metric, Run, RunInfo } from './entities';
import type { DumpedRun, TrackingDumpItem } from './dump';
import { experimentExists, experimentNotFound, runNotFound, tagNotFound } from './errors';
import { now } from '../lib/time';
import { TrackingError } from '../lib/errors';
import { applyBatch, assertActive, batchSeries, mergeInputs, newRunRow, rowToRun, type RunRow } from './run-row';
import type {
  ExperimentPatch,
  LogBatch,
  PurgeResult,
  RunChange,
  RunInfoPatch,
  StoredArtifact,
  TrackingStore,
  ViewType,
} from './store';
import { matchesView } from './view';

export class MemoryTrackingStore implements TrackingStore {
  readonly assignsRunIds = false;
  constructor(readonly uri = 'memory:') {}
  private experiments = new Map<string, Experiment>();
  private runs = new Map<string, RunRow>();
  private history = new Map<string, Metric[]>();
  private artifacts = new Map<string, Map<string, StoredArtifact>>();
  private nextExperimentId = 0;

  async createExperiment(input: {
    name: string;
    artifactLocation?: string;
    tags?: Record<string, string>;
    creationTime: number;
  }): Promise<Experiment> {
    for (const e of this.experiments.values()) if (e.name === input.name) throw experimentExists(input.name);
    const experimentId = String(this.nextExperimentId++);
    const exp: Experiment = {
      experimentId,
      name: input.name,
      artifactLocation: input.artifactLocation ?? `memory:/${experimentId}`,
      lifecycleStage: 'active',
      tags: { ...input.tags },
      creationTime: input.creationTime,
      lastUpdateTime: input.creationTime,
    };
    this.experiments.set(experimentId, exp);
    return structuredClone(exp);
  }

  async getExperiment(id: string) {
    const e = this.experiments.get(id);
    return e && structuredClone(e);
  }

  async getExperimentByName(name: string) {
    for (const e of this.experiments.values()) if (e.name === name) return structuredClone(e);
    return undefined;
  }

  async listExperiments(viewType: ViewType = 'ACTIVE_ONLY') {
    return [...this.experiments.values()]
      .filter((e) => matchesView(e.lifecycleStage, viewType))
      .map((e) => structuredClone(e));
  }

  async updateExperiment(id: string, patch: ExperimentPatch, time: number) {
    const e = this.experiments.get(id);
    if (!e) throw experimentNotFound(id);
    if (patch.name !== undefined && patch.name !== e.name) {
      for (const o of this.experiments.values()) if (o.name === patch.name) throw experimentExists(patch.name);
      e.name = patch.name;
    }
    if (patch.lifecycleStage) e.lifecycleStage = patch.lifecycleStage;
    e.lastUpdateTime = time;
    return structuredClone(e);
  }

  async setExperimentTag(id: string, key: string, value: string) {
    const e = this.experiments.get(id);
    if (!e) throw experimentNotFound(id);
    e.tags[key] = value;
  }

  async createRun(run: Run): Promise<Run> {
    if (!this.experiments.has(run.info.experimentId)) throw experimentNotFound(run.info.experimentId);
    this.runs.set(run.info.runId, newRunRow(structuredClone(run)));
    return structuredClone(run);
  }

  private row(runId: string): RunRow {
    const r = this.runs.get(runId);
    if (!r) throw runNotFound(runId);
    return r;
  }

  async getRun(runId: string) {
    const r = this.runs.get(runId);
    return r && rowToRun(r);
  }

  async listRuns(experimentIds: string[], viewType: ViewType = 'ACTIVE_ONLY') {
    const ids = new Set(experimentIds);
    const out: Run[] = [];
    for (const r of this.runs.values()) {
      if (ids.has(r.info.experimentId) && matchesView(r.info.lifecycleStage, viewType)) out.push(rowToRun(r));
    }
    return out;
  }

  async listRunningRuns() {
    return [...this.runs.values()]
      .filter((r) => r.info.status === 'RUNNING')
      .map((r) => ({ info: { ...r.info }, lastActivity: r.lastActivity }));
  }

  async updateRunInfo(runId: string, patch: RunInfoPatch): Promise<RunInfo> {
    const r = this.row(runId);
    Object.assign(r.info, patch);
    if (patch.runName !== undefined) r.tags['mlflow.runName'] = patch.runName;
    return { ...r.info };
  }

  async logBatch(runId: string, batch: LogBatch) {
    const r = this.row(runId);
    const copy = structuredClone(r);
    applyBatch(copy, batch, now());
    this.runs.set(runId, copy);
    for (const s of batchSeries(batch)) {
      const key = `${runId}\u0000${s.key}`;
      let h = this.history.get(key);
      if (!h) this.history.set(key, (h = []));
      for (let i = 0; i < s.values.length; i++)
        h.push({ key: s.key, value: s.values[i]!, step: s.steps[i]!, timestamp: s.timestamps[i]! });
      copy.metricCounts[s.key] = h.length;
    }
  }

  async commit(runId: string, change: RunChange): Promise<RunInfo> {
    if (change.create) {
      if (this.runs.has(runId))
        throw new TrackingError(`Run with id=${runId} already exists.`, 'RESOURCE_ALREADY_EXISTS');
      const probe = newRunRow(structuredClone(change.create));
      if (change.batch) applyBatch(probe, change.batch, now()); // refuse before creating anything
      await this.createRun(change.create);
    }
    const r = this.row(runId);
    // Check first, so a refused change leaves nothing half-applied.
    if (change.batch) applyBatch(structuredClone(r), change.batch, now());
    if (change.inputs?.length) assertActive(r);
    if (change.batch) await this.logBatch(runId, change.batch);
    if (change.inputs?.length) await this.logInputs(runId, change.inputs);
    for (const a of change.artifacts ?? []) await this.putArtifact(runId, a);
    return change.info ? this.updateRunInfo(runId, change.info) : { ...this.row(runId).info };
  }

  async deleteTag(runId: string, key: string) {
    const r = this.row(runId);
    assertActive(r);
    if (!(key in r.tags)) throw tagNotFound(runId, key);
    delete r.tags[key];
  }

  async logInputs(runId: string, inputs: DatasetInput[]) {
    const r = this.row(runId);
    assertActive(r);
    r.inputs = mergeInputs(r.inputs, structuredClone(inputs));
  }

  async getMetricHistory(runId: string, key: string) {
    this.row(runId);
    return (this.history.get(`${runId}\u0000${key}`) ?? []).map((m) => ({ ...m }));
  }

  async putArtifact(runId: string, artifact: StoredArtifact) {
    this.row(runId);
    let files = this.artifacts.get(runId);
    if (!files) this.artifacts.set(runId, (files = new Map()));
    // A Blob is immutable: kept as it is; bytes are copied.
    files.set(artifact.path, {
      ...artifact,
      bytes: artifact.bytes instanceof Blob ? artifact.bytes : artifact.bytes.slice(0),
    });
  }

  async putArtifacts(runId: string, artifacts: StoredArtifact[]) {
    this.row(runId);
    for (const a of artifacts) await this.putArtifact(runId, a);
  }

  async getArtifact(runId: string, path: string) {
    const a = this.artifacts.get(runId)?.get(path);
    return a && { ...a, bytes: new Blob([a.bytes], { type: a.contentType }) };
  }

  async metricPointCount(runId: string) {
    return Object.values(this.runs.get(runId)?.metricCounts ?? {}).reduce((s, n) => s + n, 0);
  }

  async listArtifactPaths(runId: string) {
    const files = this.artifacts.get(runId);
    if (!files) return [];
    return [...files.values()]
      .map((a) => ({ path: a.path, size: byteSize(a.bytes) }))
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  async deleteArtifacts(runId: string, path: string) {
    this.row(runId);
    const files = this.artifacts.get(runId) ?? new Map<string, StoredArtifact>();
    const deleted: Array<{ path: string; size: number }> = [];
    for (const [p, a] of files) {
      if (p !== path && !p.startsWith(path + '/')) continue;
      files.delete(p);
      deleted.push({ path: p, size: byteSize(a.bytes) });
    }
    return deleted.sort((a, b) => a.path.localeCompare(b.path));
  }

  async purgeRuns(runIds: string[]): Promise<PurgeResult> {
    const result: PurgeResult = { runs: [], bytes: 0 };
    for (const runId of runIds) {
      const row = this.runs.get(runId);
      if (!row) continue;
      for (const a of this.artifacts.get(runId)?.values() ?? []) result.bytes += byteSize(a.bytes);
      for (const key of Object.keys(row.metricCounts)) {
        result.bytes += (this.history.get(`${runId}\u0000${key}`)?.length ?? 0) * 24;
        this.history.delete(`${runId}\u0000${key}`);
      }
      this.artifacts.delete(runId);
      this.runs.delete(runId);
      result.runs.push(runId);
    }
    return result;
  }

  async *dump(): AsyncIterable<TrackingDumpItem> {
    for (const e of this.experiments.values()) yield { kind: 'experiment', experiment: structuredClone(e) };
    for (const row of [...this.runs.values()]) {
      const runId = row.info.runId;
      const { version: _v, metricCounts, ...record } = structuredClone(row);
      const history = Object.keys(metricCounts).map((key) => {
        const points = this.history.get(`${runId}\u0000${key}`) ?? [];
        return {
          key,
          steps: Float64Array.from(points, (p) => p.step),
          values: Float64Array.from(points, (p) => p.value),
          timestamps: Float64Array.from(points, (p) => p.timestamp),
        };
      });
      const files = [...(this.artifacts.get(runId)?.values() ?? [])].map((a) => ({
        path: a.path,
        contentType: a.contentType,
        size: byteSize(a.bytes),
        open: () => pieces(a.bytes),
      }));
      yield { kind: 'run', run: { ...record, history, files } };
    }
  }

  async restoreExperiment(experiment: Experiment): Promise<void> {
    if (
      this.experiments.has(experiment.experimentId) ||
      [...this.experiments.values()].some((e) => e.name === experiment.name)
    ) {
      throw new TrackingError(
        `Experiment ${experiment.experimentId} ('${experiment.name}') already exists.`,
        'RESOURCE_ALREADY_EXISTS',
      );
    }
    this.experiments.set(experiment.experimentId, structuredClone(experiment));
    this.nextExperimentId = Math.max(this.nextExperimentId, Number(experiment.experimentId) + 1);
  }

  async restoreRun(run: DumpedRun, options: { onlyIfNewer?: boolean } = {}): Promise<'added' | 'replaced' | 'kept'> {
    const runId = run.info.runId;
    const here = this.runs.get(runId);
    if (options.onlyIfNewer && here && here.lastActivity >= run.lastActivity) return 'kept';
    if (!this.experiments.has(run.info.experimentId)) throw experimentNotFound(run.info.experimentId);
    // Everything is read before anything changes: a failure leaves the store as it was.
    const files = new Map<string, StoredArtifact>();
    for (const f of run.files) {
      const parts: Uint8Array[] = [];
      for await (const p of f.open()) parts.push(p.slice());
      const bytes = new Blob(parts as BlobPart[], { type: f.contentType });
      if (f.size >= 0 && bytes.size !== f.size)
        throw new TrackingError(`File '${f.path}' of run ${runId} holds ${bytes.size} bytes; the run lists ${f.size}.`);
      files.set(f.path, { path: f.path, contentType: f.contentType, bytes });
    }
    const existed = this.runs.has(runId);
    const { history, files: _f, ...record } = structuredClone({ ...run, files: [] });
    for (const key of Object.keys(this.runs.get(runId)?.metricCounts ?? {}))
      this.history.delete(`${runId}\u0000${key}`);
    const row: RunRow = { ...record, metricCounts: {}, version: 0 };
    for (const h of history) {
      this.history.set(
        `${runId}\u0000${h.key}`,
        Array.from(h.values, (value, i) => ({ key: h.key, value, step: h.steps[i]!, timestamp: h.timestamps[i]! })),
      );
      row.metricCounts[h.key] = h.values.length;
    }
    this.runs.set(runId, row);
    this.artifacts.set(runId, files);
    return existed ? 'replaced' : 'added';
  }

  async close() {}
}

const byteSize = (bytes: ArrayBuffer | Blob) => (bytes instanceof Blob ? bytes.size : bytes.byteLength);

async function* pieces(bytes: ArrayBuffer | Blob): AsyncIterable<Uint8Array> {
  yield new Uint8Array(bytes instanceof Blob ? await bytes.arrayBuffer() : bytes.slice(0));
}

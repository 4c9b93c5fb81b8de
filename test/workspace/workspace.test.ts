// Export → import round trips on fake-indexeddb: everything comes back, a second import adds nothing,
// and experiments whose ids collide are remapped with their runs.
import { describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import { IdbTrackingStore } from '../../src/tracking/idb-store';
import { TrackingClient } from '../../src/tracking/client';
import { IdbRegistryStore } from '../../src/model-registry/idb-store';
import { RegistryClient } from '../../src/model-registry/client';
import { NotebooksStore } from '../../src/notebook/notebooks-store';
import { FilesStore } from '../../src/notebook/files';
import {
  exportWorkspace,
  importWorkspace,
  clearWorkspace,
  WorkspaceError,
  type WorkspaceDatabases,
} from '../../src/workspace';
import { decodeJSON } from '../../src/workspace/archive';
import { openKirokuDB } from '../../src/storage/connection';
import { subscribe, type TrackingMessage } from '../../src/tracking/events';

let n = 0;
function databases(): WorkspaceDatabases {
  const id = `${++n}-${Date.now()}`;
  return { tracking: `ws-kiroku-${id}`, notebooks: `ws-notebooks-${id}`, files: `ws-files-${id}` };
}

function clients(dbs: WorkspaceDatabases) {
  const tracking = new TrackingClient(new IdbTrackingStore(dbs.tracking));
  const registry = new RegistryClient(new IdbRegistryStore(dbs.tracking));
  return { tracking, registry };
}

async function seed(dbs: WorkspaceDatabases, experimentName = 'wine') {
  const { tracking, registry } = clients(dbs);
  const expId = await tracking.createExperiment(experimentName);
  const run = await tracking.createRun(expId, { runName: 'enet' });
  const runId = run.info.runId;
  await tracking.logParam(runId, 'alpha', 0.02);
  const metrics = Array.from({ length: 12500 }, (_, i) => ({
    key: 'loss',
    value: i === 7 ? NaN : 1 / (i + 1),
    step: i,
    timestamp: 1000 + i,
  }));
  await tracking.logBatch(runId, { metrics: [...metrics, { key: 'r2', value: Infinity, step: 0, timestamp: 5 }] });
  await tracking.logArtifact(runId, 'model/MLmodel', 'flavors: {}\n');
  await tracking.logArtifact(runId, 'model/weights.bin', new Uint8Array([1, 2, 3, 250]));
  await tracking.setTerminated(runId, 'FINISHED', 9000);
  await tracking.flush();
  await registry.createRegisteredModel('wine-model', { description: 'the wine model' });
  await registry.createModelVersion('wine-model', `runs:/${runId}/model`, { runId });
  await registry.setRegisteredModelAlias('wine-model', 'champion', 1);

  const notebooks = await NotebooksStore.open({ name: dbs.notebooks });
  await notebooks.put({
    id: 'nb1',
    name: 'Wine',
    cells: [{ id: 'c1', type: 'markdown', source: '# hi', metadata: {} }],
    metadata: {},
    createdAt: 1,
    updatedAt: 2,
  });
  notebooks.close();
  const files = new FilesStore(dbs.files);
  await files.put({ name: 'data.csv', data: 'a,b\n1,2\n', lastModified: 100 });
  await files.close();
  await tracking.store.close();
  return { runId, expId };
}

async function snapshot(dbs: WorkspaceDatabases) {
  const { tracking, registry } = clients(dbs);
  const exps = (await tracking.searchExperiments()).map((e) => e.name).sort();
  const runs = await tracking.searchRuns({
    experimentIds: (await tracking.searchExperiments()).map((e) => e.experimentId),
  });
  const out = await Promise.all(
    runs.map(async (r) => ({
      name: r.info.runName,
      status: r.info.status,
      experiment: (await tracking.getExperiment(r.info.experimentId))!.name,
      params: r.data.params,
      metrics: r.data.metrics,
      loss: await tracking.getMetricHistory(r.info.runId, 'loss'),
      files: await tracking.listArtifactFiles(r.info.runId),
      weights: [
        ...new Uint8Array(await (await tracking.downloadArtifact(r.info.runId, 'model/weights.bin')).arrayBuffer()),
      ],
    })),
  );
  const models = (await registry.searchRegisteredModels()).map((m) => ({
    name: m.name,
    description: m.description,
    aliases: m.aliases,
  }));
  const versions = (await registry.searchModelVersions()).map((v) => ({
    name: v.name,
    version: v.version,
    source: v.source,
    aliases: v.aliases,
  }));
  const notebooks = await NotebooksStore.open({ name: dbs.notebooks });
  const nbs = await Promise.all((await notebooks.list()).map((s) => notebooks.get(s.id)));
  notebooks.close();
  const files = new FilesStore(dbs.files);
  const fileList = await files.list();
  const csv = await (await files.file('data.csv'))?.text();
  await files.close();
  await tracking.store.close();
  return { exps, runs: out, models, versions, nbs, fileList, csv };
}

describe('workspace export and import', () => {
  it('round-trips notebooks, files, runs with metric history (NaN, Infinity), artifacts and the registry', async () => {
    const a = databases();
    await seed(a);
    const before = await snapshot(a);
    expect(before.runs[0]!.loss).toHaveLength(12500);
    const { blob: bytes, counts } = await exportWorkspace({ databases: a });
    expect(counts).toMatchObject({
      notebooks: 1,
      files: 1,
      experiments: 2,
      runs: 1,
      artifacts: 2,
      registeredModels: 1,
      modelVersions: 1,
    });

    const b = databases();
    const report = await importWorkspace(bytes, { databases: b });
    expect(report.runs).toEqual({ added: 1, updated: 0, skipped: 0, rejected: 0 });
    expect(report.notebooks.added).toBe(1);
    expect(report.files.added).toBe(1);
    expect(report.modelVersions.added).toBe(1);
    const after = await snapshot(b);
    expect(after).toEqual(before);
    expect(Number.isNaN(after.runs[0]!.loss[7]!.value)).toBe(true);
    expect(after.runs[0]!.metrics.r2).toBe(Infinity);

    // A second import merges into the same data: nothing new.
    const again = await importWorkspace(bytes, { databases: b });
    expect(again.runs).toEqual({ added: 0, updated: 0, skipped: 1, rejected: 0 });
    expect(again.notebooks).toEqual({ added: 0, updated: 0, skipped: 1, rejected: 0 });
    expect(again.files).toEqual({ added: 0, updated: 0, skipped: 1, rejected: 0 });
    expect(again.experiments).toEqual({ added: 0, updated: 0, skipped: 2, rejected: 0 });
    expect(again.modelVersions).toEqual({ added: 0, updated: 0, skipped: 1, rejected: 0 });
    expect(await snapshot(b)).toEqual(before);

    // Logging continues in the imported run's history where the archive left off.
    const { tracking } = clients(b);
    const runId = (await tracking.searchRuns({ experimentIds: ['1'] }))[0]!.info.runId;
    await tracking.logBatch(runId, { metrics: [{ key: 'loss', value: 0.5, step: 12500, timestamp: 1 }] });
    expect(await tracking.getMetricHistory(runId, 'loss')).toHaveLength(12501);
    await tracking.store.close();
  });

  it('announces what the import adds, through the clients, as a change made here would be', async () => {
    const a = databases();
    const { runId } = await seed(a);
    const { blob: bytes } = await exportWorkspace({ databases: a });
    const b = databases();
    const uri = new IdbTrackingStore(b.tracking).uri;
    const heard: TrackingMessage[] = [];
    const stop = subscribe((m) => {
      if (m.store === uri) heard.push(m);
    });
    try {
      await importWorkspace(bytes, { databases: b });
    } finally {
      stop();
    }
    expect(heard.filter((m) => m.type === 'experiment-changed')).toHaveLength(2);
    expect(heard).toContainEqual({ type: 'run-created', runId, experimentId: '1', store: uri });
    expect(heard).toContainEqual({ type: 'model-registered', name: 'wine-model', store: uri });
  });

  it('remaps an experiment whose id is taken, matches one by name, renumbers a clashing model version', async () => {
    const a = databases();
    const { runId } = await seed(a, 'wine');
    const { blob: bytes } = await exportWorkspace({ databases: a });

    // Here, id 1 is already "iris", and the registry has a different wine-model v1.
    const b = databases();
    const { tracking, registry } = clients(b);
    const irisId = await tracking.createExperiment('iris');
    expect(irisId).toBe('1');
    const irisRun = await tracking.createRun(irisId, { runName: 'iris-run' });
    await registry.createRegisteredModel('wine-model');
    await registry.createModelVersion('wine-model', `runs:/${irisRun.info.runId}/model`, { runId: irisRun.info.runId });
    await registry.setRegisteredModelAlias('wine-model', 'champion', 1);
    await tracking.store.close();

    const report = await importWorkspace(bytes, { databases: b });
    expect(report.remappedExperiments).toEqual({ '1': '2' });
    const c = clients(b);
    const wine = await c.tracking.getExperimentByName('wine');
    expect(wine!.experimentId).toBe('2');
    const run = await c.tracking.getRun(runId);
    expect(run.info.experimentId).toBe('2');
    expect(run.info.artifactUri).toBe(`indexeddb:${b.tracking}/2/${runId}/artifacts`);
    expect((await c.tracking.searchRuns({ experimentIds: ['1'] })).map((r) => r.info.runName)).toEqual(['iris-run']);
    // A new experiment made after the import does not reuse an id.
    expect(await c.tracking.createExperiment('next')).toBe('3');

    const versions = await c.registry.searchModelVersions("name = 'wine-model'");
    expect(versions.map((v) => [v.version, v.runId]).sort()).toEqual([
      ['1', irisRun.info.runId],
      ['2', runId],
    ]);
    // The local alias wins; the imported one does not overwrite it.
    expect((await c.registry.getModelVersionByAlias('wine-model', 'champion')).version).toBe('1');
    await c.tracking.store.close();
  });

  it('refuses a zip that is not a workspace, with what to do', async () => {
    const b = databases();
    const notZip = new TextEncoder().encode('hello');
    await expect(importWorkspace(notZip, { databases: b })).rejects.toThrow(/not a zip archive/);
    const other = zipSync({ 'readme.txt': new TextEncoder().encode('hi') });
    await expect(importWorkspace(other, { databases: b })).rejects.toThrow(WorkspaceError);
    await expect(importWorkspace(other, { databases: b })).rejects.toThrow(/not a Kiroku workspace/);
  });

  it('writes a manifest with the counts, and clearWorkspace deletes every database', async () => {
    const a = databases();
    await seed(a);
    const { blob: bytes } = await exportWorkspace({ databases: a, now: () => 42 });
    const manifest = decodeJSON<{ format: string; exportedAt: number; counts: { runs: number } }>(
      unzipSync(new Uint8Array(await bytes.arrayBuffer()))['kiroku-workspace.json']!,
    );
    expect(manifest).toMatchObject({ format: 'kiroku-workspace', exportedAt: 42, counts: { runs: 1 } });
    await clearWorkspace({ databases: a });
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(a.tracking);
    expect(names).not.toContain(a.notebooks);
    expect(names).not.toContain(a.files);
  });
});

describe('workspace import on a full disk', () => {
  it('stops at the refused write with QUOTA_EXCEEDED, stored runs whole; a second import completes it', async () => {
    const a = databases();
    const { tracking } = clients(a);
    const expId = await tracking.createExperiment('many');
    for (let r = 0; r < 3; r++) {
      const run = await tracking.createRun(expId, { runName: `r${r}` });
      await tracking.logBatch(run.info.runId, {
        metrics: Array.from({ length: 50 }, (_, i) => ({ key: 'loss', value: i, step: i, timestamp: i })),
      });
      await tracking.logArtifact(run.info.runId, 'a.txt', `run ${r}`);
    }
    await tracking.flush();
    await tracking.store.close();
    const { blob: bytes } = await exportWorkspace({ databases: a });

    // The disk fills up at the last write of the second run (its row), after its history and artifact.
    const b = databases();
    const put = IDBObjectStore.prototype.put;
    let rows = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'runs' && ++rows === 2)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    let error: unknown;
    try {
      await importWorkspace(bytes, { databases: b });
    } catch (err) {
      error = err;
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(error).toBeInstanceOf(WorkspaceError);
    expect(error).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      message: expect.stringMatching(/quota exceeded.*\(1 runs\).*import again/),
    });

    const c = clients(b);
    const stored = await c.tracking.searchRuns({
      experimentIds: [(await c.tracking.getExperimentByName('many'))!.experimentId],
    });
    expect(stored).toHaveLength(1);
    expect(await c.tracking.getMetricHistory(stored[0]!.info.runId, 'loss')).toHaveLength(50);
    // Nothing of the refused run was written: no orphaned history chunks or artifacts.
    const db = await openKirokuDB(b.tracking);
    expect((await db.getAll('metricChunks')).map((ch) => ch.runId)).toEqual([stored[0]!.info.runId]);
    expect((await db.getAll('artifacts')).map((x) => x.runId)).toEqual([stored[0]!.info.runId]);
    expect((await db.getAllKeys('artifactChunks')).map((k) => k[0])).toEqual(
      (await db.getAll('artifacts')).map((x) => x.blobId),
    );
    await c.tracking.store.close();

    const again = await importWorkspace(bytes, { databases: b });
    expect(again.runs).toEqual({ added: 2, updated: 0, skipped: 1, rejected: 0 });
    const d = clients(b);
    expect(
      await d.tracking.searchRuns({ experimentIds: [(await d.tracking.getExperimentByName('many'))!.experimentId] }),
    ).toHaveLength(3);
    await d.tracking.store.close();
  });
});

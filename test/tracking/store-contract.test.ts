// One contract, every TrackingStore: the in-memory store, the IndexedDB store (fake-indexeddb in
// Node; the browser suite runs the same API against Chromium's real IndexedDB), and the REST store
// against a local server that follows MLflow's REST API 2.0 reference. Where a server must differ
// (it chooses run ids and stamps times with its own clock), the
// subject's capabilities say so and the test checks the server's behaviour instead.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Run } from '../../src/tracking/entities';
import { IdbTrackingStore } from '../../src/tracking/idb-store';
import { MemoryTrackingStore } from '../../src/tracking/memory-store';
import { RestTrackingStore } from '../../src/interop/rest/tracking-store';
import { CHUNK_SIZE } from '../../src/storage/schema';
import { CHUNK_BYTES } from '../../src/storage/chunks';
import type { TrackingStore } from '../../src/tracking/store';
import { setClock } from '../../src/lib/time';
import { startMlflowTestServer } from '../interop/mlflow-test-server';

interface Subject {
  store: TrackingStore;
  /** Times passed by the caller are kept (a server uses its own clock). */
  callerTimes: boolean;
  stop?: () => Promise<void>;
}

let dbCounter = 0;
const factories: Array<[string, () => Promise<Subject>]> = [
  ['MemoryTrackingStore', async () => ({ store: new MemoryTrackingStore(), callerTimes: true })],
  [
    'IdbTrackingStore',
    async () => ({ store: new IdbTrackingStore(`contract-${++dbCounter}-${Date.now()}`), callerTimes: true }),
  ],
  [
    'RestTrackingStore',
    async () => {
      const server = await startMlflowTestServer({ defaultExperiment: false });
      return {
        store: new RestTrackingStore(server.url, () => ({ baseUrl: server.url, retries: 0 })),
        callerTimes: false,
        stop: server.close,
      };
    },
  ],
];

function makeRun(runId: string, experimentId: string, startTime = 1000): Run {
  return {
    info: {
      runId,
      runName: `run-${runId.slice(0, 4)}`,
      experimentId,
      userId: 'ada',
      status: 'RUNNING',
      startTime,
      endTime: null,
      artifactUri: `x/${runId}`,
      lifecycleStage: 'active',
    },
    data: { params: {}, metrics: {}, tags: { 'mlflow.runName': `run-${runId.slice(0, 4)}` } },
    inputs: { datasetInputs: [] },
  };
}

const RUN_A = 'a'.repeat(32);
const RUN_B = 'b'.repeat(32);

describe.each(factories)('TrackingStore contract: %s', (_name, factory) => {
  let subject: Subject;
  let store: TrackingStore;
  let exp: string;
  /** Create a run built with `id`; returns the id it is stored under (the server's own for REST). */
  const create = async (id: string, experimentId: string) => {
    const stored = await store.createRun(makeRun(id, experimentId));
    expect(stored.info.runId === id).toBe(!store.assignsRunIds);
    return stored.info.runId;
  };

  beforeEach(async () => {
    subject = await factory();
    store = subject.store;
    exp = (await store.createExperiment({ name: 'Default', creationTime: 1 })).experimentId;
  });
  afterEach(async () => {
    await store.close();
    await subject.stop?.();
  });

  it('numbers experiments from "0" and finds them by id and name', async () => {
    expect(exp).toBe('0');
    const other = await store.createExperiment({ name: 'wine', tags: { team: 'ml' }, creationTime: 5 });
    expect(other.experimentId).toBe('1');
    expect((await store.getExperimentByName('wine'))?.tags).toEqual({ team: 'ml' });
    expect((await store.getExperiment('1'))?.name).toBe('wine');
    expect(await store.getExperiment('99')).toBeUndefined();
  });

  it('refuses a duplicate experiment name, also on rename', async () => {
    await store.createExperiment({ name: 'wine', creationTime: 2 });
    await expect(store.createExperiment({ name: 'wine', creationTime: 3 })).rejects.toThrow(
      "Experiment 'wine' already exists.",
    );
    await expect(store.updateExperiment('1', { name: 'Default' }, 4)).rejects.toThrow(
      "Experiment 'Default' already exists.",
    );
  });

  it('soft-deletes and restores experiments, filtered by view type', async () => {
    await store.createExperiment({ name: 'wine', creationTime: 2 });
    await store.updateExperiment('1', { lifecycleStage: 'deleted' }, 9);
    expect((await store.listExperiments('ACTIVE_ONLY')).map((e) => e.name)).toEqual(['Default']);
    expect((await store.listExperiments('DELETED_ONLY')).map((e) => e.name)).toEqual(['wine']);
    expect((await store.listExperiments('ALL')).length).toBe(2);
    const restored = await store.updateExperiment('1', { lifecycleStage: 'active' }, 10);
    if (subject.callerTimes) expect(restored.lastUpdateTime).toBe(10);
    else expect(restored.lastUpdateTime).toBeGreaterThanOrEqual(restored.creationTime);
    expect((await store.listExperiments()).length).toBe(2);
  });

  it('creates a run in an existing experiment only', async () => {
    await expect(store.createRun(makeRun(RUN_A, '42'))).rejects.toThrow('No Experiment with id=42 exists');
    const A = await create(RUN_A, exp);
    const run = await store.getRun(A);
    expect(run?.info.status).toBe('RUNNING');
    expect(run?.data.tags['mlflow.runName']).toBe('run-aaaa');
  });

  it('applies a log batch: params, tags, latest metric by step then timestamp', async () => {
    const A = await create(RUN_A, exp);
    await store.logBatch(A, {
      params: [{ key: 'alpha', value: '0.5' }],
      tags: [{ key: 'team', value: 'ml' }],
      metrics: [
        { key: 'rmse', value: 3, step: 2, timestamp: 10 },
        { key: 'rmse', value: 1, step: 5, timestamp: 5 },
        { key: 'rmse', value: 2, step: 5, timestamp: 4 },
      ],
    });
    const run = (await store.getRun(A))!;
    expect(run.data.params).toEqual({ alpha: '0.5' });
    expect(run.data.tags.team).toBe('ml');
    expect(run.data.metrics.rmse).toBe(1);
    const history = (await store.getMetricHistory(A, 'rmse')).map((m) => m.value);
    // In logging order locally; MLflow's SQL store answers by timestamp, then step, then value.
    expect(history).toEqual(subject.callerTimes ? [3, 1, 2] : [2, 1, 3]);
  });

  it("refuses to change a param with MLflow's message and writes nothing of that batch", async () => {
    const A = await create(RUN_A, exp);
    await store.logBatch(A, { params: [{ key: 'alpha', value: '0.02' }] });
    await store.logBatch(A, { params: [{ key: 'alpha', value: '0.02' }] });
    await expect(
      store.logBatch(A, {
        params: [{ key: 'alpha', value: '0.5' }],
        metrics: [{ key: 'm', value: 1, step: 0, timestamp: 1 }],
      }),
    ).rejects.toThrow(
      `Changing param values is not allowed. Param with key='alpha' was already logged with value='0.02' for run ` +
        `ID='${A}'. Attempted logging new value '0.5'.`,
    );
    const run = (await store.getRun(A))!;
    expect(run.data.params.alpha).toBe('0.02');
    expect(run.data.metrics.m).toBeUndefined();
    expect(await store.getMetricHistory(A, 'm')).toEqual([]);
  });

  it('keeps metric history in order across chunk boundaries', async () => {
    const A = await create(RUN_A, exp);
    const n = CHUNK_SIZE * 2 + 17;
    // Three batches whose edges fall inside chunks, as a real training loop's flushes do.
    for (const [from, to] of [
      [0, 700],
      [700, 1500],
      [1500, n],
    ] as const) {
      const metrics = [];
      for (let i = from; i < to; i++) metrics.push({ key: 'loss', value: 1 / (i + 1), step: i, timestamp: 100 + i });
      await store.logBatch(A, { metrics });
    }
    const history = await store.getMetricHistory(A, 'loss');
    expect(history.length).toBe(n);
    expect(history.every((m, i) => m.step === i && m.value === 1 / (i + 1) && m.timestamp === 100 + i)).toBe(true);
    expect((await store.getRun(A))!.data.metrics.loss).toBe(1 / n);
  });

  it('updates run info; a runName change updates the mlflow.runName tag', async () => {
    const A = await create(RUN_A, exp);
    const info = await store.updateRunInfo(A, { status: 'FINISHED', endTime: 2000, runName: 'renamed' });
    expect(info).toMatchObject({ status: 'FINISHED', endTime: 2000, runName: 'renamed' });
    expect((await store.getRun(A))!.data.tags['mlflow.runName']).toBe('renamed');
    await expect(store.updateRunInfo(RUN_B, { status: 'FAILED' })).rejects.toThrow(`Run with id=${RUN_B} not found`);
  });

  it('lists runs per experiment and view type, and the RUNNING ones with last activity', async () => {
    const other = (await store.createExperiment({ name: 'wine', creationTime: 2 })).experimentId;
    const A = await create(RUN_A, exp);
    const B = await create(RUN_B, other);
    const restore = setClock(() => 4242);
    await store.logBatch(A, { metrics: [{ key: 'm', value: 1, step: 0, timestamp: 7 }] });
    restore();
    await store.updateRunInfo(B, { lifecycleStage: 'deleted', status: 'FINISHED' });
    expect((await store.listRuns([exp, other])).map((r) => r.info.runId)).toEqual([A]);
    expect((await store.listRuns([other], 'DELETED_ONLY')).map((r) => r.info.runId)).toEqual([B]);
    expect((await store.listRuns([exp, other], 'ALL')).length).toBe(2);
    const running = await store.listRunningRuns();
    // A local store notes its clock at each write; a server's run shows only the times logged to it
    // (the start, 1000, is later than the point's 7).
    expect(running.map((r) => [r.info.runId, r.lastActivity])).toEqual([[A, subject.callerTimes ? 4242 : 1000]]);
  });

  it('refuses logging to a deleted run', async () => {
    const A = await create(RUN_A, exp);
    await store.updateRunInfo(A, { lifecycleStage: 'deleted' });
    await expect(store.logBatch(A, { tags: [{ key: 'a', value: 'b' }] })).rejects.toThrow(
      `The run ${A} must be in the 'active' state. Current state is deleted.`,
    );
  });

  it('deletes tags, and says so when the tag does not exist', async () => {
    const A = await create(RUN_A, exp);
    await store.logBatch(A, { tags: [{ key: 'a', value: 'b' }] });
    await store.deleteTag(A, 'a');
    expect((await store.getRun(A))!.data.tags.a).toBeUndefined();
    await expect(store.deleteTag(A, 'a')).rejects.toThrow(`No tag with name: a in run with id ${A}`);
  });

  it('records dataset inputs once per (name, digest, context)', async () => {
    const A = await create(RUN_A, exp);
    const wine = { name: 'wine', digest: 'abc123', sourceType: 'local', source: 'winequality-red.csv' };
    await store.logInputs(A, [{ dataset: wine, tags: { 'mlflow.data.context': 'train' } }]);
    await store.logInputs(A, [
      { dataset: wine, tags: { 'mlflow.data.context': 'train' } },
      { dataset: wine, tags: { 'mlflow.data.context': 'eval' } },
    ]);
    const inputs = (await store.getRun(A))!.inputs.datasetInputs;
    expect(inputs.map((d) => d.tags['mlflow.data.context'])).toEqual(['train', 'eval']);
  });

  it('stores artifacts with content type and lists paths', async () => {
    const A = await create(RUN_A, exp);
    const bytes = new TextEncoder().encode('hello').buffer as ArrayBuffer;
    await store.putArtifact(A, { path: 'model/MLmodel', contentType: 'application/yaml', bytes });
    await store.putArtifact(A, {
      path: 'notes.txt',
      contentType: 'text/plain',
      bytes: new Uint8Array([1, 2, 3]).buffer,
    });
    const got = await store.getArtifact(A, 'model/MLmodel');
    expect(got?.contentType).toBe('application/yaml');
    expect(new TextDecoder().decode(got!.bytes instanceof Blob ? await got!.bytes.arrayBuffer() : got!.bytes)).toBe(
      'hello',
    );
    expect(await store.listArtifactPaths(A)).toEqual([
      { path: 'model/MLmodel', size: 5 },
      { path: 'notes.txt', size: 3 },
    ]);
    expect(await store.getArtifact(A, 'missing')).toBeUndefined();
    await expect(store.putArtifact(RUN_B, { path: 'x', contentType: 'text/plain', bytes })).rejects.toThrow(
      'not found',
    );
  });

  it('hands out copies: mutating a result changes nothing stored', async () => {
    const A = await create(RUN_A, exp);
    const run = (await store.getRun(A))!;
    run.data.tags.evil = 'x';
    run.info.status = 'FAILED';
    const again = (await store.getRun(A))!;
    expect(again.data.tags.evil).toBeUndefined();
    expect(again.info.status).toBe('RUNNING');
  });
});

describe.each(factories)("metric series (the write queue's columnar shape): %s", (_name, factory) => {
  it('stores series after single points, and picks the latest across both', async () => {
    const subject = await factory();
    const store = subject.store;
    const exp = (await store.createExperiment({ name: 'Default', creationTime: 1 })).experimentId;
    const A = (await store.createRun(makeRun(RUN_A, exp))).info.runId;
    await store.logBatch(A, {
      metrics: [{ key: 'loss', value: 9, step: 0, timestamp: 1 }],
      series: [
        { key: 'loss', steps: [1, 2, 3], values: [3, 2, 1], timestamps: [2, 3, 4] },
        { key: 'acc', steps: [0], values: [0.5], timestamps: [2] },
      ],
    });
    expect((await store.getMetricHistory(A, 'loss')).map((m) => [m.step, m.value])).toEqual([
      [0, 9],
      [1, 3],
      [2, 2],
      [3, 1],
    ]);
    expect((await store.getRun(A))!.data.metrics).toEqual({ loss: 1, acc: 0.5 });
    await store.close();
    await subject.stop?.();
  });
});

/** A file whose every 4-byte word is its own offset: a chunk out of place or order shows. */
function patterned(bytes: number): Blob {
  const words = new Uint32Array(bytes / 4);
  for (let i = 0; i < words.length; i++) words[i] = i * 4;
  return new Blob([words], { type: 'application/octet-stream' });
}

async function blobBytes(b: ArrayBuffer | Blob | undefined): Promise<Uint8Array> {
  return new Uint8Array(b instanceof Blob ? await b.arrayBuffer() : b!);
}

/** Byte equality without a deep-equality diff of millions of elements. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

const localFactories = factories.filter(([name]) => name !== 'RestTrackingStore');

describe.each(localFactories)('files larger than a chunk, deletion and purge: %s', (_name, factory) => {
  it('stores a file of several chunks from a Blob and gives it back whole, in order', async () => {
    const { store } = await factory();
    const exp = (await store.createExperiment({ name: 'Default', creationTime: 1 })).experimentId;
    await store.createRun(makeRun(RUN_A, exp));
    const size = 2 * CHUNK_BYTES + 12_344;
    const blob = patterned(size);
    await store.putArtifact(RUN_A, { path: 'model/weights.bin', contentType: 'application/octet-stream', bytes: blob });
    await store.commit(RUN_A, {
      artifacts: [
        { path: 'big.bin', contentType: 'application/octet-stream', bytes: blob },
        { path: 'small.txt', contentType: 'text/plain', bytes: new TextEncoder().encode('hi').buffer as ArrayBuffer },
      ],
    });
    for (const path of ['model/weights.bin', 'big.bin']) {
      const got = await store.getArtifact(RUN_A, path);
      expect(got!.bytes).toBeInstanceOf(Blob);
      expect(sameBytes(await blobBytes(got!.bytes), await blobBytes(blob))).toBe(true);
    }
    expect(await store.listArtifactPaths(RUN_A)).toEqual([
      { path: 'big.bin', size },
      { path: 'model/weights.bin', size },
      { path: 'small.txt', size: 2 },
    ]);
    // Replacing a file replaces its bytes.
    await store.putArtifact(RUN_A, {
      path: 'big.bin',
      contentType: 'text/plain',
      bytes: new TextEncoder().encode('now small').buffer as ArrayBuffer,
    });
    expect(new TextDecoder().decode(await blobBytes((await store.getArtifact(RUN_A, 'big.bin'))!.bytes))).toBe(
      'now small',
    );
    await store.close();
  });

  it('deletes a file or a folder, and purges runs for good with their history and files', async () => {
    const { store } = await factory();
    const exp = (await store.createExperiment({ name: 'Default', creationTime: 1 })).experimentId;
    await store.createRun(makeRun(RUN_A, exp));
    await store.createRun(makeRun(RUN_B, exp));
    const text = (t: string) => new TextEncoder().encode(t).buffer as ArrayBuffer;
    for (const id of [RUN_A, RUN_B]) {
      await store.putArtifacts(id, [
        { path: 'model/MLmodel', contentType: 'text/plain', bytes: text('m') },
        { path: 'model/weights.bin', contentType: 'application/octet-stream', bytes: patterned(CHUNK_BYTES + 8) },
        { path: 'modelling.txt', contentType: 'text/plain', bytes: text('not in model/') },
      ]);
      await store.logBatch(id, {
        metrics: Array.from({ length: 10 }, (_, i) => ({ key: 'loss', value: i, step: i, timestamp: 1 })),
      });
    }
    expect(await store.listRuns([exp])).toHaveLength(2); // fills the IndexedDB store's run cache
    expect(await store.deleteArtifacts!(RUN_A, 'model')).toEqual([
      { path: 'model/MLmodel', size: 1 },
      { path: 'model/weights.bin', size: CHUNK_BYTES + 8 },
    ]);
    expect(await store.listArtifactPaths(RUN_A)).toEqual([{ path: 'modelling.txt', size: 13 }]);
    expect(await store.getArtifact(RUN_A, 'model/weights.bin')).toBeUndefined();

    const purged = await store.purgeRuns!([RUN_B]);
    expect(purged).toEqual({ runs: [RUN_B], bytes: 1 + CHUNK_BYTES + 8 + 13 + 10 * 24 });
    expect(await store.getRun(RUN_B)).toBeUndefined();
    expect((await store.listRuns([exp], 'ALL')).map((r) => r.info.runId)).toEqual([RUN_A]);
    expect(await store.getArtifact(RUN_B, 'modelling.txt')).toBeUndefined();
    await expect(store.getMetricHistory(RUN_B, 'loss')).rejects.toThrow('not found');
    // The other run is untouched.
    expect(await store.getMetricHistory(RUN_A, 'loss')).toHaveLength(10);
    expect(await store.purgeRuns!(['f'.repeat(32)])).toEqual({ runs: [], bytes: 0 });
    await store.close();
  });
});

describe('IdbTrackingStore run cache', () => {
  it('sees runs created and changed through another connection to the same database', async () => {
    const name = `cache-${Date.now()}`;
    const a = new IdbTrackingStore(name);
    const b = new IdbTrackingStore(name);
    const exp = (await a.createExperiment({ name: 'Default', creationTime: 1 })).experimentId;
    await a.createRun(makeRun(RUN_A, exp));
    expect((await b.listRuns([exp])).map((r) => r.info.status)).toEqual(['RUNNING']);
    await a.updateRunInfo(RUN_A, { status: 'FINISHED' });
    await a.createRun(makeRun(RUN_B, exp));
    await a.logBatch(RUN_B, { params: [{ key: 'alpha', value: '1' }] });
    const seen = await b.listRuns([exp]);
    expect(seen.map((r) => [r.info.runId, r.info.status, r.data.params.alpha ?? null]).sort()).toEqual([
      [RUN_A, 'FINISHED', null],
      [RUN_B, 'RUNNING', '1'],
    ]);
    seen[0]!.data.params.alpha = 'mutated';
    expect((await b.listRuns([exp])).map((r) => r.data.params.alpha ?? null).sort()).toEqual(['1', null]);
    await a.close();
    await b.close();
  });
});

describe('IdbTrackingStore metric chunks', () => {
  it('keeps small flushes in few records and writes big flushes as large new chunks, in order', async () => {
    const name = `chunks-${Date.now()}`;
    const store = new IdbTrackingStore(name);
    const exp = (await store.createExperiment({ name: 'Default', creationTime: 1 })).experimentId;
    await store.createRun(makeRun(RUN_A, exp));
    let step = 0;
    const point = () => ({ key: 'loss', value: step, step: step++, timestamp: 1 });
    for (let i = 0; i < 1500; i++) await store.logBatch(RUN_A, { metrics: [point()] });
    const big = Array.from({ length: 25_000 }, point);
    await store.logBatch(RUN_A, {
      series: [
        { key: 'loss', steps: big.map((p) => p.step), values: big.map((p) => p.value), timestamps: big.map(() => 1) },
      ],
    });
    for (let i = 0; i < 10; i++) await store.logBatch(RUN_A, { metrics: [point()] });
    const history = await store.getMetricHistory(RUN_A, 'loss');
    expect(history.length).toBe(step);
    expect(history.every((m, i) => m.step === i && m.value === i)).toBe(true);
    const { openDB } = await import('idb');
    const db = await openDB(name);
    const counts = (await db.getAll('metricChunks')).map((c: { count: number }) => c.count);
    db.close();
    // 1500 single points → chunks of 1000 and 500; 25,000 at once → 10,000 + 10,000 + 5,000; then 10 → a new small
    // chunk.
    expect(counts).toEqual([1000, 500, 10_000, 10_000, 5_000, 10]);
    await store.close();
  });
});

describe('IdbTrackingStore commit atomicity', () => {
  it('a change that fails after its first writes leaves nothing of it behind', async () => {
    const store = new IdbTrackingStore(`atomic-${Date.now()}`);
    const exp = (await store.createExperiment({ name: 'Default', creationTime: 1 })).experimentId;
    await store.createRun(makeRun(RUN_A, exp));
    // Metric chunks are written first; then an artifact that cannot be stored makes the change fail.
    await expect(
      store.commit(RUN_A, {
        batch: { metrics: [{ key: 'loss', value: 1, step: 0, timestamp: 1 }], params: [{ key: 'alpha', value: '1' }] },
        artifacts: [{ path: 'a.txt', contentType: 'text/plain', bytes: (() => 1) as unknown as ArrayBuffer }],
      }),
    ).rejects.toThrow();
    expect(await store.getMetricHistory(RUN_A, 'loss')).toEqual([]);
    const run = (await store.getRun(RUN_A))!;
    expect(run.data.params).toEqual({});
    expect(await store.listArtifactPaths(RUN_A)).toEqual([]);
    await store.close();
  });
});

describe('IdbTrackingStore file bytes', () => {
  it('keeps no chunk of a file whose change failed, nor of a replaced or deleted file', async () => {
    const name = `blobs-${Date.now()}`;
    const store = new IdbTrackingStore(name);
    const exp = (await store.createExperiment({ name: 'Default', creationTime: 1 })).experimentId;
    await store.createRun(makeRun(RUN_A, exp));
    const big = patterned(CHUNK_BYTES + 4);
    // The staged Blob is written before the change's transaction; the change fails (a param changes value).
    await store.logBatch(RUN_A, { params: [{ key: 'alpha', value: '1' }] });
    await expect(
      store.commit(RUN_A, {
        batch: { params: [{ key: 'alpha', value: '2' }] },
        artifacts: [{ path: 'w.bin', contentType: 'x', bytes: big }],
      }),
    ).rejects.toThrow('Changing param values is not allowed');
    await store.putArtifact(RUN_A, { path: 'w.bin', contentType: 'x', bytes: big });
    await store.putArtifact(RUN_A, { path: 'w.bin', contentType: 'x', bytes: patterned(CHUNK_BYTES + 8) });
    const { openDB } = await import('idb');
    const db = await openDB(name);
    const chunkKeys = async () => (await db.getAllKeys('artifactChunks')).map((k) => (k as [string, number])[1]);
    expect(await chunkKeys()).toEqual([0, 1]);
    await store.deleteArtifacts(RUN_A, 'w.bin');
    expect(await chunkKeys()).toEqual([]);
    db.close();
    await store.close();
  });
});

// A database made by an earlier version of Kiroku opens in this one with its data intact.
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, upgrade, type KirokuDB } from '../../src/storage/schema';
import { IdbTrackingStore } from '../../src/tracking/idb-store';
import { onStorageNotice, type StorageNotice } from '../../src/storage/notices';

describe('schema migrations', () => {
  it('upgrades a version-1 database (tracking only) to the current version, keeping runs', async () => {
    const name = `migrate-${Date.now()}`;
    const v1 = await openDB<KirokuDB>(name, 1, { upgrade: (db, old, next, tx) => upgrade(db, old, next, tx) });
    expect([...v1.objectStoreNames]).not.toContain('registeredModels');
    await v1.put('experiments', {
      experimentId: '0',
      name: 'Default',
      artifactLocation: 'x',
      lifecycleStage: 'active',
      tags: { made: 'v1' },
      creationTime: 1,
      lastUpdateTime: 1,
    });
    await v1.put('meta', { key: 'nextExperimentId', value: 1 });
    v1.close();

    const current = new IdbTrackingStore(name);
    expect((await current.getExperiment('0'))?.tags).toEqual({ made: 'v1' });
    expect((await current.createExperiment({ name: 'after', creationTime: 2 })).experimentId).toBe('1');
    const raw = await openDB<KirokuDB>(name, DB_VERSION);
    expect([...raw.objectStoreNames]).toEqual(
      expect.arrayContaining(['registeredModels', 'modelVersions', 'runs', 'metricChunks']),
    );
    raw.close();
    await current.close();
  });

  it('upgrades a v2 database: artifact bytes move to chunks and read back the same; runs and models stay', async () => {
    const name = `migrate-v2-${Date.now()}`;
    const v2 = await openDB<KirokuDB>(name, 2, { upgrade: (db, old, next, tx) => upgrade(db, old, next, tx) });
    await v2.put('experiments', {
      experimentId: '0',
      name: 'Default',
      artifactLocation: 'x',
      lifecycleStage: 'active',
      tags: {},
      creationTime: 1,
      lastUpdateTime: 1,
    });
    const run = {
      runId: 'a'.repeat(32),
      runName: 'old',
      experimentId: '0',
      userId: 'u',
      status: 'FINISHED' as const,
      startTime: 1,
      endTime: 2,
      artifactUri: 'x',
      lifecycleStage: 'active' as const,
    };
    await v2.put('runs', {
      info: run,
      params: { alpha: '1' },
      metrics: {},
      metricCounts: {},
      tags: {},
      inputs: [],
      lastActivity: 2,
      version: 1,
    });
    const weights = new Uint8Array(3 * 1024 * 1024 + 5).map((_, i) => i % 251);
    // Version 2 kept {contentType, size} and the bytes as one value.
    await v2.put('artifacts', {
      runId: run.runId,
      path: 'model/weights.bin',
      contentType: 'application/octet-stream',
      size: weights.length,
    } as never);
    await v2.put('artifactData', { runId: run.runId, path: 'model/weights.bin', bytes: weights.buffer });
    await v2.put('artifacts', { runId: run.runId, path: 'notes.txt', contentType: 'text/plain', size: 2 } as never);
    await v2.put('artifactData', {
      runId: run.runId,
      path: 'notes.txt',
      bytes: new TextEncoder().encode('hi').buffer as ArrayBuffer,
    });
    await v2.put('registeredModels', {
      name: 'wine',
      creationTimestamp: 1,
      lastUpdatedTimestamp: 1,
      description: '',
      tags: {},
      aliases: { champion: '1' },
    });
    v2.close();

    const store = new IdbTrackingStore(name);
    const got = await store.getArtifact(run.runId, 'model/weights.bin');
    expect(Buffer.compare(new Uint8Array(await (got!.bytes as Blob).arrayBuffer()), weights)).toBe(0);
    expect(await (await store.getArtifact(run.runId, 'notes.txt'))!.bytes).toBeInstanceOf(Blob);
    expect(await store.listArtifactPaths(run.runId)).toEqual([
      { path: 'model/weights.bin', size: weights.length },
      { path: 'notes.txt', size: 2 },
    ]);
    expect((await store.getRun(run.runId))!.data.params).toEqual({ alpha: '1' });
    const raw = await openDB<KirokuDB>(name, DB_VERSION);
    expect([...raw.objectStoreNames]).not.toContain('artifactData');
    expect([...raw.objectStoreNames]).toEqual(expect.arrayContaining(['artifactChunks', 'reserve']));
    expect((await raw.get('registeredModels', 'wine'))!.aliases).toEqual({ champion: '1' });
    raw.close();
    await store.close();
  });

  it('tells the user when another connection wants to upgrade, instead of hanging', async () => {
    const name = `blocking-${Date.now()}`;
    const store = new IdbTrackingStore(name);
    await store.listExperiments();
    const notices: StorageNotice[] = [];
    const stop = onStorageNotice((n) => notices.push(n));
    const newer = await openDB(name, DB_VERSION + 1);
    expect(notices).toEqual([{ type: 'closed-for-upgrade', database: name }]);
    newer.close();
    stop();
  });
});

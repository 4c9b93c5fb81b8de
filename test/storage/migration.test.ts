// A database made by an earlier version of Kiroku opens in this one with its data intact.
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, upgrade, type KirokuDB } from '../../src/storage/schema';
import { IdbTrackingStore } from '../../src/tracking/idb-store';
import { onStorageNotice, type StorageNotice } from '../../src/storage/notices';

describe('schema migrations', () => {
  it('upgrades a version-1 database (tracking only) to the current version, keeping runs', async () => {
    const name = `migrate-${Date.now()}`;
    const v1 = await openDB<KirokuDB>(name, 1, { upgrade: (db, old, next) => upgrade(db, old, next) });
    expect([...v1.objectStoreNames]).not.toContain('registeredModels');
    await v1.put('experiments', {
      experimentId: '0', name: 'Default', artifactLocation: 'x', lifecycleStage: 'active', tags: { made: 'v1' }, creationTime: 1, lastUpdateTime: 1,
    });
    await v1.put('meta', { key: 'nextExperimentId', value: 1 });
    v1.close();

    const current = new IdbTrackingStore(name);
    expect((await current.getExperiment('0'))?.tags).toEqual({ made: 'v1' });
    expect((await current.createExperiment({ name: 'after', creationTime: 2 })).experimentId).toBe('1');
    const raw = await openDB<KirokuDB>(name, DB_VERSION);
    expect([...raw.objectStoreNames]).toEqual(expect.arrayContaining(['registeredModels', 'modelVersions', 'runs', 'metricChunks']));
    raw.close();
    await current.close();
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

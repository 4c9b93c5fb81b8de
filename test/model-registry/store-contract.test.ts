// One contract for every RegistryStore: memory, IndexedDB, and the REST store against a local server
// that follows MLflow's REST API 2.0 reference (which stamps times with its own clock and takes the
// user from its authentication, not from the request).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IdbRegistryStore } from '../../src/model-registry/idb-store';
import { MemoryRegistryStore } from '../../src/model-registry/memory-store';
import type { RegistryStore } from '../../src/model-registry/store';
import { RestRegistryStore } from '../../src/interop/rest/registry-store';
import { startMlflowTestServer } from '../interop/mlflow-test-server';

interface Subject {
  store: RegistryStore;
  /** Times and the user passed by the caller are kept (a server uses its own). */
  callerStamps: boolean;
  stop?: () => Promise<void>;
}

let n = 0;
const factories: Array<[string, () => Promise<Subject>]> = [
  ['MemoryRegistryStore', async () => ({ store: new MemoryRegistryStore(), callerStamps: true })],
  [
    'IdbRegistryStore',
    async () => ({ store: new IdbRegistryStore(`registry-${++n}-${Date.now()}`), callerStamps: true }),
  ],
  [
    'RestRegistryStore',
    async () => {
      const server = await startMlflowTestServer();
      return {
        store: new RestRegistryStore(server.url, () => ({ baseUrl: server.url, retries: 0 })),
        callerStamps: false,
        stop: server.close,
      };
    },
  ],
];

const RUN = 'c'.repeat(32);
const v = (source = `runs:/${RUN}/model`) => ({ source, runId: RUN, userId: 'ada' });

describe.each(factories)('RegistryStore contract: %s', (_name, factory) => {
  let subject: Subject;
  let store: RegistryStore;
  beforeEach(async () => {
    subject = await factory();
    store = subject.store;
  });
  afterEach(async () => {
    await store.close();
    await subject.stop?.();
  });

  it('creates a registered model once', async () => {
    const m = await store.createRegisteredModel('wine', { description: 'red wine', tags: { team: 'ml' } }, 10);
    expect(m).toMatchObject({ name: 'wine', description: 'red wine', tags: { team: 'ml' }, aliases: {} });
    if (subject.callerStamps) expect(m).toMatchObject({ creationTimestamp: 10, lastUpdatedTimestamp: 10 });
    else expect(m.lastUpdatedTimestamp).toBe(m.creationTimestamp);
    await expect(store.createRegisteredModel('wine', {}, 11)).rejects.toThrow(
      'Registered Model (name=wine) already exists.',
    );
    expect((await store.listRegisteredModels()).map((x) => x.name)).toEqual(['wine']);
  });

  it('numbers versions 1, 2, 3 per model, newest first in listings', async () => {
    await store.createRegisteredModel('wine', {}, 1);
    await store.createRegisteredModel('cars', {}, 1);
    const v1 = await store.createModelVersion('wine', v(), 2);
    const v2 = await store.createModelVersion('wine', { ...v(), description: 'second' }, 3);
    const c1 = await store.createModelVersion('cars', v(), 4);
    expect([v1.version, v2.version, c1.version]).toEqual(['1', '2', '1']);
    expect(v2).toMatchObject({
      name: 'wine',
      status: 'READY',
      source: `runs:/${RUN}/model`,
      runId: RUN,
      description: 'second',
      aliases: [],
    });
    if (subject.callerStamps) expect(v2.userId).toBe('ada');
    expect((await store.listModelVersions('wine')).map((x) => x.version)).toEqual(['2', '1']);
    expect((await store.listModelVersions()).map((x) => `${x.name}/${x.version}`)).toEqual([
      'cars/1',
      'wine/2',
      'wine/1',
    ]);
    await expect(store.createModelVersion('nope', v(), 5)).rejects.toThrow('Registered Model with name=nope not found');
  });

  it('aliases point at versions, move, and go away with their version', async () => {
    await store.createRegisteredModel('wine', {}, 1);
    await store.createModelVersion('wine', v(), 2);
    await store.createModelVersion('wine', v(), 3);
    await store.setAlias('wine', 'champion', '1', 4);
    expect((await store.getModelVersion('wine', '1'))?.aliases).toEqual(['champion']);
    await store.setAlias('wine', 'champion', '2', 5);
    await store.setAlias('wine', 'backup', '1', 5);
    expect((await store.getRegisteredModel('wine'))?.aliases).toEqual({ champion: '2', backup: '1' });
    expect((await store.getModelVersion('wine', '1'))?.aliases).toEqual(['backup']);
    // Listed versions name their aliases too (an MLflow server's model-versions/search leaves them out).
    expect((await store.listModelVersions('wine')).map((x) => [x.version, x.aliases])).toEqual([
      ['2', ['champion']],
      ['1', ['backup']],
    ]);
    expect((await store.listModelVersions()).map((x) => [x.version, x.aliases])).toEqual([
      ['2', ['champion']],
      ['1', ['backup']],
    ]);
    await store.setAlias('wine', 'backup', null, 5);
    await expect(store.setAlias('wine', 'x', '9', 6)).rejects.toThrow('Model Version (name=wine, version=9) not found');
    await store.deleteModelVersion('wine', '2');
    expect((await store.getRegisteredModel('wine'))?.aliases).toEqual({});
    await store.setAlias('wine', 'old', '1', 7);
    await store.setAlias('wine', 'old', null, 8);
    expect((await store.getRegisteredModel('wine'))?.aliases).toEqual({});
  });

  it('updates descriptions and tags of models and versions', async () => {
    await store.createRegisteredModel('wine', {}, 1);
    await store.createModelVersion('wine', v(), 2);
    expect((await store.updateRegisteredModel('wine', { description: 'new' }, 3)).description).toBe('new');
    expect((await store.updateModelVersion('wine', '1', { description: 'v1 notes' }, 4)).description).toBe('v1 notes');
    await store.setRegisteredModelTag('wine', 'stage', 'prod');
    await store.setModelVersionTag('wine', '1', 'validated', 'yes');
    expect((await store.getRegisteredModel('wine'))?.tags).toEqual({ stage: 'prod' });
    expect((await store.getModelVersion('wine', '1'))?.tags).toEqual({ validated: 'yes' });
    await store.setModelVersionTag('wine', '1', 'validated', null);
    expect((await store.getModelVersion('wine', '1'))?.tags).toEqual({});
  });

  it('renames a model with its versions and aliases, and deletes it whole', async () => {
    await store.createRegisteredModel('wine', {}, 1);
    await store.createModelVersion('wine', v(), 2);
    await store.setAlias('wine', 'champion', '1', 3);
    await store.renameRegisteredModel('wine', 'red-wine', 4);
    expect(await store.getRegisteredModel('wine')).toBeUndefined();
    expect((await store.getModelVersion('red-wine', '1'))?.aliases).toEqual(['champion']);
    await store.deleteRegisteredModel('red-wine');
    expect(await store.listModelVersions()).toEqual([]);
    await expect(store.deleteRegisteredModel('red-wine')).rejects.toThrow(
      'Registered Model with name=red-wine not found',
    );
  });
});

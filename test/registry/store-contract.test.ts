// One contract for every RegistryStore.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IdbRegistryStore } from '../../src/registry/idb-store';
import { MemoryRegistryStore } from '../../src/registry/memory-store';
import type { RegistryStore } from '../../src/registry/store';

let n = 0;
const factories: Array<[string, () => RegistryStore]> = [
  ['MemoryRegistryStore', () => new MemoryRegistryStore()],
  ['IdbRegistryStore', () => new IdbRegistryStore(`registry-${++n}-${Date.now()}`)],
];

const RUN = 'c'.repeat(32);
const v = (source = `runs:/${RUN}/model`) => ({ source, runId: RUN, userId: 'ada' });

describe.each(factories)('RegistryStore contract: %s', (_name, factory) => {
  let store: RegistryStore;
  beforeEach(() => {
    store = factory();
  });
  afterEach(async () => {
    await store.close();
  });

  it('creates a registered model once', async () => {
    const m = await store.createRegisteredModel('wine', { description: 'red wine', tags: { team: 'ml' } }, 10);
    expect(m).toEqual({ name: 'wine', creationTimestamp: 10, lastUpdatedTimestamp: 10, description: 'red wine', tags: { team: 'ml' }, aliases: {} });
    await expect(store.createRegisteredModel('wine', {}, 11)).rejects.toThrow('Registered Model (name=wine) already exists.');
    expect((await store.listRegisteredModels()).map((x) => x.name)).toEqual(['wine']);
  });

  it('numbers versions 1, 2, 3 per model, newest first in listings', async () => {
    await store.createRegisteredModel('wine', {}, 1);
    await store.createRegisteredModel('cars', {}, 1);
    const v1 = await store.createModelVersion('wine', v(), 2);
    const v2 = await store.createModelVersion('wine', { ...v(), description: 'second' }, 3);
    const c1 = await store.createModelVersion('cars', v(), 4);
    expect([v1.version, v2.version, c1.version]).toEqual(['1', '2', '1']);
    expect(v2).toMatchObject({ name: 'wine', status: 'READY', source: `runs:/${RUN}/model`, runId: RUN, userId: 'ada', description: 'second', aliases: [] });
    expect((await store.listModelVersions('wine')).map((x) => x.version)).toEqual(['2', '1']);
    expect((await store.listModelVersions()).map((x) => `${x.name}/${x.version}`)).toEqual(['cars/1', 'wine/2', 'wine/1']);
    await expect(store.createModelVersion('nope', v(), 5)).rejects.toThrow('Registered Model with name=nope not found');
  });

  it('aliases point at versions, move, and go away with their version', async () => {
    await store.createRegisteredModel('wine', {}, 1);
    await store.createModelVersion('wine', v(), 2);
    await store.createModelVersion('wine', v(), 3);
    await store.setAlias('wine', 'champion', '1', 4);
    expect((await store.getModelVersion('wine', '1'))?.aliases).toEqual(['champion']);
    await store.setAlias('wine', 'champion', '2', 5);
    expect((await store.getRegisteredModel('wine'))?.aliases).toEqual({ champion: '2' });
    expect((await store.getModelVersion('wine', '1'))?.aliases).toEqual([]);
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
    await expect(store.deleteRegisteredModel('red-wine')).rejects.toThrow('Registered Model with name=red-wine not found');
  });
});

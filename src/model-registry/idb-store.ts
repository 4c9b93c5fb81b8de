// IndexedDB RegistryStore, in the same database as tracking (object stores `registeredModels` and
// `modelVersions`). Version numbers are assigned inside one readwrite transaction, so two tabs
// registering at once get versions n and n+1, never the same number.
import type { IDBPDatabase } from 'idb';
import { closeKirokuDB, openKirokuDB } from '../storage/connection';
import type { KirokuDB, StoredModelVersion } from '../storage/schema';
import type { ModelVersion, RegisteredModel } from './entities';
import { modelExists, modelNotFound, versionNotFound } from './errors';
import type { NewModelVersion, RegistryDumpItem, RegistryStore } from './store';
import { setOrDelete, toModelVersion, versionOrder } from './versions';

const BOTH = ['registeredModels', 'modelVersions'] as const;

export class IdbRegistryStore implements RegistryStore {
  readonly uri: string;

  constructor(readonly name = 'kiroku') {
    this.uri = `indexeddb:${name}`;
  }

  private db(): Promise<IDBPDatabase<KirokuDB>> {
    return openKirokuDB(this.name);
  }

  /** Read-modify-write of one registered model in its own transaction. */
  private async mutateModel<T>(name: string, change: (m: RegisteredModel) => T): Promise<T> {
    const tx = (await this.db()).transaction('registeredModels', 'readwrite');
    const m = await tx.store.get(name);
    if (!m) throw modelNotFound(name);
    const out = change(m);
    await Promise.all([tx.store.put(m), tx.done]);
    return out;
  }

  async createRegisteredModel(
    name: string,
    init: { description?: string; tags?: Record<string, string> },
    time: number,
  ) {
    const tx = (await this.db()).transaction('registeredModels', 'readwrite');
    if (await tx.store.getKey(name)) throw modelExists(name);
    const m: RegisteredModel = {
      name,
      creationTimestamp: time,
      lastUpdatedTimestamp: time,
      description: init.description ?? '',
      tags: { ...init.tags },
      aliases: {},
    };
    await Promise.all([tx.store.add(m), tx.done]);
    return m;
  }

  async getRegisteredModel(name: string) {
    return (await this.db()).get('registeredModels', name);
  }

  async listRegisteredModels() {
    return (await (await this.db()).getAll('registeredModels')).sort((a, b) => a.name.localeCompare(b.name));
  }

  updateRegisteredModel(name: string, patch: { description?: string }, time: number) {
    return this.mutateModel(name, (m) => {
      if (patch.description !== undefined) m.description = patch.description;
      m.lastUpdatedTimestamp = time;
      return { ...m };
    });
  }

  async renameRegisteredModel(name: string, newName: string, time: number) {
    const tx = (await this.db()).transaction(BOTH, 'readwrite');
    const models = tx.objectStore('registeredModels');
    const m = await models.get(name);
    if (!m) throw modelNotFound(name);
    if (await models.getKey(newName)) throw modelExists(newName);
    const versions = tx.objectStore('modelVersions');
    const rows = await versions.getAll(IDBKeyRange.bound([name, 0], [name, Infinity]));
    const writes: Promise<unknown>[] = [
      models.delete(name),
      models.put({ ...m, name: newName, lastUpdatedTimestamp: time }),
    ];
    for (const r of rows) writes.push(versions.delete([name, r.version]), versions.put({ ...r, name: newName }));
    await Promise.all([...writes, tx.done]);
    return { ...m, name: newName, lastUpdatedTimestamp: time };
  }

  async deleteRegisteredModel(name: string) {
    const tx = (await this.db()).transaction(BOTH, 'readwrite');
    if (!(await tx.objectStore('registeredModels').getKey(name))) throw modelNotFound(name);
    await Promise.all([
      tx.objectStore('registeredModels').delete(name),
      tx.objectStore('modelVersions').delete(IDBKeyRange.bound([name, 0], [name, Infinity])),
      tx.done,
    ]);
  }

  async setRegisteredModelTag(name: string, key: string, value: string | null) {
    await this.mutateModel(name, (m) => setOrDelete(m.tags, key, value));
  }

  async setAlias(name: string, alias: string, version: string | null, time: number) {
    const tx = (await this.db()).transaction(BOTH, 'readwrite');
    const m = await tx.objectStore('registeredModels').get(name);
    if (!m) throw modelNotFound(name);
    if (version !== null && !(await tx.objectStore('modelVersions').getKey([name, Number(version)])))
      throw versionNotFound(name, version);
    setOrDelete(m.aliases, alias, version === null ? null : String(Number(version)));
    m.lastUpdatedTimestamp = time;
    await Promise.all([tx.objectStore('registeredModels').put(m), tx.done]);
  }

  async createModelVersion(name: string, init: NewModelVersion, time: number): Promise<ModelVersion> {
    const tx = (await this.db()).transaction(BOTH, 'readwrite');
    const models = tx.objectStore('registeredModels');
    const m = await models.get(name);
    if (!m) throw modelNotFound(name);
    const versions = tx.objectStore('modelVersions');
    const last = await versions.openCursor(IDBKeyRange.bound([name, 0], [name, Infinity]), 'prev');
    const row: StoredModelVersion = {
      name,
      version: (last?.value.version ?? 0) + 1,
      creationTimestamp: time,
      lastUpdatedTimestamp: time,
      description: init.description ?? '',
      userId: init.userId,
      source: init.source,
      runId: init.runId,
      status: 'READY',
      tags: { ...init.tags },
    };
    m.lastUpdatedTimestamp = time;
    await Promise.all([versions.add(row), models.put(m), tx.done]);
    return toModelVersion(row, m);
  }

  async getModelVersion(name: string, version: string) {
    const tx = (await this.db()).transaction(BOTH);
    const [row, m] = await Promise.all([
      tx.objectStore('modelVersions').get([name, Number(version)]),
      tx.objectStore('registeredModels').get(name),
    ]);
    return row && toModelVersion(row, m);
  }

  async listModelVersions(name?: string) {
    const tx = (await this.db()).transaction(BOTH);
    const range = name === undefined ? undefined : IDBKeyRange.bound([name, 0], [name, Infinity]);
    const [rows, models] = await Promise.all([
      tx.objectStore('modelVersions').getAll(range),
      tx.objectStore('registeredModels').getAll(),
    ]);
    const byName = new Map(models.map((m) => [m.name, m]));
    return rows.sort(versionOrder).map((r) => toModelVersion(r, byName.get(r.name)));
  }

  private async mutateVersion(
    name: string,
    version: string,
    change: (v: StoredModelVersion) => void,
  ): Promise<ModelVersion> {
    const tx = (await this.db()).transaction(BOTH, 'readwrite');
    const versions = tx.objectStore('modelVersions');
    const row = await versions.get([name, Number(version)]);
    if (!row) throw versionNotFound(name, version);
    change(row);
    const m = await tx.objectStore('registeredModels').get(name);
    await Promise.all([versions.put(row), tx.done]);
    return toModelVersion(row, m);
  }

  updateModelVersion(name: string, version: string, patch: { description?: string }, time: number) {
    return this.mutateVersion(name, version, (v) => {
      if (patch.description !== undefined) v.description = patch.description;
      v.lastUpdatedTimestamp = time;
    });
  }

  async deleteModelVersion(name: string, version: string) {
    const tx = (await this.db()).transaction(BOTH, 'readwrite');
    const key: [string, number] = [name, Number(version)];
    if (!(await tx.objectStore('modelVersions').getKey(key))) throw versionNotFound(name, version);
    const m = await tx.objectStore('registeredModels').get(name);
    const writes: Promise<unknown>[] = [tx.objectStore('modelVersions').delete(key)];
    if (m) {
      for (const [alias, target] of Object.entries(m.aliases)) if (target === String(key[1])) delete m.aliases[alias];
      writes.push(tx.objectStore('registeredModels').put(m));
    }
    await Promise.all([...writes, tx.done]);
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string | null) {
    await this.mutateVersion(name, version, (v) => setOrDelete(v.tags, key, value));
  }

  async *dump(): AsyncIterable<RegistryDumpItem> {
    const db = await this.db();
    for (const name of await db.getAllKeys('registeredModels')) {
      const tx = db.transaction(BOTH);
      const [model, versions] = await Promise.all([
        tx.objectStore('registeredModels').get(name),
        tx.objectStore('modelVersions').getAll(IDBKeyRange.bound([name, -Infinity], [name, Infinity])),
      ]);
      if (model) yield { model, versions };
    }
  }

  async restoreModel(item: RegistryDumpItem) {
    const tx = (await this.db()).transaction(BOTH, 'readwrite');
    await Promise.all([
      tx.objectStore('registeredModels').put(structuredClone(item.model)),
      ...item.versions.map((v) => tx.objectStore('modelVersions').put(structuredClone(v))),
      tx.done,
    ]);
  }

  async close() {
    await closeKirokuDB(this.name);
  }
}

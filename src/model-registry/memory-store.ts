// In-memory RegistryStore (`memory:` tracking URIs). Hands out copies only.
import type { StoredModelVersion } from '../storage/schema';
import type { ModelVersion, RegisteredModel } from './entities';
import { modelExists, modelNotFound, versionNotFound } from './errors';
import type { NewModelVersion, RegistryDumpItem, RegistryStore } from './store';
import { setOrDelete, toModelVersion, versionOrder } from './versions';

export class MemoryRegistryStore implements RegistryStore {
  private models = new Map<string, RegisteredModel>();
  private versions = new Map<string, StoredModelVersion>();

  constructor(readonly uri = 'memory:') {}

  private model(name: string): RegisteredModel {
    const m = this.models.get(name);
    if (!m) throw modelNotFound(name);
    return m;
  }

  private row(name: string, version: string): StoredModelVersion {
    const v = this.versions.get(`${name}\u0000${Number(version)}`);
    if (!v) throw versionNotFound(name, version);
    return v;
  }

  async createRegisteredModel(
    name: string,
    init: { description?: string; tags?: Record<string, string> },
    time: number,
  ) {
    if (this.models.has(name)) throw modelExists(name);
    const m: RegisteredModel = {
      name,
      creationTimestamp: time,
      lastUpdatedTimestamp: time,
      description: init.description ?? '',
      tags: { ...init.tags },
      aliases: {},
    };
    this.models.set(name, m);
    return structuredClone(m);
  }

  async getRegisteredModel(name: string) {
    const m = this.models.get(name);
    return m && structuredClone(m);
  }

  async listRegisteredModels() {
    return [...this.models.values()].sort((a, b) => a.name.localeCompare(b.name)).map((m) => structuredClone(m));
  }

  async updateRegisteredModel(name: string, patch: { description?: string }, time: number) {
    const m = this.model(name);
    if (patch.description !== undefined) m.description = patch.description;
    m.lastUpdatedTimestamp = time;
    return structuredClone(m);
  }

  async renameRegisteredModel(name: string, newName: string, time: number) {
    const m = this.model(name);
    if (this.models.has(newName)) throw modelExists(newName);
    this.models.delete(name);
    m.name = newName;
    m.lastUpdatedTimestamp = time;
    this.models.set(newName, m);
    for (const [k, v] of [...this.versions]) {
      if (v.name !== name) continue;
      this.versions.delete(k);
      v.name = newName;
      this.versions.set(`${newName}\u0000${v.version}`, v);
    }
    return structuredClone(m);
  }

  async deleteRegisteredModel(name: string) {
    this.model(name);
    this.models.delete(name);
    for (const [k, v] of [...this.versions]) if (v.name === name) this.versions.delete(k);
  }

  async setRegisteredModelTag(name: string, key: string, value: string | null) {
    setOrDelete(this.model(name).tags, key, value);
  }

  async setAlias(name: string, alias: string, version: string | null, time: number) {
    const m = this.model(name);
    if (version !== null) this.row(name, version);
    setOrDelete(m.aliases, alias, version === null ? null : String(Number(version)));
    m.lastUpdatedTimestamp = time;
  }

  async createModelVersion(name: string, init: NewModelVersion, time: number): Promise<ModelVersion> {
    const m = this.model(name);
    let max = 0;
    for (const v of this.versions.values()) if (v.name === name) max = Math.max(max, v.version);
    const row: StoredModelVersion = {
      name,
      version: max + 1,
      creationTimestamp: time,
      lastUpdatedTimestamp: time,
      description: init.description ?? '',
      userId: init.userId,
      source: init.source,
      runId: init.runId,
      status: 'READY',
      tags: { ...init.tags },
    };
    this.versions.set(`${name}\u0000${row.version}`, row);
    m.lastUpdatedTimestamp = time;
    return toModelVersion(row, m);
  }

  async getModelVersion(name: string, version: string) {
    const v = this.versions.get(`${name}\u0000${Number(version)}`);
    return v && toModelVersion(v, this.models.get(name));
  }

  async listModelVersions(name?: string) {
    return [...this.versions.values()]
      .filter((v) => name === undefined || v.name === name)
      .sort(versionOrder)
      .map((v) => toModelVersion(v, this.models.get(v.name)));
  }

  async updateModelVersion(name: string, version: string, patch: { description?: string }, time: number) {
    const v = this.row(name, version);
    if (patch.description !== undefined) v.description = patch.description;
    v.lastUpdatedTimestamp = time;
    return toModelVersion(v, this.models.get(name));
  }

  async deleteModelVersion(name: string, version: string) {
    const v = this.row(name, version);
    this.versions.delete(`${name}\u0000${v.version}`);
    const m = this.models.get(name);
    if (m)
      for (const [alias, target] of Object.entries(m.aliases))
        if (target === String(v.version)) delete m.aliases[alias];
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string | null) {
    setOrDelete(this.row(name, version).tags, key, value);
  }

  async *dump(): AsyncIterable<RegistryDumpItem> {
    for (const model of [...this.models.values()]) {
      yield {
        model: structuredClone(model),
        versions: [...this.versions.values()].filter((v) => v.name === model.name).map((v) => structuredClone(v)),
      };
    }
  }

  async restoreModel(item: RegistryDumpItem) {
    this.models.set(item.model.name, structuredClone(item.model));
    for (const v of item.versions) this.versions.set(`${v.name}\u0000${v.version}`, structuredClone(v));
  }

  async close() {}
}

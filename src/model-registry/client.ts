// The registry half of MlflowClient: validation, defaults and MLflow's messages over a RegistryStore.
import { TrackingError } from '../lib/errors';
import { now } from '../lib/time';
import { runsUriParts } from '../lib/model-uri';
import { announce } from '../tracking/announce';
import type { ModelVersion, RegisteredModel } from './entities';
import { aliasNotFound, modelNotFound, versionNotFound } from './errors';
import type { RegistryDumpItem, RegistryStore } from './store';
import { validateAlias, validateName } from './validation';

export class RegistryClient {
  constructor(
    readonly store: RegistryStore,
    private readonly user: () => string = () => 'unknown',
  ) {}

  private changed(name: string, version?: string): void {
    announce(
      this.store.uri,
      version ? { type: 'model-registered', name, version } : { type: 'model-registered', name },
    );
  }

  async createRegisteredModel(
    name: string,
    options: { description?: string; tags?: Record<string, string> } = {},
  ): Promise<RegisteredModel> {
    validateName(name);
    const m = await this.store.createRegisteredModel(name, options, now());
    this.changed(name);
    return m;
  }

  async getRegisteredModel(name: string): Promise<RegisteredModel> {
    const m = await this.store.getRegisteredModel(name);
    if (!m) throw modelNotFound(name);
    return m;
  }

  /** MLflow's `search_registered_models`; `filter` is a substring of the name (or `name LIKE '%x%'`). */
  async searchRegisteredModels(filter?: string): Promise<RegisteredModel[]> {
    const all = await this.store.listRegisteredModels();
    if (!filter) return all;
    const like = /^name\s+(?:i?like)\s+'(.*)'$/i.exec(filter.trim());
    const needle = (like ? like[1]!.replace(/%/g, '') : filter).toLowerCase();
    return all.filter((m) => m.name.toLowerCase().includes(needle));
  }

  async updateRegisteredModel(name: string, description: string): Promise<RegisteredModel> {
    const m = await this.store.updateRegisteredModel(name, { description }, now());
    this.changed(name);
    return m;
  }

  async renameRegisteredModel(name: string, newName: string): Promise<RegisteredModel> {
    validateName(newName);
    const m = await this.store.renameRegisteredModel(name, newName, now());
    this.changed(newName);
    return m;
  }

  async deleteRegisteredModel(name: string): Promise<void> {
    await this.store.deleteRegisteredModel(name);
    this.changed(name);
  }

  async setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    await this.store.setRegisteredModelTag(name, key, String(value));
    this.changed(name);
  }

  async deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    await this.store.setRegisteredModelTag(name, key, null);
    this.changed(name);
  }

  /**
   * A new version from a logged model's URI; the registered model is created when missing (MLflow's
   * `register_model`).
   */
  async createModelVersion(
    name: string,
    source: string,
    options: { runId?: string; description?: string; tags?: Record<string, string> } = {},
  ): Promise<ModelVersion> {
    validateName(name);
    const runId = options.runId ?? runsUriParts(source)?.runId ?? null;
    if (!(await this.store.getRegisteredModel(name))) {
      try {
        await this.store.createRegisteredModel(name, {}, now());
      } catch {
        // another tab created it meanwhile: fine
      }
    }
    const v = await this.store.createModelVersion(
      name,
      {
        source,
        runId,
        userId: this.user(),
        ...(options.description !== undefined ? { description: options.description } : {}),
        ...(options.tags ? { tags: options.tags } : {}),
      },
      now(),
    );
    this.changed(name, v.version);
    return v;
  }

  async getModelVersion(name: string, version: string | number): Promise<ModelVersion> {
    const v = await this.store.getModelVersion(name, String(version));
    if (!v) throw versionNotFound(name, String(version));
    return v;
  }

  async getLatestVersion(name: string): Promise<ModelVersion> {
    const [latest] = await this.store.listModelVersions(name);
    if (!latest) {
      await this.getRegisteredModel(name);
      throw new TrackingError(`Registered model '${name}' has no versions yet.`, 'RESOURCE_DOES_NOT_EXIST');
    }
    return latest;
  }

  /** Versions of one model (or all); newest first. `filter` accepts `name='x'` and `run_id='y'`. */
  async searchModelVersions(filter?: string): Promise<ModelVersion[]> {
    const name = filter ? /name\s*=\s*'([^']*)'/i.exec(filter)?.[1] : undefined;
    const runId = filter ? /run_id\s*=\s*'([^']*)'/i.exec(filter)?.[1] : undefined;
    const all = await this.store.listModelVersions(name);
    return runId ? all.filter((v) => v.runId === runId) : all;
  }

  async updateModelVersion(name: string, version: string | number, description: string): Promise<ModelVersion> {
    const v = await this.store.updateModelVersion(name, String(version), { description }, now());
    this.changed(name, v.version);
    return v;
  }

  async deleteModelVersion(name: string, version: string | number): Promise<void> {
    await this.store.deleteModelVersion(name, String(version));
    this.changed(name, String(version));
  }

  async setModelVersionTag(name: string, version: string | number, key: string, value: string): Promise<void> {
    await this.store.setModelVersionTag(name, String(version), key, String(value));
    this.changed(name, String(version));
  }

  async deleteModelVersionTag(name: string, version: string | number, key: string): Promise<void> {
    await this.store.setModelVersionTag(name, String(version), key, null);
    this.changed(name, String(version));
  }

  async setRegisteredModelAlias(name: string, alias: string, version: string | number): Promise<void> {
    validateAlias(alias);
    await this.store.setAlias(name, alias, String(version), now());
    this.changed(name, String(version));
  }

  async deleteRegisteredModelAlias(name: string, alias: string): Promise<void> {
    const m = await this.getRegisteredModel(name);
    if (!(alias in m.aliases)) throw aliasNotFound(name, alias);
    await this.store.setAlias(name, alias, null, now());
    this.changed(name);
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    const m = await this.getRegisteredModel(name);
    const version = m.aliases[alias];
    if (version === undefined) throw aliasNotFound(name, alias);
    return this.getModelVersion(name, version);
  }

  // ── imports: archives keep their own times and users ──────────────────────

  /** A model and versions from a workspace archive (merged by workspace/import.ts), in one transaction. */
  async restoreDumpedModel(item: RegistryDumpItem): Promise<void> {
    if (!this.store.restoreModel)
      throw new TrackingError(`${this.store.uri} keeps no archive here; import into this browser.`, 'BAD_REQUEST');
    await this.store.restoreModel(item);
    this.changed(item.model.name);
  }

  /**
   * An import's writes to the model `name`, made by `write` on the store itself so that the archive's
   * timestamps and user ids are kept (this client's methods stamp now and this user) — the mlruns
   * importer's. `write` returns whether it changed anything; a change is announced once.
   */
  async importRegisteredModel(name: string, write: (store: RegistryStore) => Promise<boolean>): Promise<void> {
    if (await write(this.store)) this.changed(name);
  }
}

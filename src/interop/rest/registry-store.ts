// A RegistryStore on an MLflow tracking server's model registry, through its REST API 2.0 — the same
// server and credentials as the tracking store of the URI. Version numbers, timestamps and the user
// are the server's.
import type { ModelVersion, RegisteredModel } from '../../model-registry/entities';
import type { NewModelVersion, RegistryStore } from '../../model-registry/store';
import { api, orUndefined, type RestOptions } from './http';
import { modelVersionFromJson, registeredModelFromJson, toKeyValues, type Json } from './json';
import { readAllPages } from './paging';

/** MLflow's maximum page sizes for registered-models/search and model-versions/search. */
const MODELS_PAGE = 1000;
const VERSIONS_PAGE = 10_000;
/** The most pages a search takes before the server is taken to be looping (100,000 models; a million versions). */
const MAX_PAGES = 100;

export class RestRegistryStore implements RegistryStore {
  constructor(
    readonly uri: string,
    private readonly options: () => RestOptions,
  ) {}

  private call<T = Json>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    query?: Record<string, string>,
  ): Promise<T> {
    return api<T>(this.options(), method, path, body, query);
  }

  /** Every page of a GET search (registered-models/search and model-versions/search are GETs). */
  private searchAll<T>(
    path: string,
    field: string,
    query: Record<string, string>,
    pageSize: number,
    map: (raw: unknown) => T,
    key: (item: T) => string,
  ): Promise<T[]> {
    return readAllPages(
      (token) =>
        this.call('GET', path, undefined, {
          ...query,
          max_results: String(pageSize),
          ...(token ? { page_token: token } : {}),
        }),
      { endpoint: path, field, map, key, maxPages: MAX_PAGES },
    );
  }

  // ── registered models ──────────────────────────────────────────────────────

  async createRegisteredModel(
    name: string,
    init: { description?: string; tags?: Record<string, string> },
  ): Promise<RegisteredModel> {
    const r = await this.call<{ registered_model: Json }>('POST', 'registered-models/create', {
      name,
      tags: toKeyValues(init.tags),
      ...(init.description ? { description: init.description } : {}),
    });
    return registeredModelFromJson(r.registered_model);
  }

  getRegisteredModel(name: string): Promise<RegisteredModel | undefined> {
    return orUndefined(
      this.call<{ registered_model: Json }>('GET', 'registered-models/get', undefined, { name }).then((r) =>
        registeredModelFromJson(r.registered_model),
      ),
    );
  }

  async listRegisteredModels(): Promise<RegisteredModel[]> {
    const models = await this.searchAll(
      'registered-models/search',
      'registered_models',
      {},
      MODELS_PAGE,
      registeredModelFromJson,
      (m) => m.name,
    );
    return models.sort((a, b) => a.name.localeCompare(b.name));
  }

  async updateRegisteredModel(name: string, patch: { description?: string }): Promise<RegisteredModel> {
    const r = await this.call<{ registered_model: Json }>('PATCH', 'registered-models/update', {
      name,
      description: patch.description ?? '',
    });
    return registeredModelFromJson(r.registered_model);
  }

  async renameRegisteredModel(name: string, newName: string): Promise<RegisteredModel> {
    const r = await this.call<{ registered_model: Json }>('POST', 'registered-models/rename', {
      name,
      new_name: newName,
    });
    return registeredModelFromJson(r.registered_model);
  }

  async deleteRegisteredModel(name: string): Promise<void> {
    await this.call('DELETE', 'registered-models/delete', { name });
  }

  async setRegisteredModelTag(name: string, key: string, value: string | null): Promise<void> {
    if (value === null) await this.call('DELETE', 'registered-models/delete-tag', { name, key });
    else await this.call('POST', 'registered-models/set-tag', { name, key, value });
  }

  async setAlias(name: string, alias: string, version: string | null): Promise<void> {
    if (version === null) await this.call('DELETE', 'registered-models/alias', { name, alias });
    else await this.call('POST', 'registered-models/alias', { name, alias, version });
  }

  // ── model versions ─────────────────────────────────────────────────────────

  async createModelVersion(name: string, init: NewModelVersion): Promise<ModelVersion> {
    const r = await this.call<{ model_version: Json }>('POST', 'model-versions/create', {
      name,
      source: init.source,
      ...(init.runId ? { run_id: init.runId } : {}),
      ...(init.description ? { description: init.description } : {}),
      tags: toKeyValues(init.tags),
    });
    return modelVersionFromJson(r.model_version);
  }

  getModelVersion(name: string, version: string): Promise<ModelVersion | undefined> {
    return orUndefined(
      this.call<{ model_version: Json }>('GET', 'model-versions/get', undefined, { name, version }).then((r) =>
        modelVersionFromJson(r.model_version),
      ),
    );
  }

  async listModelVersions(name?: string): Promise<ModelVersion[]> {
    // A name with a quote cannot be written as a filter literal portably: fetch all and pick here.
    const byFilter = name !== undefined && !name.includes("'");
    const all = await this.searchAll(
      'model-versions/search',
      'model_versions',
      byFilter ? { filter: `name='${name}'` } : {},
      VERSIONS_PAGE,
      modelVersionFromJson,
      (v) => `${v.name}/${v.version}`,
    );
    const found = name === undefined || byFilter ? all : all.filter((v) => v.name === name);
    if (!found.length) return [];
    // MLflow's model-versions/search leaves the aliases out (only get-model-version adds them): take
    // them from the registered models, one request for one model, a search for all.
    const models = name !== undefined ? [await this.getRegisteredModel(name)] : await this.listRegisteredModels();
    const aliasesOf = new Map<string, Map<string, string[]>>();
    for (const m of models) {
      if (!m) continue;
      const byVersion = new Map<string, string[]>();
      for (const [alias, version] of Object.entries(m.aliases))
        byVersion.set(version, [...(byVersion.get(version) ?? []), alias]);
      aliasesOf.set(m.name, byVersion);
    }
    // In the local stores' order (name, then newest version first); a server's order varies by version.
    return found
      .map((v) => ({ ...v, aliases: (aliasesOf.get(v.name)?.get(v.version) ?? []).sort() }))
      .sort((a, b) => (a.name === b.name ? Number(b.version) - Number(a.version) : a.name.localeCompare(b.name)));
  }

  async updateModelVersion(name: string, version: string, patch: { description?: string }): Promise<ModelVersion> {
    const r = await this.call<{ model_version: Json }>('PATCH', 'model-versions/update', {
      name,
      version,
      description: patch.description ?? '',
    });
    return modelVersionFromJson(r.model_version);
  }

  async deleteModelVersion(name: string, version: string): Promise<void> {
    await this.call('DELETE', 'model-versions/delete', { name, version });
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string | null): Promise<void> {
    if (value === null) await this.call('DELETE', 'model-versions/delete-tag', { name, version, key });
    else await this.call('POST', 'model-versions/set-tag', { name, version, key, value });
  }

  async close(): Promise<void> {}
}

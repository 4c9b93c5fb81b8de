// The model registry half of MLflow's REST API 2.0 (mlflow/protos/model_registry.proto), with the
// rules of MLflow's SQL registry store: version numbers 1, 2, … per model and never reused, aliases
// that follow their model through a rename and vanish with their version, and MLflow's messages.
import { aliasNotFound, invalid, modelExists, modelNotFound, versionNotFound } from './errors';
import { compact, keyValues, type Json } from './proto-json';
import { keyValueList, optionalInt, optionalString, requiredString, stringList, type Input } from './request';
import {
  checkMaxResults,
  matches,
  paginate,
  parseFilter,
  parseOrderBy,
  parsePageToken,
  sortBy,
  type OrderTerm,
  type SearchSpec,
} from './search';
import type { ModelVersionState, RegisteredModelState, ServerState } from './state';
import type { Handler } from './tracking';

// ---- lookups ----

function model(s: ServerState, name: string): RegisteredModelState {
  const m = s.registeredModels.get(name);
  if (!m) throw modelNotFound(name);
  return m;
}

/** Versions are integers; "01" is version 1, as the SQL store casts them. */
function versionNumber(version: string): string {
  if (!/^\s*-?\d+\s*$/.test(version)) throw invalid(`Model version must be an integer, got '${version}'`);
  return String(Number(version));
}

function modelVersion(s: ServerState, name: string, version: string): ModelVersionState {
  const v = s.registeredModels.get(name)?.versions.get(versionNumber(version));
  if (!v) throw versionNotFound(name, version);
  return v;
}

/** mlflow/utils/validation.py `_validate_model_alias_name`. */
function checkAlias(alias: string) {
  if (!/^[\w-]*$/.test(alias))
    throw invalid(
      `Invalid alias name: '${alias}'. Names may only contain alphanumerics, underscores (_), and dashes (-).`,
    );
  if (alias.length > 255)
    throw invalid(
      `Registered model alias name '${alias.slice(0, 250)}' had length ${alias.length}, which exceeded length ` +
        `limit of 255`,
    );
  if (alias.toLowerCase() === 'latest') throw invalid("'latest' alias name (case insensitive) is reserved.");
  if (/^[vV]\d+$/.test(alias)) throw invalid(`Version alias name '${alias}' is reserved.`);
}

const tagMap = (input: Input) => new Map(keyValueList(input, 'tags').map((t) => [t.key, t.value]));

// ---- JSON ----

/**
 * A version as the SQL registry store's entity has it. Only get-model-version (and get by alias) add the
 * aliases naming it (`_populate_model_version_aliases`); searches, latest_versions and the answers of
 * create and update leave them out, as MLflow 2.x does — pass the model to include them.
 */
function versionJson(v: ModelVersionState, withAliasesOf?: RegisteredModelState): Json {
  const aliases = [...(withAliasesOf?.aliases ?? [])]
    .filter(([, version]) => version === v.version)
    .map(([alias]) => alias)
    .sort();
  return compact({
    name: v.name,
    version: v.version,
    creation_timestamp: v.creation_timestamp,
    last_updated_timestamp: v.last_updated_timestamp,
    user_id: v.user_id,
    current_stage: v.current_stage,
    description: v.description,
    source: v.source,
    run_id: v.run_id,
    status: v.status,
    run_link: v.run_link,
    tags: keyValues(v.tags),
    aliases,
  });
}

/** `latest_versions`: the newest version of each stage (every version here stays in stage "None"). */
function latestVersions(m: RegisteredModelState): ModelVersionState[] {
  const byStage = new Map<string, ModelVersionState>();
  for (const v of m.versions.values()) {
    const b = byStage.get(v.current_stage);
    if (!b || Number(v.version) > Number(b.version)) byStage.set(v.current_stage, v);
  }
  return [...byStage.values()];
}

function modelJson(m: RegisteredModelState): Json {
  return compact({
    name: m.name,
    creation_timestamp: m.creation_timestamp,
    last_updated_timestamp: m.last_updated_timestamp,
    description: m.description,
    latest_versions: latestVersions(m).map((v) => versionJson(v)),
    tags: keyValues(m.tags),
    aliases: [...m.aliases].map(([alias, version]) => ({ alias, version })),
  });
}

// ---- registered models ----

const createModel: Handler = ({ input }, s) => {
  const name = requiredString(input, 'name');
  if (s.registeredModels.has(name)) throw modelExists(name);
  const time = Date.now();
  const m: RegisteredModelState = {
    name,
    creation_timestamp: time,
    last_updated_timestamp: time,
    description: optionalString(input, 'description') ?? '',
    tags: tagMap(input),
    aliases: new Map(),
    versions: new Map(),
    lastVersion: 0,
  };
  s.registeredModels.set(name, m);
  return { registered_model: modelJson(m) };
};

const getModel: Handler = ({ input }, s) => ({ registered_model: modelJson(model(s, requiredString(input, 'name'))) });

const MODEL_SEARCH: SearchSpec<RegisteredModelState> = {
  types: { '': 'attribute', attribute: 'attribute', attributes: 'attribute', tag: 'tag', tags: 'tag' },
  attributes: ['name', 'creation_timestamp', 'last_updated_timestamp', 'timestamp'],
  lookup: (m, type, key) => {
    if (type === 'tag') return m.tags.has(key) ? [m.tags.get(key)!] : [];
    return [key === 'name' ? m.name : key === 'creation_timestamp' ? m.creation_timestamp : m.last_updated_timestamp];
  },
};

const searchModels: Handler = ({ input }, s) => {
  const max = optionalInt(input, 'max_results') ?? 100;
  checkMaxResults(max, 1000, 'registry');
  const clauses = parseFilter(optionalString(input, 'filter'), MODEL_SEARCH);
  const order = parseOrderBy(stringList(input, 'order_by'), MODEL_SEARCH);
  const offset = parsePageToken(input.page_token);
  const terms: OrderTerm[] = [...order, { type: 'attribute', key: 'name', ascending: true }];
  const found = [...s.registeredModels.values()].filter((m) => matches(m, clauses, MODEL_SEARCH));
  const { page, next } = paginate(sortBy(found, terms, MODEL_SEARCH), offset, max, 'when-more');
  return compact({ registered_models: page.map(modelJson), next_page_token: next });
};

const updateModel: Handler = ({ input }, s) => {
  const m = model(s, requiredString(input, 'name'));
  const description = optionalString(input, 'description');
  if (description !== undefined) m.description = description;
  m.last_updated_timestamp = Date.now();
  return { registered_model: modelJson(m) };
};

const renameModel: Handler = ({ input }, s) => {
  const m = model(s, requiredString(input, 'name'));
  const newName = requiredString(input, 'new_name');
  if (s.registeredModels.has(newName)) throw modelExists(newName);
  s.registeredModels.delete(m.name);
  m.name = newName;
  m.last_updated_timestamp = Date.now();
  for (const v of m.versions.values()) v.name = newName;
  s.registeredModels.set(newName, m);
  return { registered_model: modelJson(m) };
};

const deleteModel: Handler = ({ input }, s) => {
  s.registeredModels.delete(model(s, requiredString(input, 'name')).name);
  return {};
};

const setModelTag: Handler = ({ input }, s) => {
  const m = model(s, requiredString(input, 'name'));
  m.tags.set(requiredString(input, 'key'), optionalString(input, 'value') ?? '');
  return {};
};

/** Deleting a tag that is not there is not an error in MLflow's SQL store. */
const deleteModelTag: Handler = ({ input }, s) => {
  model(s, requiredString(input, 'name')).tags.delete(requiredString(input, 'key'));
  return {};
};

const setAlias: Handler = ({ input }, s) => {
  const name = requiredString(input, 'name');
  const alias = requiredString(input, 'alias');
  const version = requiredString(input, 'version');
  checkAlias(alias);
  const m = model(s, name);
  m.aliases.set(alias, modelVersion(s, name, version).version);
  m.last_updated_timestamp = Date.now();
  return {};
};

/** Deleting an alias that is not there is not an error in MLflow's SQL store. */
const deleteAlias: Handler = ({ input }, s) => {
  const m = model(s, requiredString(input, 'name'));
  if (m.aliases.delete(requiredString(input, 'alias'))) m.last_updated_timestamp = Date.now();
  return {};
};

const getByAlias: Handler = ({ input }, s) => {
  const name = requiredString(input, 'name');
  const alias = requiredString(input, 'alias');
  const version = model(s, name).aliases.get(alias);
  if (version === undefined) throw aliasNotFound(name, alias);
  return { model_version: versionJson(modelVersion(s, name, version), s.registeredModels.get(name)) };
};

const getLatestVersions: Handler = ({ input }, s) => {
  const m = model(s, requiredString(input, 'name'));
  const stages = stringList(input, 'stages').map((x) => x.toLowerCase());
  const latest = latestVersions(m).filter((v) => !stages.length || stages.includes(v.current_stage.toLowerCase()));
  return compact({ model_versions: latest.map((v) => versionJson(v)) });
};

// ---- model versions ----

const createVersion: Handler = ({ input }, s) => {
  const name = requiredString(input, 'name');
  const source = requiredString(input, 'source');
  const m = model(s, name);
  const time = Date.now();
  const v: ModelVersionState = {
    name,
    version: String(++m.lastVersion),
    creation_timestamp: time,
    last_updated_timestamp: time,
    current_stage: 'None',
    description: optionalString(input, 'description') ?? '',
    source,
    status: 'READY',
    tags: tagMap(input),
  };
  const runId = optionalString(input, 'run_id');
  if (runId) v.run_id = runId;
  const fromModel = /^models:\/([^/@]+)\/(\d+)$/.exec(source);
  if (fromModel) {
    const target = modelVersion(s, fromModel[1]!, fromModel[2]!);
    v.storage_location = target.storage_location ?? target.source;
  }
  const runLink = optionalString(input, 'run_link');
  if (runLink) v.run_link = runLink;
  m.versions.set(v.version, v);
  m.last_updated_timestamp = time;
  return { model_version: versionJson(v) };
};

const getVersion: Handler = ({ input }, s) => {
  const name = requiredString(input, 'name');
  return {
    model_version: versionJson(modelVersion(s, name, requiredString(input, 'version')), s.registeredModels.get(name)),
  };
};

const VERSION_SEARCH: SearchSpec<ModelVersionState> = {
  types: { '': 'attribute', attribute: 'attribute', attributes: 'attribute', tag: 'tag', tags: 'tag' },
  attributes: ['name', 'run_id', 'source_path', 'version_number', 'creation_timestamp', 'last_updated_timestamp'],
  lookup: (v, type, key) => {
    if (type === 'tag') return v.tags.has(key) ? [v.tags.get(key)!] : [];
    switch (key) {
      case 'name':
        return [v.name];
      case 'run_id':
        return v.run_id ? [v.run_id] : [];
      case 'source_path':
        return [v.source];
      case 'version_number':
        return [Number(v.version)];
      case 'creation_timestamp':
        return [v.creation_timestamp];
      default:
        return [v.last_updated_timestamp];
    }
  },
};

const searchVersions: Handler = ({ input }, s) => {
  const max = optionalInt(input, 'max_results') ?? 1000;
  checkMaxResults(max, 200_000, 'registry');
  const clauses = parseFilter(optionalString(input, 'filter'), VERSION_SEARCH);
  const order = parseOrderBy(stringList(input, 'order_by'), VERSION_SEARCH);
  const offset = parsePageToken(input.page_token);
  // Model by name, newest version first (Kiroku's local order too), unless asked otherwise.
  const terms: OrderTerm[] = [
    ...order,
    { type: 'attribute', key: 'name', ascending: true },
    { type: 'attribute', key: 'version_number', ascending: false },
  ];
  const all = [...s.registeredModels.values()].flatMap((m) => [...m.versions.values()]);
  const found = all.filter((v) => matches(v, clauses, VERSION_SEARCH));
  const { page, next } = paginate(sortBy(found, terms, VERSION_SEARCH), offset, max, 'when-more');
  return compact({ model_versions: page.map((v) => versionJson(v)), next_page_token: next });
};

const updateVersion: Handler = ({ input }, s) => {
  const name = requiredString(input, 'name');
  const v = modelVersion(s, name, requiredString(input, 'version'));
  const description = optionalString(input, 'description');
  if (description !== undefined) v.description = description;
  v.last_updated_timestamp = Date.now();
  return { model_version: versionJson(v) };
};

const deleteVersion: Handler = ({ input }, s) => {
  const name = requiredString(input, 'name');
  const v = modelVersion(s, name, requiredString(input, 'version'));
  const m = model(s, name);
  m.versions.delete(v.version);
  for (const [alias, version] of [...m.aliases]) if (version === v.version) m.aliases.delete(alias);
  return {};
};

const setVersionTag: Handler = ({ input }, s) => {
  const v = modelVersion(s, requiredString(input, 'name'), requiredString(input, 'version'));
  v.tags.set(requiredString(input, 'key'), optionalString(input, 'value') ?? '');
  return {};
};

const deleteVersionTag: Handler = ({ input }, s) => {
  const v = modelVersion(s, requiredString(input, 'name'), requiredString(input, 'version'));
  v.tags.delete(requiredString(input, 'key'));
  return {};
};

/**
 * Where a version's files are, as the SQL registry store answers: its storage location, which is the
 * source as given — a `runs:/` source stays `runs:/` (the client resolves it) — except a `models:/`
 * source, resolved to that version's location when the version was made.
 */
const getDownloadUri: Handler = ({ input }, s) => {
  const v = modelVersion(s, requiredString(input, 'name'), requiredString(input, 'version'));
  return { artifact_uri: v.storage_location ?? v.source };
};

// The methods are model_registry.proto's. The searches are GET there; POST is accepted as well.
export const registryRoutes: Record<string, Handler> = {
  'POST mlflow/registered-models/create': createModel,
  'GET mlflow/registered-models/get': getModel,
  'GET mlflow/registered-models/search': searchModels,
  'POST mlflow/registered-models/search': searchModels,
  'PATCH mlflow/registered-models/update': updateModel,
  'POST mlflow/registered-models/rename': renameModel,
  'DELETE mlflow/registered-models/delete': deleteModel,
  'POST mlflow/registered-models/set-tag': setModelTag,
  'DELETE mlflow/registered-models/delete-tag': deleteModelTag,
  'POST mlflow/registered-models/alias': setAlias,
  'DELETE mlflow/registered-models/alias': deleteAlias,
  'GET mlflow/registered-models/alias': getByAlias,
  'GET mlflow/registered-models/get-latest-versions': getLatestVersions,
  'POST mlflow/registered-models/get-latest-versions': getLatestVersions,
  'POST mlflow/model-versions/create': createVersion,
  'GET mlflow/model-versions/get': getVersion,
  'GET mlflow/model-versions/search': searchVersions,
  'POST mlflow/model-versions/search': searchVersions,
  'PATCH mlflow/model-versions/update': updateVersion,
  'DELETE mlflow/model-versions/delete': deleteVersion,
  'POST mlflow/model-versions/set-tag': setVersionTag,
  'DELETE mlflow/model-versions/delete-tag': deleteVersionTag,
  'GET mlflow/model-versions/get-download-uri': getDownloadUri,
};

// Import an MLflow file-store folder (a zip with `mlruns/…`, from Kiroku's export or from MLflow
// itself) into Kiroku: experiments are matched by name (created when missing), runs keep their ids
// and are skipped when already present, so importing twice adds nothing. Each run is written in one
// transaction with its params, tags, full metric histories, dataset inputs and artifacts.
//
// Dataset inputs are read as MLflow's FileStore reads them (`_get_all_inputs`): each
// `<run>/inputs/<input_id>/meta.yaml` with source_type DATASET names, by source_id, a dataset folder
// `<experiment>/datasets/<dataset_id>/meta.yaml` of the run's experiment; other source types are skipped,
// as is an input whose dataset is missing (noted in the report). destination_id is not read (MLflow
// writes the dataset id there, and ignores it).
//
// Given a registry, `mlruns/models/` is read as MLflow's file-based registry reads it (format.ts):
// a missing registered model is created with its description, timestamps and tags; each version not
// deleted (current_stage `Deleted_Internal`) is added unless a local version of that model has the
// same source and run id, so importing twice adds nothing; versions get the numbers this registry
// hands out, and the aliases follow them. What is already here wins: an existing model's description,
// tags and aliases, and a matched version's, are kept (only what is missing is added), as for runs.
import { strFromU8, unzipSync } from 'fflate';
import { TrackingError } from '../../lib/errors';
import { now } from '../../lib/time';
import type { RegistryClient } from '../../registry/client';
import type { ModelVersion } from '../../registry/entities';
import type { TrackingClient } from '../../tracking/client';
import type { DatasetInput, Metric } from '../../tracking/entities';
import { announce } from '../../tracking/events';
import {
  INPUTS_FOLDER, INPUT_SOURCE_DATASET, MODEL_ALIASES_FOLDER, MODEL_TAGS_FOLDER, MODEL_VERSION_PREFIX, STAGE_DELETED_INTERNAL, STATUS_NAMES, parsePyFloat,
} from './format';

export interface MlrunsImportOptions {
  /** Import the archive's model registry (`mlruns/models/`) into this registry; without it, that folder is not read. */
  registry?: RegistryClient;
}

export interface MlrunsImportReport {
  experimentsCreated: string[];
  runsImported: string[];
  runsSkipped: string[];
  /** Registered models the import created. */
  modelsCreated: string[];
  /** `<model>/<version>` as numbered in this registry: versions the import added. */
  modelVersionsImported: string[];
  /** `<model>/<version>` as numbered in this registry: versions already here (same source and run id). */
  modelVersionsSkipped: string[];
  problems: string[];
}

interface ModelFolder {
  folder: string;
  /** Paths under `models/<folder>/`. */
  files: Map<string, Uint8Array>;
}

interface RunFolder {
  expDir: string;
  runId: string;
  files: Map<string, Uint8Array>;
}

const EXP_META = /^(?:(.*\/))?mlruns\/([^/]+)\/meta\.yaml$/;
const RUN_FILE = /^(?:(.*\/))?mlruns\/([^/]+)\/([0-9a-f]{32})\/(.+)$/;
const DATASET_META = /^(?:(.*\/))?mlruns\/([^/]+)\/datasets\/([^/]+)\/meta\.yaml$/; // FileStore.DATASETS_FOLDER_NAME
const INPUT_META = /^([^/]+)\/meta\.yaml$/;
// `mlruns/models/<name>/…` (FileStore.MODELS_FOLDER_NAME), under an optional directory that is not itself
// inside an mlruns folder (so a run's artifact holding an mlruns/models folder is not taken for one).
const MODEL_FILE = /^((?:(?!mlruns\/)[^/]+\/)*)mlruns\/models\/([^/]+)\/(.+)$/;
const VERSION_FILE = new RegExp(`^${MODEL_VERSION_PREFIX}(\\d+)\\/(.+)$`);

async function parseYaml(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const { parse } = await import('yaml');
  return (parse(strFromU8(bytes)) ?? {}) as Record<string, unknown>;
}

type YamlStrings = string | null | YamlStrings[] | { [key: string]: YamlStrings };

/**
 * A meta.yaml whose values are all strings (a dataset's, an input's), read as PyYAML reads what it
 * wrote: PyYAML quotes a string only when it would resolve to another type under YAML 1.1, so a digest
 * such as `12e45678` or `1e5` is written plain and is a string — which a YAML 1.2 (or this library's
 * 1.1) reader would take for a number. Every scalar is its text, except a plain null (`null`, `~`, empty).
 */
async function parseYamlStrings(bytes: Uint8Array): Promise<Record<string, YamlStrings>> {
  const { parseDocument, isMap, isScalar, isSeq } = await import('yaml');
  const doc = parseDocument(strFromU8(bytes), { schema: 'failsafe' });
  if (doc.errors.length) throw new TrackingError(`Unreadable YAML: ${doc.errors[0]!.message}`);
  const value = (node: unknown): YamlStrings => {
    if (isMap(node)) return Object.fromEntries(node.items.map((p) => [String(isScalar(p.key) ? p.key.value : p.key), value(p.value)]));
    if (isSeq(node)) return node.items.map(value);
    if (isScalar(node)) {
      const text = String(node.value ?? '');
      return node.type === 'PLAIN' && /^(?:~|null|Null|NULL|)$/.test(text) ? null : text;
    }
    return null;
  };
  const root = value(doc.contents);
  return root && typeof root === 'object' && !Array.isArray(root) ? root : {};
}

export async function importMlruns(client: TrackingClient, zip: Uint8Array | ArrayBuffer, options: MlrunsImportOptions = {}): Promise<MlrunsImportReport> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip instanceof Uint8Array ? zip : new Uint8Array(zip));
  } catch (err) {
    throw new TrackingError(`This file is not a readable zip archive (${String(err)}). Export runs with "Export as MLflow" or zip an mlruns/ folder.`);
  }
  const report: MlrunsImportReport = {
    experimentsCreated: [], runsImported: [], runsSkipped: [], modelsCreated: [], modelVersionsImported: [], modelVersionsSkipped: [], problems: [],
  };
  await client.getOrCreateDefaultExperiment(); // "Default" is every store's experiment 0, never "created" by an import
  const experimentIds = new Map<string, string>(); // mlruns folder → Kiroku experiment id
  const runs = new Map<string, RunFolder>();
  const datasets = new Map<string, Uint8Array>(); // `<experiment folder>/<dataset_id>` → meta.yaml
  const models = new Map<string, ModelFolder>(); // `<root>/<model folder>` → its files
  for (const [path, bytes] of Object.entries(entries)) {
    if (path.includes('/.trash/') || path.endsWith('/')) continue;
    const model = MODEL_FILE.exec(path);
    if (model) {
      const key = `${model[1]}\u0000${model[2]}`;
      let folder = models.get(key);
      if (!folder) models.set(key, (folder = { folder: model[2]!, files: new Map() }));
      folder.files.set(model[3]!, bytes);
      continue;
    }
    const dataset = DATASET_META.exec(path);
    if (dataset) datasets.set(`${dataset[2]}/${dataset[3]}`, bytes);
    const run = RUN_FILE.exec(path);
    if (run) {
      const key = `${run[2]}/${run[3]}`;
      let folder = runs.get(key);
      if (!folder) runs.set(key, (folder = { expDir: run[2]!, runId: run[3]!, files: new Map() }));
      folder.files.set(run[4]!, bytes);
    }
  }
  for (const [path, bytes] of Object.entries(entries)) {
    const m = EXP_META.exec(path);
    if (!m || path.includes('/.trash/') || MODEL_FILE.test(path)) continue;
    const meta = await parseYaml(bytes);
    const name = String(meta.name ?? `imported-${m[2]}`);
    let exp = await client.getExperimentByName(name);
    if (!exp) {
      const id = await client.createExperiment(name);
      exp = (await client.getExperiment(id))!;
      report.experimentsCreated.push(name);
    }
    experimentIds.set(m[2]!, exp.experimentId);
    const prefix = path.slice(0, -'meta.yaml'.length) + 'tags/';
    for (const [p, v] of Object.entries(entries)) if (p.startsWith(prefix) && !p.endsWith('/')) await client.setExperimentTag(exp.experimentId, p.slice(prefix.length), strFromU8(v));
  }
  if (!experimentIds.size && !runs.size && !(options.registry && models.size)) {
    throw new TrackingError('No mlruns/ folder in this archive: expected mlruns/<experiment>/meta.yaml files.');
  }

  for (const folder of runs.values()) {
    const metaBytes = folder.files.get('meta.yaml');
    const experimentId = experimentIds.get(folder.expDir);
    if (!metaBytes || !experimentId) {
      report.problems.push(`Run ${folder.runId}: no meta.yaml or no experiment meta.yaml; skipped.`);
      continue;
    }
    if (await client.store.getRun(folder.runId)) {
      report.runsSkipped.push(folder.runId);
      continue;
    }
    try {
      const inputs = await readInputs(folder, datasets, report.problems);
      await importRun(client, folder, experimentId, await parseYaml(metaBytes), inputs);
      report.runsImported.push(folder.runId);
    } catch (err) {
      report.problems.push(`Run ${folder.runId}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (models.size && !options.registry) {
    report.problems.push(`The archive holds ${models.size} registered model${models.size === 1 ? '' : 's'} (mlruns/models/); not imported without a registry.`);
  } else if (options.registry) {
    const ordered = [...models.values()].sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
    for (const folder of ordered) {
      try {
        await importModel(options.registry, folder, report);
      } catch (err) {
        report.problems.push(`Registered model ${folder.folder}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  return report;
}

function under(files: Map<string, Uint8Array>, dir: string): Array<[string, Uint8Array]> {
  return [...files].filter(([p]) => p.startsWith(`${dir}/`)).map(([p, b]) => [p.slice(dir.length + 1), b]);
}

/** A run's dataset inputs, in the archive's order; what cannot be read is noted in `problems` and left out. */
async function readInputs(folder: RunFolder, datasets: Map<string, Uint8Array>, problems: string[]): Promise<DatasetInput[]> {
  const inputs: DatasetInput[] = [];
  const str = (v: YamlStrings | undefined) => (typeof v === 'string' ? v : '');
  for (const [path, bytes] of under(folder.files, INPUTS_FOLDER)) {
    const id = INPUT_META.exec(path)?.[1];
    if (!id) continue;
    const note = (why: string) => problems.push(`Run ${folder.runId}: dataset input ${id} ${why}; left out.`);
    let input: Record<string, YamlStrings>;
    try {
      input = await parseYamlStrings(bytes);
    } catch (err) {
      note(`is not readable (${err instanceof Error ? err.message : String(err)})`);
      continue;
    }
    if (input.source_type !== INPUT_SOURCE_DATASET) continue; // as MLflow: only dataset inputs are run inputs
    const datasetBytes = datasets.get(`${folder.expDir}/${str(input.source_id)}`);
    if (!datasetBytes) {
      note(`names dataset ${str(input.source_id) || '(none)'}, which is not in datasets/ of its experiment`);
      continue;
    }
    let d: Record<string, YamlStrings>;
    try {
      d = await parseYamlStrings(datasetBytes);
    } catch (err) {
      note(`has an unreadable dataset meta.yaml (${err instanceof Error ? err.message : String(err)})`);
      continue;
    }
    if (!str(d.name) || !str(d.digest)) {
      note('has a dataset without a name or digest');
      continue;
    }
    const tags = input.tags && typeof input.tags === 'object' && !Array.isArray(input.tags) ? input.tags : {};
    inputs.push({
      dataset: {
        name: str(d.name),
        digest: str(d.digest),
        sourceType: str(d.source_type),
        source: str(d.source),
        ...(typeof d.schema === 'string' ? { schema: d.schema } : {}),
        ...(typeof d.profile === 'string' ? { profile: d.profile } : {}),
      },
      tags: Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, str(v)])),
    });
  }
  return inputs;
}

async function importRun(
  client: TrackingClient,
  folder: RunFolder,
  experimentId: string,
  meta: Record<string, unknown>,
  inputs: DatasetInput[],
): Promise<void> {
  const tags = Object.fromEntries(under(folder.files, 'tags').map(([k, v]) => [k, strFromU8(v)]));
  const params = Object.fromEntries(under(folder.files, 'params').map(([k, v]) => [k, strFromU8(v)]));
  const history: Metric[] = [];
  for (const [key, bytes] of under(folder.files, 'metrics')) {
    for (const line of strFromU8(bytes).split('\n')) {
      const [ts, value, step] = line.trim().split(/\s+/);
      if (!ts) continue;
      history.push({ key, timestamp: Number(ts), value: parsePyFloat(value ?? 'nan'), step: Number(step ?? 0) });
    }
  }
  const status = STATUS_NAMES[Number(meta.status)] ?? (typeof meta.status === 'string' ? (meta.status as never) : 'FINISHED');
  const run = await client.buildRun(experimentId, {
    runId: folder.runId,
    startTime: Number(meta.start_time ?? 0),
    userId: String(meta.user_id ?? tags['mlflow.user'] ?? 'unknown'),
    ...(meta.run_name || tags['mlflow.runName'] ? { runName: String(meta.run_name || tags['mlflow.runName']) } : {}),
    tags,
  });
  await client.commitRun(folder.runId, {
    params,
    history,
    inputs,
    artifacts: under(folder.files, 'artifacts').map(([path, data]) => ({ path, data })),
    end: { status, endTime: meta.end_time == null ? null : Number(meta.end_time) },
    ...(meta.lifecycle_stage === 'deleted' ? { lifecycleStage: 'deleted' as const } : {}),
  }, run);
}

// ── model registry ─────────────────────────────────────────────────────────────────────────────────

/** The registry client's rules for names and aliases (a name from MLflow may hold '@' or ':'). */
function nameProblem(name: string): string | null {
  if (!name.trim()) return 'has no name';
  if (name.length > 250) return 'has a name longer than 250 characters';
  if (/[/@:]/.test(name)) return "has a name with '/', '@' or ':', which models:/ URIs cannot name";
  return null;
}

function aliasProblem(alias: string): string | null {
  if (!/^[\w-]{1,255}$/.test(alias)) return 'is not 1–255 letters, digits, _ or -';
  if (alias.toLowerCase() === 'latest' || /^v\d+$/i.test(alias)) return 'is a reserved name';
  return null;
}

function timestamp(v: YamlStrings | undefined, fallback: number): number {
  const t = typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(t) ? t : fallback;
}

const text = (v: YamlStrings | undefined) => (typeof v === 'string' ? v : '');

/** `tags/<key>` files under `dir` ('' for the model's own), as FileStore._get_resource_files walks them. */
function filesUnder(files: Map<string, Uint8Array>, dir: string): Record<string, string> {
  return Object.fromEntries(under(files, dir).map(([k, v]) => [k, strFromU8(v)]));
}

interface ArchivedVersion {
  number: string;
  meta: Record<string, YamlStrings>;
  tags: Record<string, string>;
}

/**
 * One `models/<name>/` folder into the registry, through its store so that MLflow's timestamps and
 * user ids are kept (the client would stamp now and this user).
 */
async function importModel(registry: RegistryClient, folder: ModelFolder, report: MlrunsImportReport): Promise<void> {
  const store = registry.store;
  const problem = (why: string) => report.problems.push(`Registered model ${folder.folder}: ${why}`);
  const metaBytes = folder.files.get('meta.yaml');
  if (!metaBytes) return void problem('no meta.yaml; skipped.');
  const meta = await parseYamlStrings(metaBytes);
  const name = text(meta.name) || folder.folder;
  const bad = nameProblem(name);
  if (bad) return void problem(`${bad}; skipped.`);

  // The versions, oldest first; a deleted one (MLflow keeps its folder) is not a version.
  const versions: ArchivedVersion[] = [];
  const numbers = new Set<string>();
  for (const path of folder.files.keys()) {
    const m = VERSION_FILE.exec(path);
    if (m) numbers.add(m[1]!);
  }
  for (const number of [...numbers].sort((a, b) => Number(a) - Number(b))) {
    const dir = `${MODEL_VERSION_PREFIX}${number}`;
    const bytes = folder.files.get(`${dir}/meta.yaml`);
    if (!bytes) {
      problem(`version ${number} has no meta.yaml; skipped.`);
      continue;
    }
    const versionMeta = await parseYamlStrings(bytes);
    if (versionMeta.current_stage === STAGE_DELETED_INTERNAL) continue;
    versions.push({ number: String(Number(number)), meta: versionMeta, tags: filesUnder(folder.files, `${dir}/${MODEL_TAGS_FOLDER}`) });
  }

  const fallbackTime = now();
  const modelTags = filesUnder(folder.files, MODEL_TAGS_FOLDER);
  let local = await store.getRegisteredModel(name);
  const isNew = !local;
  let changed = false;
  if (!local) {
    local = await store.createRegisteredModel(name, { description: text(meta.description), tags: modelTags }, timestamp(meta.creation_timestamp, fallbackTime));
    report.modelsCreated.push(name);
    changed = true;
  } else {
    for (const [k, v] of Object.entries(modelTags)) {
      if (k in local.tags) continue;
      await store.setRegisteredModelTag(name, k, v);
      changed = true;
    }
  }

  // Archive version number → local version number. A local version matches an archived one with the
  // same source and run id, each local version at most once (two versions of one source stay two).
  const localVersions: ModelVersion[] = (await store.listModelVersions(name)).reverse();
  const claimed = new Set<string>();
  const mapped = new Map<string, string>();
  for (const v of versions) {
    const source = text(v.meta.source);
    const runId = text(v.meta.run_id) || null;
    const twin = localVersions.find((l) => !claimed.has(l.version) && l.source === source && (l.runId || null) === runId);
    if (twin) {
      claimed.add(twin.version);
      mapped.set(v.number, twin.version);
      for (const [k, value] of Object.entries(v.tags)) {
        if (k in twin.tags) continue;
        await store.setModelVersionTag(name, twin.version, k, value);
        changed = true;
      }
      report.modelVersionsSkipped.push(`${name}/${twin.version}`);
      continue;
    }
    const creation = timestamp(v.meta.creation_timestamp, fallbackTime);
    const description = text(v.meta.description);
    let added = await store.createModelVersion(name, { source, runId, userId: text(v.meta.user_id) || 'unknown', description, tags: v.tags }, creation);
    const updated = timestamp(v.meta.last_updated_timestamp, creation);
    if (updated !== added.lastUpdatedTimestamp) added = await store.updateModelVersion(name, added.version, { description }, updated);
    localVersions.push(added);
    claimed.add(added.version);
    mapped.set(v.number, added.version);
    report.modelVersionsImported.push(`${name}/${added.version}`);
    changed = true;
  }

  // aliases/<alias> holds the version number (FileStore.set_registered_model_alias).
  const lastUpdated = timestamp(meta.last_updated_timestamp, fallbackTime);
  const current = (await store.getRegisteredModel(name))!;
  for (const [alias, content] of Object.entries(filesUnder(folder.files, MODEL_ALIASES_FOLDER))) {
    const archived = String(Number(content.trim()));
    const target = mapped.get(archived);
    const badAlias = aliasProblem(alias);
    if (badAlias) problem(`alias '${alias}' ${badAlias}; left out.`);
    else if (!target) problem(`alias '${alias}' names version ${content.trim()}, which is not among the archive's versions; left out.`);
    else if (alias in current.aliases) {
      if (current.aliases[alias] !== target) problem(`alias '${alias}' already names version ${current.aliases[alias]} here; kept.`);
    } else {
      await store.setAlias(name, alias, target, isNew ? lastUpdated : now());
      changed = true;
    }
  }
  if (changed) {
    // A model this import made keeps the archive's last update; one that was here was updated now.
    const description = isNew ? text(meta.description) : current.description;
    await store.updateRegisteredModel(name, { description }, isNew ? lastUpdated : now());
    announce(store.uri, { type: 'model-registered', name });
  }
}

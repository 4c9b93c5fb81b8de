// Runs as an MLflow file-store folder in a zip — `mlruns/<experiment>/meta.yaml`, `<run>/meta.yaml`,
// `params/`, `metrics/`, `tags/`, `artifacts/`, and dataset inputs as MLflow's FileStore keeps them
// (`<experiment>/datasets/<dataset_id>/meta.yaml`, `<run>/inputs/<input_id>/meta.yaml`, see format.ts) —
// which MLflow opens: unzip, then `mlflow ui` in that folder. Artifact URIs are written relative
// (`./mlruns/<exp>/<run>/artifacts`) so the folder can live anywhere. YAML is written with YAML 1.1
// quoting, the rules PyYAML reads with, so a value such as `yes`, `0777` or `1_000` stays a string.
//
// Given a registry, the registered models made from the exported runs go along, laid out as MLflow's
// file-based model registry keeps them (`mlruns/models/<name>/…`, see format.ts): a model that has at
// least one version whose run is exported, with those versions only (their numbers, sources
// `runs:/<run_id>/…` and run ids unchanged, since run ids are kept), its tags, and the aliases that
// point at an exported version.
import { zipSync, strToU8 } from 'fflate';
import type { RegistryClient } from '../../model-registry/client';
import type { ModelVersion } from '../../model-registry/entities';
import type { TrackingClient } from '../../tracking/client';
import type { Experiment, Run } from '../../tracking/entities';
import {
  DATASETS_FOLDER,
  INPUTS_FOLDER,
  MODELS_FOLDER,
  MODEL_ALIASES_FOLDER,
  MODEL_TAGS_FOLDER,
  MODEL_VERSION_PREFIX,
  SOURCE_TYPE_LOCAL,
  STATUS_CODES,
  datasetId,
  datasetMeta,
  inputId,
  inputMeta,
  modelVersionMeta,
  pyFloat,
  registeredModelMeta,
} from './format';

export interface MlrunsExportOptions {
  /** Runs to export; default: every run (active and deleted) of every experiment. */
  runIds?: string[];
  /**
   * Also export this registry's models made from the exported runs (`mlruns/models/`): each model with
   * a version whose run is exported, with those versions, its tags and the aliases naming them.
   */
  registry?: RegistryClient;
  onProgress?: (done: number, total: number) => void;
  /** Told of each entry left out because its path would leave its folder (a stored key or path with `..`). */
  onSkipped?: (path: string) => void;
}

/** An entry path that stays inside the archive's folder when extracted. */
export function isSafePath(path: string): boolean {
  return !path.includes('\\') && path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

async function yamlText(obj: unknown): Promise<string> {
  const { stringify } = await import('yaml');
  return stringify(obj, { version: '1.1' });
}

export async function exportMlruns(client: TrackingClient, options: MlrunsExportOptions = {}): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const put = (path: string, data: Uint8Array | string) => {
    // Never a zip-slip entry, even from data stored before the importers checked paths (issue 15):
    // a key, id or artifact path with an empty, '.' or '..' segment (or a backslash) is left out.
    if (!isSafePath(path)) return void options.onSkipped?.(path);
    files[path] = typeof data === 'string' ? strToU8(data) : data;
  };
  const experiments = await client.searchExperiments('ALL');
  const wanted = options.runIds ? new Set(options.runIds) : null;
  const runs: Array<{ exp: Experiment; run: Run }> = [];
  for (const exp of experiments) {
    const list = await client.searchRuns({ experimentIds: [exp.experimentId], runViewType: 'ALL', maxResults: 50_000 });
    for (const run of list) if (!wanted || wanted.has(run.info.runId)) runs.push({ exp, run });
  }
  const usedExperiments = new Set(runs.map((r) => r.exp.experimentId));
  for (const exp of experiments) {
    if (wanted && !usedExperiments.has(exp.experimentId)) continue;
    const dir = `mlruns/${exp.experimentId}`;
    put(
      `${dir}/meta.yaml`,
      await yamlText({
        artifact_location: `./${dir}`,
        creation_time: exp.creationTime,
        experiment_id: exp.experimentId,
        last_update_time: exp.lastUpdateTime,
        lifecycle_stage: exp.lifecycleStage,
        name: exp.name,
      }),
    );
    for (const [k, v] of Object.entries(exp.tags)) put(`${dir}/tags/${k}`, v);
  }
  let done = 0;
  for (const { exp, run } of runs) {
    const dir = `mlruns/${exp.experimentId}/${run.info.runId}`;
    const i = run.info;
    put(
      `${dir}/meta.yaml`,
      await yamlText({
        artifact_uri: `./${dir}/artifacts`,
        // MLflow writes null for a live run and the deletion time for a deleted one (`mlflow gc
        // --older-than` reads it). Kiroku keeps no deletion time: the run's last known time stands in.
        deleted_time: i.lifecycleStage === 'deleted' ? (i.endTime ?? i.startTime) : null,
        end_time: i.endTime,
        entry_point_name: '',
        experiment_id: i.experimentId,
        lifecycle_stage: i.lifecycleStage,
        run_id: i.runId,
        run_name: i.runName,
        run_uuid: i.runId,
        source_name: '',
        source_type: SOURCE_TYPE_LOCAL,
        source_version: '',
        start_time: i.startTime,
        status: STATUS_CODES[i.status],
        tags: [],
        user_id: i.userId,
      }),
    );
    for (const [k, v] of Object.entries(run.data.params)) put(`${dir}/params/${k}`, v);
    for (const [k, v] of Object.entries(run.data.tags)) put(`${dir}/tags/${k}`, v);
    // As MLflow's log_inputs: an experiment's dataset and a run's input are written once, the first wins.
    for (const input of run.inputs.datasetInputs) {
      const dsId = datasetId(input.dataset.name, input.dataset.digest);
      const datasetPath = `mlruns/${exp.experimentId}/${DATASETS_FOLDER}/${dsId}/meta.yaml`;
      if (!(datasetPath in files)) put(datasetPath, await yamlText(datasetMeta(input.dataset)));
      const inputPath = `${dir}/${INPUTS_FOLDER}/${inputId(dsId, i.runId)}/meta.yaml`;
      if (!(inputPath in files)) put(inputPath, await yamlText(inputMeta(dsId, input.tags)));
    }
    for (const key of Object.keys(run.data.metrics)) {
      const history = await client.getMetricHistory(i.runId, key);
      put(`${dir}/metrics/${key}`, history.map((m) => `${m.timestamp} ${pyFloat(m.value)} ${m.step}\n`).join(''));
    }
    for (const f of await client.listArtifactFiles(i.runId)) {
      const path = `${dir}/artifacts/${f.path}`;
      if (!isSafePath(path)) options.onSkipped?.(path);
      else put(path, new Uint8Array(await (await client.downloadArtifact(i.runId, f.path)).arrayBuffer()));
    }
    options.onProgress?.(++done, runs.length);
  }
  if (options.registry) await putRegistry(options.registry, new Set(runs.map((r) => r.run.info.runId)), put);
  return zipSync(files, { level: 6 });
}

/**
 * MLflow's FileStore refuses a model name with a path separator or '%' (`_validate_model_name`), and
 * one such folder makes it fail to list every model; Kiroku's names never hold '/', but may hold '%'
 * (or be `.`/`..`): such a model is left out.
 */
const MLFLOW_FILE_STORE_NAME = /^(?!\.\.?$)[^/%]+$/;
/** A tag key as a relative path inside `tags/` (MLflow's `_validate_tag_name`): no empty, `.` or `..` segment. */
const isSafeKey = (key: string) => key.split('/').every((part) => part !== '' && part !== '.' && part !== '..');

async function putRegistry(
  registry: RegistryClient,
  runIds: Set<string>,
  put: (path: string, data: string) => void,
): Promise<void> {
  const all = await registry.searchModelVersions();
  const byKey = new Map(all.map((v) => [`${v.name}\u0000${v.version}`, v]));
  const exported = new Map<string, ModelVersion[]>();
  for (const v of all) {
    if (!v.runId || !runIds.has(v.runId) || !MLFLOW_FILE_STORE_NAME.test(v.name)) continue;
    exported.set(v.name, [...(exported.get(v.name) ?? []), v]);
  }
  for (const [name, versions] of [...exported].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const model = await registry.getRegisteredModel(name);
    const numbers = new Set(versions.map((v) => v.version));
    const aliases = Object.fromEntries(Object.entries(model.aliases).filter(([, version]) => numbers.has(version)));
    const dir = `mlruns/${MODELS_FOLDER}/${name}`;
    put(`${dir}/meta.yaml`, await yamlText(registeredModelMeta(model, aliases)));
    for (const [k, v] of Object.entries(model.tags)) if (isSafeKey(k)) put(`${dir}/${MODEL_TAGS_FOLDER}/${k}`, v);
    // set_registered_model_alias: write_to(alias_path, str(version)).
    for (const [alias, version] of Object.entries(aliases)) put(`${dir}/${MODEL_ALIASES_FOLDER}/${alias}`, version);
    for (const v of versions) {
      const versionDir = `${dir}/${MODEL_VERSION_PREFIX}${Number(v.version)}`;
      put(`${versionDir}/meta.yaml`, await yamlText(modelVersionMeta(v, storageLocation(v, byKey))));
      for (const [k, value] of Object.entries(v.tags))
        if (isSafeKey(k)) put(`${versionDir}/${MODEL_TAGS_FOLDER}/${k}`, value);
    }
  }
}

/**
 * create_model_version's storage_location: the source, except that a `models:/<name>/<version>` source
 * is resolved to that version's storage location (get_model_version_download_uri).
 */
function storageLocation(v: ModelVersion, byKey: Map<string, ModelVersion>, seen = new Set<string>()): string {
  const m = /^models:\/([^/]+)\/(\d+)$/.exec(v.source);
  const target = m ? byKey.get(`${m[1]}\u0000${Number(m[2])}`) : undefined;
  const key = `${v.name}\u0000${v.version}`;
  if (!target || seen.has(key)) return v.source;
  seen.add(key);
  return storageLocation(target, byKey, seen);
}

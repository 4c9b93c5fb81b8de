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
import type { RegistryClient } from '../../model-registry/client';
import type { TrackingClient } from '../../tracking/client';
import type { DatasetInput, Metric } from '../../tracking/entities';
import { textFilesUnder, under } from './archive';
import { INPUTS_FOLDER, INPUT_SOURCE_DATASET, STATUS_NAMES, parsePyFloat } from './format';
import { importModel, type ModelFolder } from './import-registry';
import { parseYaml, parseYamlStrings, str, type YamlStrings } from './yaml-read';

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

export async function importMlruns(
  client: TrackingClient,
  zip: Uint8Array | ArrayBuffer,
  options: MlrunsImportOptions = {},
): Promise<MlrunsImportReport> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip instanceof Uint8Array ? zip : new Uint8Array(zip));
  } catch (err) {
    throw new TrackingError(
      `This file is not a readable zip archive (${String(err)}). Export runs with "Export as MLflow" or zip an ` +
        `mlruns/ folder.`,
    );
  }
  const report: MlrunsImportReport = {
    experimentsCreated: [],
    runsImported: [],
    runsSkipped: [],
    modelsCreated: [],
    modelVersionsImported: [],
    modelVersionsSkipped: [],
    problems: [],
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
    for (const [p, v] of Object.entries(entries))
      if (p.startsWith(prefix) && !p.endsWith('/'))
        await client.setExperimentTag(exp.experimentId, p.slice(prefix.length), strFromU8(v));
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
    report.problems.push(
      `The archive holds ${models.size} registered model${models.size === 1 ? '' : 's'} (mlruns/models/); not ` +
        `imported without a registry.`,
    );
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

/** A run's dataset inputs, in the archive's order; what cannot be read is noted in `problems` and left out. */
async function readInputs(
  folder: RunFolder,
  datasets: Map<string, Uint8Array>,
  problems: string[],
): Promise<DatasetInput[]> {
  const inputs: DatasetInput[] = [];
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

/**
 * A time in meta.yaml as MLflow's FileStore reads it (`int(…)`); anything else stays as it is, for the client's check
 * to refuse by name.
 */
const metaTime = (v: unknown): number => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v) as number;

async function importRun(
  client: TrackingClient,
  folder: RunFolder,
  experimentId: string,
  meta: Record<string, unknown>,
  inputs: DatasetInput[],
): Promise<void> {
  const tags = textFilesUnder(folder.files, 'tags');
  const params = textFilesUnder(folder.files, 'params');
  const history: Metric[] = [];
  for (const [key, bytes] of under(folder.files, 'metrics')) {
    for (const line of strFromU8(bytes).split('\n')) {
      const [ts, value, step] = line.trim().split(/\s+/);
      if (!ts) continue;
      history.push({ key, timestamp: Number(ts), value: parsePyFloat(value ?? 'nan'), step: Number(step ?? 0) });
    }
  }
  const status =
    STATUS_NAMES[Number(meta.status)] ?? (typeof meta.status === 'string' ? (meta.status as never) : 'FINISHED');
  const run = await client.buildRun(experimentId, {
    runId: folder.runId,
    startTime: metaTime(meta.start_time ?? 0),
    userId: String(meta.user_id ?? tags['mlflow.user'] ?? 'unknown'),
    ...(meta.run_name || tags['mlflow.runName'] ? { runName: String(meta.run_name || tags['mlflow.runName']) } : {}),
    tags,
  });
  await client.commitRun(
    folder.runId,
    {
      params,
      history,
      inputs,
      artifacts: under(folder.files, 'artifacts').map(([path, data]) => ({ path, data })),
      copied: true,
      end: { status, endTime: meta.end_time == null ? null : metaTime(meta.end_time) },
      ...(meta.lifecycle_stage === 'deleted' ? { lifecycleStage: 'deleted' as const } : {}),
    },
    run,
  );
}

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
import { strFromU8, unzipSync } from 'fflate';
import { TrackingError } from '../../lib/errors';
import type { TrackingClient } from '../../tracking/client';
import type { DatasetInput, Metric } from '../../tracking/entities';
import { INPUTS_FOLDER, INPUT_SOURCE_DATASET, STATUS_NAMES, parsePyFloat } from './format';

export interface MlrunsImportReport {
  experimentsCreated: string[];
  runsImported: string[];
  runsSkipped: string[];
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

export async function importMlruns(client: TrackingClient, zip: Uint8Array | ArrayBuffer): Promise<MlrunsImportReport> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip instanceof Uint8Array ? zip : new Uint8Array(zip));
  } catch (err) {
    throw new TrackingError(`This file is not a readable zip archive (${String(err)}). Export runs with "Export as MLflow" or zip an mlruns/ folder.`);
  }
  const report: MlrunsImportReport = { experimentsCreated: [], runsImported: [], runsSkipped: [], problems: [] };
  await client.getOrCreateDefaultExperiment(); // "Default" is every store's experiment 0, never "created" by an import
  const experimentIds = new Map<string, string>(); // mlruns folder → Kiroku experiment id
  const runs = new Map<string, RunFolder>();
  const datasets = new Map<string, Uint8Array>(); // `<experiment folder>/<dataset_id>` → meta.yaml
  for (const [path, bytes] of Object.entries(entries)) {
    if (path.includes('/.trash/') || path.endsWith('/')) continue;
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
    if (!m || path.includes('/.trash/')) continue;
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
  if (!experimentIds.size && !runs.size) throw new TrackingError('No mlruns/ folder in this archive: expected mlruns/<experiment>/meta.yaml files.');

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

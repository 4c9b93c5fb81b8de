// Import an MLflow file-store folder (a zip with `mlruns/…`, from Kiroku's export or from MLflow
// itself) into Kiroku: experiments are matched by name (created when missing), runs keep their ids
// and are skipped when already present, so importing twice adds nothing. Each run is written in one
// transaction with its params, tags, full metric histories and artifacts.
import { strFromU8, unzipSync } from 'fflate';
import { TrackingError } from '../../lib/errors';
import type { TrackingClient } from '../../tracking/client';
import type { Metric } from '../../tracking/entities';
import { STATUS_NAMES, parsePyFloat } from './format';

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

async function parseYaml(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const { parse } = await import('yaml');
  return (parse(strFromU8(bytes)) ?? {}) as Record<string, unknown>;
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
  for (const [path, bytes] of Object.entries(entries)) {
    if (path.includes('/.trash/') || path.endsWith('/')) continue;
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
      await importRun(client, folder, experimentId, await parseYaml(metaBytes));
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

async function importRun(client: TrackingClient, folder: RunFolder, experimentId: string, meta: Record<string, unknown>): Promise<void> {
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
    artifacts: under(folder.files, 'artifacts').map(([path, data]) => ({ path, data })),
    end: { status, endTime: meta.end_time == null ? null : Number(meta.end_time) },
    ...(meta.lifecycle_stage === 'deleted' ? { lifecycleStage: 'deleted' as const } : {}),
  }, run);
}

// Runs as an MLflow file-store folder in a zip — `mlruns/<experiment>/meta.yaml`, `<run>/meta.yaml`,
// `params/`, `metrics/`, `tags/`, `artifacts/`, and dataset inputs as MLflow's FileStore keeps them
// (`<experiment>/datasets/<dataset_id>/meta.yaml`, `<run>/inputs/<input_id>/meta.yaml`, see format.ts) —
// which MLflow opens: unzip, then `mlflow ui` in that folder. Artifact URIs are written relative
// (`./mlruns/<exp>/<run>/artifacts`) so the folder can live anywhere. YAML is written with YAML 1.1
// quoting, the rules PyYAML reads with, so a value such as `yes`, `0777` or `1_000` stays a string.
import { zipSync, strToU8 } from 'fflate';
import type { TrackingClient } from '../../tracking/client';
import type { Experiment, Run } from '../../tracking/entities';
import { DATASETS_FOLDER, INPUTS_FOLDER, SOURCE_TYPE_LOCAL, STATUS_CODES, datasetId, datasetMeta, inputId, inputMeta, pyFloat } from './format';

export interface MlrunsExportOptions {
  /** Runs to export; default: every run (active and deleted) of every experiment. */
  runIds?: string[];
  onProgress?: (done: number, total: number) => void;
}

async function yamlText(obj: unknown): Promise<string> {
  const { stringify } = await import('yaml');
  return stringify(obj, { version: '1.1' });
}

export async function exportMlruns(client: TrackingClient, options: MlrunsExportOptions = {}): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const put = (path: string, data: Uint8Array | string) => {
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
    put(`${dir}/meta.yaml`, await yamlText({
      artifact_location: `./${dir}`,
      creation_time: exp.creationTime,
      experiment_id: exp.experimentId,
      last_update_time: exp.lastUpdateTime,
      lifecycle_stage: exp.lifecycleStage,
      name: exp.name,
    }));
    for (const [k, v] of Object.entries(exp.tags)) put(`${dir}/tags/${k}`, v);
  }
  let done = 0;
  for (const { exp, run } of runs) {
    const dir = `mlruns/${exp.experimentId}/${run.info.runId}`;
    const i = run.info;
    put(`${dir}/meta.yaml`, await yamlText({
      artifact_uri: `./${dir}/artifacts`,
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
    }));
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
      put(`${dir}/artifacts/${f.path}`, new Uint8Array(await (await client.downloadArtifact(i.runId, f.path)).arrayBuffer()));
    }
    options.onProgress?.(++done, runs.length);
  }
  return zipSync(files, { level: 6 });
}

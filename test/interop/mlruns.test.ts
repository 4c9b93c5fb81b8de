// The MLflow file-store export: layout and fields as MLflow's FileStore writes them, and a round trip
// through the importer (also for a folder as MLflow itself writes it). Dataset inputs follow MLflow's
// FileStore (mlflow/store/tracking/file_store.py: log_inputs, _get_all_inputs, _get_dataset_id,
// _get_input_id, _FileStoreInput.write_yaml). The model registry follows MLflow's file-based registry
// (mlflow/store/model_registry/file_store.py: _save_registered_model_as_meta_file,
// _save_model_version_as_meta_file, create_model_version, set_registered_model_alias,
// _get_file_model_version_from_dir; mlflow/entities/model_registry/{registered_model,model_version}.py).
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { parse } from 'yaml';
import { Fluent } from '../../src/tracking/fluent';
import { closeStores } from '../../src/tracking/uri';
import { exportMlruns } from '../../src/interop/mlruns/export';
import { importMlruns } from '../../src/interop/mlruns/import';
import { md5Hex, pyFloat } from '../../src/interop/mlruns/format';
import type { DatasetInfo } from '../../src/tracking/entities';
import { RegistryClient } from '../../src/model-registry/client';
import { MemoryRegistryStore } from '../../src/model-registry/memory-store';
import { setClock } from '../../src/lib/time';
import { modelApi } from '../../src/logged-model/api';
import { Ridge } from '../../src/ml/index';
import { closeRegistryStores } from '../../src/model-registry/uri';

/** Python's hashlib.md5 fed `parts` one update at a time, as the FileStore computes its ids. */
const md5 = (...parts: string[]) => parts.reduce((h, p) => h.update(p, 'utf8'), createHash('md5')).digest('hex');
const datasetIdOf = (d: { name: string; digest: string }) => md5(d.name, d.digest);
const inputIdOf = (datasetId: string, runId: string) => md5(datasetId, runId);

const WINE: DatasetInfo = {
  name: 'wine-quality',
  // Plain in PyYAML's output (a string under YAML 1.1), a float to a YAML 1.2 reader.
  digest: '12e45678',
  sourceType: 'http',
  source: '{"url": "https://example.org/winequality-red.csv"}',
  schema:
    '{"mlflow_colspec": [{"type": "double", "name": "fixed acidity"}, {"type": "double", "name": "volatile ' +
    'acidity"}, {"type": "long", "name": "quality"}]}',
  profile: '{"num_rows": 1599, "num_elements": 4797}',
};
const HOLDOUT: DatasetInfo = { name: 'holdout', digest: 'yes', sourceType: 'code', source: '{}' };

let n = 0;
const fresh = () => new Fluent(`memory:mlruns-${++n}`);
afterEach(async () => {
  await closeStores();
});

async function seed(mlflow: Fluent) {
  await mlflow.setExperiment('wine');
  const kept = await mlflow.startRun({ runName: 'enet' }, async (run) => {
    await mlflow.logParams({ alpha: 0.02, 'nested/key': 'x' });
    await mlflow.setTag('team', 'ml');
    for (let i = 0; i < 3; i++) await mlflow.logMetric('loss', [0.5, 1e-5, NaN][i]!, { step: i, timestamp: 1000 + i });
    await mlflow.logText('hello', 'notes/hello.txt');
    await mlflow.logInput(WINE, 'train', { split: 'a' });
    await mlflow.logInput(HOLDOUT, 'eval');
    return run.info.runId;
  });
  const gone = await mlflow.startRun({ runName: 'gone' }, async (run) => {
    await mlflow.logInput(WINE, 'train');
    return run.info.runId;
  });
  await mlflow.deleteRun(gone);
  return { kept, gone };
}

describe('Python float repr', () => {
  it('writes floats as MLflow (Python) does', () => {
    expect([3, 0.5, 1e-4, 1e-5, 1.5e16, 123456.789, NaN, Infinity, -Infinity, 0].map(pyFloat)).toEqual([
      '3.0',
      '0.5',
      '0.0001',
      '1e-05',
      '1.5e+16',
      '123456.789',
      'nan',
      'inf',
      '-inf',
      '0.0',
    ]);
  });
});

describe('mlruns export', () => {
  it("lays runs out as MLflow's file store, field by field", async () => {
    const mlflow = fresh();
    const { kept, gone } = await seed(mlflow);
    const files = unzipSync(await exportMlruns(mlflow.client()));
    const text = (p: string) => strFromU8(files[p]!);
    const expMeta = parse(text('mlruns/1/meta.yaml'));
    expect(Object.keys(expMeta).sort()).toEqual([
      'artifact_location',
      'creation_time',
      'experiment_id',
      'last_update_time',
      'lifecycle_stage',
      'name',
    ]);
    expect(expMeta).toMatchObject({
      experiment_id: '1',
      name: 'wine',
      lifecycle_stage: 'active',
      artifact_location: './mlruns/1',
    });
    const runMeta = parse(text(`mlruns/1/${kept}/meta.yaml`));
    expect(Object.keys(runMeta).sort()).toEqual([
      'artifact_uri',
      'deleted_time',
      'end_time',
      'entry_point_name',
      'experiment_id',
      'lifecycle_stage',
      'run_id',
      'run_name',
      'run_uuid',
      'source_name',
      'source_type',
      'source_version',
      'start_time',
      'status',
      'tags',
      'user_id',
    ]);
    expect(runMeta).toMatchObject({
      run_id: kept,
      run_uuid: kept,
      run_name: 'enet',
      experiment_id: '1',
      status: 3,
      source_type: 4,
      tags: [],
      lifecycle_stage: 'active',
      deleted_time: null,
    });
    expect(text(`mlruns/1/${kept}/metrics/loss`)).toBe('1000 0.5 0\n1001 1e-05 1\n1002 nan 2\n');
    expect(text(`mlruns/1/${kept}/params/alpha`)).toBe('0.02');
    expect(text(`mlruns/1/${kept}/params/nested/key`)).toBe('x');
    expect(text(`mlruns/1/${kept}/tags/team`)).toBe('ml');
    expect(text(`mlruns/1/${kept}/tags/mlflow.runName`)).toBe('enet');
    expect(text(`mlruns/1/${kept}/artifacts/notes/hello.txt`)).toBe('hello');
    const goneMeta = parse(text(`mlruns/1/${gone}/meta.yaml`));
    expect(goneMeta.lifecycle_stage).toBe('deleted');
    expect(goneMeta.deleted_time).toBe(goneMeta.end_time ?? goneMeta.start_time);
  });

  it("writes dataset inputs as MLflow's FileStore.log_inputs does, field by field", async () => {
    const mlflow = fresh();
    const { kept, gone } = await seed(mlflow);
    const files = unzipSync(await exportMlruns(mlflow.client()));
    const text = (p: string) => strFromU8(files[p]!);
    const wineId = datasetIdOf(WINE);
    const holdoutId = datasetIdOf(HOLDOUT);
    // One folder per dataset of the experiment (name + digest), however many runs use it.
    expect(
      Object.keys(files)
        .filter((p) => p.startsWith('mlruns/1/datasets/'))
        .sort(),
    ).toEqual([`mlruns/1/datasets/${wineId}/meta.yaml`, `mlruns/1/datasets/${holdoutId}/meta.yaml`].sort());
    // dict(Dataset): its properties, sorted (write_yaml sort_keys=True); a missing schema/profile is null.
    const wine = parse(text(`mlruns/1/datasets/${wineId}/meta.yaml`), { version: '1.1' });
    expect(Object.keys(wine)).toEqual(['digest', 'name', 'profile', 'schema', 'source', 'source_type']);
    expect(wine).toEqual({
      digest: WINE.digest,
      name: WINE.name,
      profile: WINE.profile,
      schema: WINE.schema,
      source: WINE.source,
      source_type: 'http',
    });
    // quoted: PyYAML reads a string either way
    expect(text(`mlruns/1/datasets/${wineId}/meta.yaml`)).toMatch(/^digest: "12e45678"$/m);
    const holdout = parse(text(`mlruns/1/datasets/${holdoutId}/meta.yaml`), { version: '1.1' });
    expect(holdout).toEqual({
      digest: 'yes',
      name: 'holdout',
      profile: null,
      schema: null,
      source: '{}',
      source_type: 'code',
    });
    // A run's inputs: inputs/<md5(dataset_id + run_id)>/meta.yaml, _FileStoreInput.write_yaml's fields.
    const inputsOf = (run: string) =>
      Object.keys(files)
        .filter((p) => p.startsWith(`mlruns/1/${run}/inputs/`))
        .sort();
    expect(inputsOf(kept)).toEqual(
      [
        `mlruns/1/${kept}/inputs/${inputIdOf(wineId, kept)}/meta.yaml`,
        `mlruns/1/${kept}/inputs/${inputIdOf(holdoutId, kept)}/meta.yaml`,
      ].sort(),
    );
    expect(inputsOf(gone)).toEqual([`mlruns/1/${gone}/inputs/${inputIdOf(wineId, gone)}/meta.yaml`]);
    const input = parse(text(`mlruns/1/${kept}/inputs/${inputIdOf(wineId, kept)}/meta.yaml`));
    expect(Object.keys(input)).toEqual(['destination_id', 'destination_type', 'source_id', 'source_type', 'tags']);
    // MLflow writes destination_id from self.source_id (the dataset id); its reader does not use it.
    expect(input).toEqual({
      destination_id: wineId,
      destination_type: 'RUN',
      source_id: wineId,
      source_type: 'DATASET',
      tags: { 'mlflow.data.context': 'train', split: 'a' },
    });
    expect(parse(text(`mlruns/1/${kept}/inputs/${inputIdOf(holdoutId, kept)}/meta.yaml`)).tags).toEqual({
      'mlflow.data.context': 'eval',
    });
  });

  it('keeps one input per dataset and run, as the FileStore does (input_id ignores the context)', async () => {
    const mlflow = fresh();
    const run = await mlflow.startRun({}, async (r) => {
      await mlflow.logInput(WINE, 'train');
      await mlflow.logInput(WINE, 'eval');
      return r.info.runId;
    });
    expect((await mlflow.getRun(run)).inputs.datasetInputs).toHaveLength(2);
    const files = unzipSync(await exportMlruns(mlflow.client()));
    const inputs = Object.keys(files).filter((p) => p.includes(`/${run}/inputs/`));
    expect(inputs).toEqual([`mlruns/0/${run}/inputs/${inputIdOf(datasetIdOf(WINE), run)}/meta.yaml`]);
    expect(parse(strFromU8(files[inputs[0]!]!)).tags).toEqual({ 'mlflow.data.context': 'train' });
  });

  it('computes the ids with MD5 as Python hashlib does', () => {
    for (const s of ['', 'abc', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'données ☃ 😀'.repeat(30)])
      expect(md5Hex(s)).toBe(md5(s));
    expect(md5Hex('wine-quality' + '12e45678')).toBe(datasetIdOf(WINE));
  });

  it('round-trips through the importer, and importing again adds nothing', async () => {
    const source = fresh();
    const { kept, gone } = await seed(source);
    const zip = await exportMlruns(source.client());
    const target = fresh();
    const report = await importMlruns(target.client(), zip);
    expect(report.runsImported.sort()).toEqual([kept, gone].sort());
    expect(report.experimentsCreated).toEqual(['wine']);
    const a = await source.getRun(kept);
    const b = await target.getRun(kept);
    expect(b.info).toEqual({ ...a.info, experimentId: b.info.experimentId, artifactUri: b.info.artifactUri });
    expect(b.data).toEqual(a.data);
    expect(b.inputs).toEqual(a.inputs);
    expect(b.inputs.datasetInputs.map((d) => d.dataset)).toEqual([WINE, HOLDOUT]);
    expect(b.inputs.datasetInputs.map((d) => d.tags)).toEqual([
      { 'mlflow.data.context': 'train', split: 'a' },
      { 'mlflow.data.context': 'eval' },
    ]);
    expect((await target.getRun(gone)).inputs).toEqual((await source.getRun(gone)).inputs);
    expect(await target.getMetricHistory(kept, 'loss')).toEqual(await source.getMetricHistory(kept, 'loss'));
    expect(await (await target.getArtifact(kept, 'notes/hello.txt')).text()).toBe('hello');
    expect((await target.getRun(gone)).info.lifecycleStage).toBe('deleted');
    const again = await importMlruns(target.client(), zip);
    expect(again.runsImported).toEqual([]);
    expect(again.runsSkipped.sort()).toEqual([kept, gone].sort());
  });

  it('imports a folder as MLflow writes it (nested under a directory, legacy fields)', async () => {
    const run = 'ab'.repeat(16);
    const zip = zipSync({
      'export/mlruns/0/meta.yaml': strToU8(
        "artifact_location: file:///home/u/mlruns/0\nexperiment_id: '0'\nlifecycle_stage: active\nname: Default\n",
      ),
      [`export/mlruns/0/${run}/meta.yaml`]: strToU8(
        `artifact_uri: file:///home/u/mlruns/0/${run}/artifacts\nend_time: 1700000005000\nentry_point_name: ` +
          `''\nexperiment_id: '0'\nlifecycle_stage: active\nrun_id: ${run}\nrun_name: ` +
          `py-run\nrun_uuid: ${run}\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: ` +
          `1700000000000\nstatus: 4\ntags: []\nuser_id: ada\n`,
      ),
      [`export/mlruns/0/${run}/metrics/rmse`]: strToU8('1700000001000 0.75 0\n1700000002000 7e-05 1\n'),
      [`export/mlruns/0/${run}/params/alpha`]: strToU8('0.5'),
      [`export/mlruns/0/${run}/tags/mlflow.user`]: strToU8('ada'),
      // A file store keeps any file name; an import copies it as it is (MLflow's path rules hold new logging).
      [`export/mlruns/0/${run}/artifacts/plots/loss #1.png`]: strToU8('png'),
      'export/mlruns/.trash/': new Uint8Array(),
    });
    const mlflow = fresh();
    const report = await importMlruns(mlflow.client(), zip);
    expect(report.runsImported).toEqual([run]);
    const got = await mlflow.getRun(run);
    expect(got.info).toMatchObject({
      runName: 'py-run',
      status: 'FAILED',
      startTime: 1700000000000,
      endTime: 1700000005000,
      userId: 'ada',
    });
    expect(got.data.params).toEqual({ alpha: '0.5' });
    expect(got.data.metrics.rmse).toBe(7e-5);
    expect((await mlflow.getMetricHistory(run, 'rmse')).map((m) => m.step)).toEqual([0, 1]);
    expect(await (await mlflow.getArtifact(run, 'plots/loss #1.png')).text()).toBe('png');
  });

  it('skips a run whose start or end time is not a time, saying which, and keeps the rest', async () => {
    const meta = (run: string, start: string, end: string) =>
      strToU8(
        `artifact_uri: file:///m/0/${run}/artifacts\nend_time: ${end}\nexperiment_id: '0'\nlifecycle_stage: ` +
          `active\nrun_id: ${run}\nrun_name: r\nstart_time: ${start}\nstatus: 3\nuser_id: ada\n`,
      );
    const [good, textStart, nanStart, badEnd] = ['a1', 'b2', 'c3', 'd4'].map((p) => p.repeat(16));
    const zip = zipSync({
      'mlruns/0/meta.yaml': strToU8("experiment_id: '0'\nlifecycle_stage: active\nname: Default\n"),
      [`mlruns/0/${good}/meta.yaml`]: meta(good!, "'1700000000000'", '1700000005000'),
      [`mlruns/0/${textStart}/meta.yaml`]: meta(textStart!, 'yesterday', '1700000005000'),
      [`mlruns/0/${nanStart}/meta.yaml`]: meta(nanStart!, '.nan', '1700000005000'),
      [`mlruns/0/${badEnd}/meta.yaml`]: meta(badEnd!, '1700000000000', '-3'),
    });
    const mlflow = fresh();
    const before = await mlflow.setExperiment('kept');
    const report = await importMlruns(mlflow.client(), zip);
    expect(report.runsImported).toEqual([good]);
    expect(report.problems).toEqual([
      `Run ${textStart}: Invalid value 'yesterday' for parameter 'start_time' supplied: a run's time must be a ` +
        `nonnegative integer of milliseconds since the epoch.`,
      `Run ${nanStart}: Invalid value NaN for parameter 'start_time' supplied: a run's time must be a nonnegative ` +
        `integer of milliseconds since the epoch.`,
      `Run ${badEnd}: Invalid value -3 for parameter 'end_time' supplied: a run's time must be a nonnegative ` +
        `integer of milliseconds since the epoch.`,
    ]);
    expect((await mlflow.getRun(good!)).info.startTime).toBe(1700000000000);
    for (const skipped of [textStart, nanStart, badEnd])
      await expect(mlflow.getRun(skipped!)).rejects.toThrow(/not found/);
    expect((await mlflow.client().getExperiment(before.experimentId))?.name).toBe('kept');
  });

  it('imports dataset inputs from a folder as MLflow writes it', async () => {
    const run = 'cd'.repeat(16);
    const wineId = datasetIdOf(WINE);
    const evalSet = { name: 'wine-eval', digest: '0777' };
    const evalId = datasetIdOf(evalSet);
    const missingId = datasetIdOf({ name: 'gone', digest: 'ffffffff' });
    const root = `mlruns/472538174521836514`;
    // As PyYAML writes them: keys sorted, a string quoted only when YAML 1.1 would read another type.
    const zip = zipSync({
      [`${root}/meta.yaml`]: strToU8(
        `artifact_location: file:///home/u/${root}\ncreation_time: 1700000000000\nexperiment_id: ` +
          `'472538174521836514'\nlast_update_time: 1700000000000\nlifecycle_stage: active\nname: wine\n`,
      ),
      [`${root}/datasets/${wineId}/meta.yaml`]: strToU8(
        `digest: 12e45678\nname: wine-quality\nprofile: '{"num_rows": 1599, "num_elements": 4797}'\nschema: ` +
          `'{"mlflow_colspec": [{"type": "double", "name": "fixed acidity"}, {"type":\n  "double", "name": ` +
          `"volatile acidity"}, {"type": "long", "name": "quality"}]}'\nsource: '{"url": ` +
          `"https://example.org/winequality-red.csv"}'\nsource_type: http\n`,
      ),
      [`${root}/datasets/${evalId}/meta.yaml`]: strToU8(
        `digest: '0777'\nname: wine-eval\nprofile: null\nschema: null\nsource: '{}'\nsource_type: code\n`,
      ),
      [`${root}/${run}/meta.yaml`]: strToU8(
        `artifact_uri: file:///home/u/${root}/${run}/artifacts\ndeleted_time: null\nend_time: ` +
          `1700000005000\nentry_point_name: ''\nexperiment_id: '472538174521836514'\nlifecycle_stage: ` +
          `active\nrun_id: ${run}\nrun_name: py-run\nrun_uuid: ${run}\nsource_name: ''\nsource_type: ` +
          `4\nsource_version: ''\nstart_time: 1700000000000\nstatus: 3\ntags: []\nuser_id: ada\n`,
      ),
      [`${root}/${run}/inputs/${inputIdOf(wineId, run)}/meta.yaml`]: strToU8(
        `destination_id: ${wineId}\ndestination_type: RUN\nsource_id: ${wineId}\nsource_type: DATASET\ntags:\n  ` +
          `mlflow.data.context: train\n`,
      ),
      [`${root}/${run}/inputs/${inputIdOf(evalId, run)}/meta.yaml`]: strToU8(
        `destination_id: ${evalId}\ndestination_type: RUN\nsource_id: ${evalId}\nsource_type: DATASET\ntags:\n  ` +
          `mlflow.data.context: eval\n`,
      ),
      [`${root}/${run}/inputs/${inputIdOf(missingId, run)}/meta.yaml`]: strToU8(
        `destination_id: ${missingId}\ndestination_type: RUN\nsource_id: ${missingId}\nsource_type: DATASET\ntags: ` +
          `{}\n`,
      ),
      [`${root}/${run}/tags/mlflow.runName`]: strToU8('py-run'),
    });
    const mlflow = fresh();
    const report = await importMlruns(mlflow.client(), zip);
    expect(report.runsImported).toEqual([run]);
    // As MLflow's _get_all_inputs: an input whose dataset folder is missing is skipped (and reported here).
    expect(report.problems).toEqual([
      expect.stringContaining(`dataset input ${inputIdOf(missingId, run)} names dataset ${missingId}`),
    ]);
    const got = await mlflow.getRun(run);
    const byContext = Object.fromEntries(got.inputs.datasetInputs.map((d) => [d.tags['mlflow.data.context'], d]));
    expect(got.inputs.datasetInputs).toHaveLength(2);
    expect(byContext.train).toEqual({ dataset: WINE, tags: { 'mlflow.data.context': 'train' } });
    expect(byContext.eval).toEqual({
      dataset: { name: 'wine-eval', digest: '0777', sourceType: 'code', source: '{}' },
      tags: { 'mlflow.data.context': 'eval' },
    });
  });

  it('refuses something that is not an mlruns zip, saying what it expected', async () => {
    const mlflow = fresh();
    await expect(importMlruns(mlflow.client(), strToU8('not a zip'))).rejects.toThrow('not a readable zip archive');
    await expect(importMlruns(mlflow.client(), zipSync({ 'a.txt': strToU8('x') }))).rejects.toThrow(
      'No mlruns/ folder in this archive',
    );
  });
});

describe('mlruns export and import of the model registry', () => {
  const newRegistry = () => new RegistryClient(new MemoryRegistryStore(), () => 'ada');
  let restoreClock: (() => void) | undefined;
  afterEach(() => {
    restoreClock?.();
    restoreClock = undefined;
  });

  /**
   * `wine`: versions 1 (kept run), 2 (gone run), 3 (kept run, deleted), 4 (kept run); aliases champion → 1,
   * challenger → 2. `twice`: two versions of the same source. `elsewhere`: only a version of a run not
   * in the tracking store. The clock ticks 1000 ms a call, so every timestamp differs.
   */
  async function seedRegistry(kept: string, gone: string) {
    let t = 1_700_000_000_000;
    restoreClock = setClock(() => (t += 1000));
    const registry = newRegistry();
    await registry.createRegisteredModel('wine', {
      description: 'Red wine quality',
      tags: { team: 'ml', 'nested/key': 'x' },
    });
    await registry.createModelVersion('wine', `runs:/${kept}/model`, {
      description: 'first',
      tags: { stage: 'yes', 'a/b': 'c' },
    });
    await registry.createModelVersion('wine', `runs:/${gone}/model`);
    await registry.createModelVersion('wine', `runs:/${kept}/other`);
    await registry.createModelVersion('wine', `runs:/${kept}/model`, { description: 'again' });
    await registry.deleteModelVersion('wine', 3);
    await registry.updateModelVersion('wine', 1, 'first, edited');
    await registry.setRegisteredModelAlias('wine', 'champion', 1);
    await registry.setRegisteredModelAlias('wine', 'challenger', 2);
    await registry.createModelVersion('twice', `runs:/${kept}/model`);
    await registry.createModelVersion('twice', `runs:/${kept}/model`);
    await registry.createModelVersion('elsewhere', `runs:/${'0'.repeat(32)}/model`);
    return registry;
  }

  it("writes mlruns/models/ as MLflow's file-based registry, field by field", async () => {
    const mlflow = fresh();
    const { kept, gone } = await seed(mlflow);
    const registry = await seedRegistry(kept, gone);
    const files = unzipSync(await exportMlruns(mlflow.client(), { runIds: [kept], registry }));
    const text = (p: string) => strFromU8(files[p]!);
    // Only models with a version of an exported run, only those versions, only aliases naming them.
    expect(
      Object.keys(files)
        .filter((p) => p.startsWith('mlruns/models/'))
        .sort(),
    ).toEqual([
      'mlruns/models/twice/meta.yaml',
      'mlruns/models/twice/version-1/meta.yaml',
      'mlruns/models/twice/version-2/meta.yaml',
      'mlruns/models/wine/aliases/champion',
      'mlruns/models/wine/meta.yaml',
      'mlruns/models/wine/tags/nested/key',
      'mlruns/models/wine/tags/team',
      'mlruns/models/wine/version-1/meta.yaml',
      'mlruns/models/wine/version-1/tags/a/b',
      'mlruns/models/wine/version-1/tags/stage',
      'mlruns/models/wine/version-4/meta.yaml',
    ]);
    const model = await registry.getRegisteredModel('wine');
    // dict(RegisteredModel) less tags and latest_versions; aliases as MLflow re-saves them (alias → str(version)).
    const meta = parse(text('mlruns/models/wine/meta.yaml'), { version: '1.1' });
    expect(Object.keys(meta)).toEqual([
      'aliases',
      'creation_timestamp',
      'description',
      'last_updated_timestamp',
      'name',
    ]);
    expect(meta).toEqual({
      aliases: { champion: '1' },
      creation_timestamp: model.creationTimestamp,
      description: 'Red wine quality',
      last_updated_timestamp: model.lastUpdatedTimestamp,
      name: 'wine',
    });
    expect(text('mlruns/models/wine/aliases/champion')).toBe('1'); // write_to(alias_path, str(version))
    expect(text('mlruns/models/wine/tags/team')).toBe('ml');
    expect(text('mlruns/models/wine/tags/nested/key')).toBe('x');
    expect(text('mlruns/models/wine/version-1/tags/stage')).toBe('yes');
    expect(text('mlruns/models/wine/version-1/tags/a/b')).toBe('c');
    // FileModelVersion's dict less tags, aliases, metrics and params.
    const v1 = await registry.getModelVersion('wine', 1);
    const version = parse(text('mlruns/models/wine/version-1/meta.yaml'), { version: '1.1' });
    expect(Object.keys(version)).toEqual([
      'creation_timestamp',
      'current_stage',
      'description',
      'last_updated_timestamp',
      'name',
      'run_id',
      'run_link',
      'source',
      'status',
      'status_message',
      'storage_location',
      'user_id',
      'version',
    ]);
    expect(version).toEqual({
      creation_timestamp: v1.creationTimestamp,
      current_stage: 'None',
      description: 'first, edited',
      last_updated_timestamp: v1.lastUpdatedTimestamp,
      name: 'wine',
      run_id: kept,
      run_link: null,
      source: `runs:/${kept}/model`,
      status: 'READY',
      status_message: null,
      storage_location: `runs:/${kept}/model`,
      user_id: 'ada',
      version: 1,
    });
    expect(v1.lastUpdatedTimestamp).toBeGreaterThan(v1.creationTimestamp);
    // As PyYAML writes them: the version an integer, the stage the plain string None, the absent fields null.
    expect(text('mlruns/models/wine/version-1/meta.yaml')).toMatch(/^version: 1$/m);
    expect(text('mlruns/models/wine/version-1/meta.yaml')).toMatch(/^current_stage: None$/m);
    expect(text('mlruns/models/wine/version-1/meta.yaml')).toMatch(/^run_link: null$/m);
    expect(parse(text('mlruns/models/wine/version-4/meta.yaml'))).toMatchObject({
      version: 4,
      description: 'again',
      source: `runs:/${kept}/model`,
    });
    expect(parse(text('mlruns/models/twice/meta.yaml')).aliases).toEqual({});
    // Without a registry, no models/ folder.
    expect(
      Object.keys(unzipSync(await exportMlruns(mlflow.client()))).some((p) => p.startsWith('mlruns/models/')),
    ).toBe(false);
  });

  it('round-trips models, versions, tags and aliases, and importing again adds nothing', async () => {
    const source = fresh();
    const { kept, gone } = await seed(source);
    const registry = await seedRegistry(kept, gone);
    const zip = await exportMlruns(source.client(), { registry });
    const target = fresh();
    const local = newRegistry();
    const report = await importMlruns(target.client(), zip, { registry: local });
    expect(report.problems).toEqual([]);
    expect(report.modelsCreated).toEqual(['twice', 'wine']);
    // The archive's wine versions 1, 2 and 4 (3 was deleted) become 1, 2 and 3 here.
    expect(report.modelVersionsImported).toEqual(['twice/1', 'twice/2', 'wine/1', 'wine/2', 'wine/3']);
    const a = await registry.getRegisteredModel('wine');
    const b = await local.getRegisteredModel('wine');
    expect(b).toEqual({ ...a, aliases: { champion: '1', challenger: '2' } });
    const strip = ({ version: _v, aliases: _a, ...rest }: { version: string; aliases: string[] }) => rest;
    for (const [from, to] of [
      [1, 1],
      [2, 2],
      [4, 3],
    ] as const) {
      const [va, vb] = [await registry.getModelVersion('wine', from), await local.getModelVersion('wine', to)];
      expect(strip(vb)).toEqual(strip(va)); // source, run id, description, tags, user, status, timestamps
      expect(vb.aliases).toEqual(va.aliases);
    }
    expect((await local.getModelVersion('wine', 1)).tags).toEqual({ stage: 'yes', 'a/b': 'c' });
    expect((await local.getModelVersionByAlias('wine', 'champion')).source).toBe(`runs:/${kept}/model`);
    expect((await local.getModelVersionByAlias('wine', 'challenger')).runId).toBe(gone);
    expect((await local.searchModelVersions("name='twice'")).map((v) => v.source)).toEqual([
      `runs:/${kept}/model`,
      `runs:/${kept}/model`,
    ]);
    await expect(local.getRegisteredModel('elsewhere')).rejects.toThrow();

    // Again: every version matches one here (by source and run id), nothing is written.
    const before = { models: await local.searchRegisteredModels(), versions: await local.searchModelVersions() };
    const again = await importMlruns(target.client(), zip, { registry: local });
    expect(again.modelsCreated).toEqual([]);
    expect(again.modelVersionsImported).toEqual([]);
    expect(again.modelVersionsSkipped).toEqual(['twice/1', 'twice/2', 'wine/1', 'wine/2', 'wine/3']);
    expect(again.problems).toEqual([]);
    expect({ models: await local.searchRegisteredModels(), versions: await local.searchModelVersions() }).toEqual(
      before,
    );

    // What was changed here wins (a moved alias stays, reported), and a version new in the archive is added.
    await local.setRegisteredModelAlias('wine', 'champion', 3);
    await registry.createModelVersion('wine', `runs:/${kept}/third`);
    const third = await importMlruns(target.client(), await exportMlruns(source.client(), { registry }), {
      registry: local,
    });
    expect(third.modelVersionsImported).toEqual(['wine/4']);
    expect(third.problems).toEqual(["Registered model wine: alias 'champion' already names version 3 here; kept."]);
    expect((await local.getRegisteredModel('wine')).aliases).toEqual({ champion: '3', challenger: '2' });
    expect((await local.getModelVersion('wine', 4)).source).toBe(`runs:/${kept}/third`);
  });

  it('leaves the registry alone without a registry client, saying so', async () => {
    const source = fresh();
    const { kept, gone } = await seed(source);
    const zip = await exportMlruns(source.client(), { registry: await seedRegistry(kept, gone) });
    const report = await importMlruns(fresh().client(), zip);
    expect(report.runsImported.sort()).toEqual([kept, gone].sort());
    expect(report.problems).toEqual([
      'The archive holds 2 registered models (mlruns/models/); not imported without a registry.',
    ]);
  });

  it('imports a registry folder as MLflow writes it', async () => {
    const run = 'ef'.repeat(16);
    const models = 'home/u/mlruns/models';
    // MLflow 2.x (alias names in a version's meta.yaml, description and user_id null) and 3.x (model_id,
    // deployment_job_state) fields; version 2 deleted (its folder kept, current_stage Deleted_Internal).
    const version = (n: number, extra: string, stage = 'None') =>
      `creation_timestamp: ${1700000000000 + n}\ncurrent_stage: ${stage}\ndescription: ` +
      `null\nlast_updated_timestamp: ${1700000100000 + n}\nname: wine\nrun_id: ${run}\nrun_link: null\nsource: ` +
      `runs:/${run}/model\nstatus: READY\nstatus_message: null\nstorage_location: runs:/${run}/model\nuser_id: ` +
      `null\nversion: ${n}\n${extra}`;
    const zip = zipSync({
      'home/u/mlruns/0/meta.yaml': strToU8(
        "artifact_location: file:///home/u/mlruns/0\nexperiment_id: '0'\nlifecycle_stage: active\nname: Default\n",
      ),
      [`home/u/mlruns/0/${run}/meta.yaml`]: strToU8(
        `artifact_uri: file:///home/u/mlruns/0/${run}/artifacts\nend_time: 1700000005000\nexperiment_id: ` +
          `'0'\nlifecycle_stage: active\nrun_id: ${run}\nrun_name: py-run\nrun_uuid: ${run}\nsource_type: ` +
          `4\nstart_time: 1700000000000\nstatus: 3\ntags: []\nuser_id: ada\n`,
      ),
      [`${models}/wine/meta.yaml`]: strToU8(
        "aliases:\n  champion: '3'\ncreation_timestamp: 1700000000000\ndeployment_job_id: " +
          'null\ndeployment_job_state: null\ndescription: Red wine\nlast_updated_timestamp: 1700000200000\nname: ' +
          'wine\n',
      ),
      [`${models}/wine/tags/team`]: strToU8('ml'),
      [`${models}/wine/aliases/champion`]: strToU8('3'),
      [`${models}/wine/version-1/meta.yaml`]: strToU8(version(1, 'aliases: []\n')),
      [`${models}/wine/version-1/tags/validated`]: strToU8('true'),
      [`${models}/wine/version-2/meta.yaml`]: strToU8(version(2, 'aliases: []\n', 'Deleted_Internal')),
      [`${models}/wine/version-3/meta.yaml`]: strToU8(
        version(3, 'deployment_job_state: null\nmodel_id: null\n', 'Archived'),
      ),
      // PyYAML quotes a name that YAML 1.1 would read as another type.
      [`${models}/yes/meta.yaml`]: strToU8(
        "aliases: {}\ncreation_timestamp: 1700000000000\ndescription: ''\nlast_updated_timestamp: " +
          "1700000000000\nname: 'yes'\n",
      ),
      'home/u/mlruns/.trash/': new Uint8Array(),
    });
    const mlflow = fresh();
    const registry = newRegistry();
    const report = await importMlruns(mlflow.client(), zip, { registry });
    expect(report.problems).toEqual([]);
    expect(report.runsImported).toEqual([run]);
    expect(report.experimentsCreated).toEqual([]);
    expect(report.modelsCreated).toEqual(['wine', 'yes']);
    expect(await registry.getRegisteredModel('wine')).toEqual({
      name: 'wine',
      creationTimestamp: 1700000000000,
      lastUpdatedTimestamp: 1700000200000,
      description: 'Red wine',
      tags: { team: 'ml' },
      aliases: { champion: '2' },
    });
    expect(await registry.getModelVersion('wine', 1)).toEqual({
      name: 'wine',
      version: '1',
      creationTimestamp: 1700000000001,
      lastUpdatedTimestamp: 1700000100001,
      description: '',
      userId: 'unknown',
      source: `runs:/${run}/model`,
      runId: run,
      status: 'READY',
      tags: { validated: 'true' },
      aliases: [],
    });
    expect(await registry.getModelVersion('wine', 2)).toMatchObject({
      creationTimestamp: 1700000000003,
      aliases: ['champion'],
      tags: {},
    });
    await expect(registry.getModelVersion('wine', 3)).rejects.toThrow();
    expect(await registry.getRegisteredModel('yes')).toMatchObject({ name: 'yes', description: '', aliases: {} });
    // A registry-only archive is enough.
    const only = zipSync(Object.fromEntries(Object.entries(unzipSync(zip)).filter(([p]) => p.startsWith(models))));
    const second = newRegistry();
    expect((await importMlruns(fresh().client(), only, { registry: second })).modelVersionsImported).toEqual([
      'wine/1',
      'wine/2',
    ]);
  });

  it("loads by alias the models of a folder MLflow wrote, its versions' sources file:/// paths into it", async () => {
    const withModels = () => {
      const fluent = fresh();
      return Object.assign(fluent, modelApi(fluent));
    };
    const rows = [
      [1, 2],
      [2, 1],
      [3, 5],
      [4, 4],
      [5, 7],
    ];
    const model = new Ridge({ alpha: 0.5 }).fit(rows, [1, 2, 3, 4, 5]);
    const teammate = withModels();
    await teammate.setExperiment('wine');
    const run = await teammate.startRun({}, async (r) => {
      await teammate.logModel(model, 'model');
      return r.info.runId;
    });
    const files = unzipSync(await exportMlruns(teammate.client()));
    const expDir = Object.keys(files)
      .find((p) => p.endsWith(`/${run}/meta.yaml`))!
      .split('/')[1]!;
    // MLflow 2.x's register_model on a file store: the version's source and storage location are the
    // run's artifact folder as a file URI on the teammate's machine.
    const source = `file:///home/ada/mlruns/${expDir}/${run}/artifacts/model`;
    const models = 'mlruns/models';
    Object.assign(files, {
      [`${models}/wine/meta.yaml`]: strToU8(
        'creation_timestamp: 1700000000000\ndescription: null\nlast_updated_timestamp: 1700000100000\nname: wine\n',
      ),
      [`${models}/wine/aliases/champion`]: strToU8('1'),
      [`${models}/wine/version-1/meta.yaml`]: strToU8(
        `creation_timestamp: 1700000000000\ncurrent_stage: None\ndescription: null\nlast_updated_timestamp: ` +
          `1700000000000\nname: wine\nrun_id: ${run}\n` +
          `run_link: null\nsource: ${source}\nstatus: READY\nstatus_message: ` +
          `null\nstorage_location: ${source}\nuser_id: null\nversion: 1\n`,
      ),
    });
    const browser = withModels();
    try {
      const report = await importMlruns(browser.client(), zipSync(files), { registry: browser.registry() });
      expect(report.problems).toEqual([]);
      expect(report.modelVersionsImported).toEqual(['wine/1']);
      expect((await browser.getModelVersionByAlias('wine', 'champion')).source).toBe(source);
      const loaded = await browser.loadModel('models:/wine@champion');
      expect(Array.from((await loaded.predict(rows)) as ArrayLike<number>)).toEqual(Array.from(model.predict(rows)));
      expect(loaded.metadata).toMatchObject({ runId: run, artifactPath: 'model' });
    } finally {
      await closeRegistryStores();
    }
  });
});

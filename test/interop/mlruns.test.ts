// The MLflow file-store export: layout and fields as MLflow's FileStore writes them, and a round trip
// through the importer (also for a folder as MLflow itself writes it).
import { afterEach, describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { parse } from 'yaml';
import { Fluent } from '../../src/tracking/fluent';
import { closeStores } from '../../src/tracking/uri';
import { exportMlruns } from '../../src/interop/mlruns/export';
import { importMlruns } from '../../src/interop/mlruns/import';
import { pyFloat } from '../../src/interop/mlruns/format';

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
    return run.info.runId;
  });
  const gone = await mlflow.startRun({ runName: 'gone' }, async (run) => run.info.runId);
  await mlflow.deleteRun(gone);
  return { kept, gone };
}

describe('Python float repr', () => {
  it('writes floats as MLflow (Python) does', () => {
    expect([3, 0.5, 1e-4, 1e-5, 1.5e16, 123456.789, NaN, Infinity, -Infinity, 0].map(pyFloat)).toEqual([
      '3.0', '0.5', '0.0001', '1e-05', '1.5e+16', '123456.789', 'nan', 'inf', '-inf', '0.0',
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
    expect(Object.keys(expMeta).sort()).toEqual(['artifact_location', 'creation_time', 'experiment_id', 'last_update_time', 'lifecycle_stage', 'name']);
    expect(expMeta).toMatchObject({ experiment_id: '1', name: 'wine', lifecycle_stage: 'active', artifact_location: './mlruns/1' });
    const runMeta = parse(text(`mlruns/1/${kept}/meta.yaml`));
    expect(Object.keys(runMeta).sort()).toEqual([
      'artifact_uri', 'end_time', 'entry_point_name', 'experiment_id', 'lifecycle_stage', 'run_id', 'run_name', 'run_uuid',
      'source_name', 'source_type', 'source_version', 'start_time', 'status', 'tags', 'user_id',
    ]);
    expect(runMeta).toMatchObject({ run_id: kept, run_uuid: kept, run_name: 'enet', experiment_id: '1', status: 3, source_type: 4, tags: [], lifecycle_stage: 'active' });
    expect(text(`mlruns/1/${kept}/metrics/loss`)).toBe('1000 0.5 0\n1001 1e-05 1\n1002 nan 2\n');
    expect(text(`mlruns/1/${kept}/params/alpha`)).toBe('0.02');
    expect(text(`mlruns/1/${kept}/params/nested/key`)).toBe('x');
    expect(text(`mlruns/1/${kept}/tags/team`)).toBe('ml');
    expect(text(`mlruns/1/${kept}/tags/mlflow.runName`)).toBe('enet');
    expect(text(`mlruns/1/${kept}/artifacts/notes/hello.txt`)).toBe('hello');
    expect(parse(text(`mlruns/1/${gone}/meta.yaml`)).lifecycle_stage).toBe('deleted');
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
      'export/mlruns/0/meta.yaml': strToU8("artifact_location: file:///home/u/mlruns/0\nexperiment_id: '0'\nlifecycle_stage: active\nname: Default\n"),
      [`export/mlruns/0/${run}/meta.yaml`]: strToU8(
        `artifact_uri: file:///home/u/mlruns/0/${run}/artifacts\nend_time: 1700000005000\nentry_point_name: ''\nexperiment_id: '0'\nlifecycle_stage: active\nrun_id: ${run}\nrun_name: py-run\nrun_uuid: ${run}\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: 1700000000000\nstatus: 4\ntags: []\nuser_id: ada\n`,
      ),
      [`export/mlruns/0/${run}/metrics/rmse`]: strToU8('1700000001000 0.75 0\n1700000002000 7e-05 1\n'),
      [`export/mlruns/0/${run}/params/alpha`]: strToU8('0.5'),
      [`export/mlruns/0/${run}/tags/mlflow.user`]: strToU8('ada'),
      'export/mlruns/.trash/': new Uint8Array(),
    });
    const mlflow = fresh();
    const report = await importMlruns(mlflow.client(), zip);
    expect(report.runsImported).toEqual([run]);
    const got = await mlflow.getRun(run);
    expect(got.info).toMatchObject({ runName: 'py-run', status: 'FAILED', startTime: 1700000000000, endTime: 1700000005000, userId: 'ada' });
    expect(got.data.params).toEqual({ alpha: '0.5' });
    expect(got.data.metrics.rmse).toBe(7e-5);
    expect((await mlflow.getMetricHistory(run, 'rmse')).map((m) => m.step)).toEqual([0, 1]);
  });

  it('refuses something that is not an mlruns zip, saying what it expected', async () => {
    const mlflow = fresh();
    await expect(importMlruns(mlflow.client(), strToU8('not a zip'))).rejects.toThrow('not a readable zip archive');
    await expect(importMlruns(mlflow.client(), zipSync({ 'a.txt': strToU8('x') }))).rejects.toThrow('No mlruns/ folder in this archive');
  });
});

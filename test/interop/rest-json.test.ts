// MLflow's protobuf-JSON as servers send it — int64 fields as strings, non-finite doubles spelled out,
// empty lists and strings left out — read into Kiroku's entities.
import { describe, expect, it } from 'vitest';
import { experimentFromJson, metricFromJson, modelVersionFromJson, registeredModelFromJson, runFromJson } from '../../src/interop/rest/json';

describe('REST JSON → entities', () => {
  it('reads a run with int64 strings, "NaN" / "Infinity" metrics, and absent lists', () => {
    const run = runFromJson({
      info: { run_uuid: 'abc', experiment_id: 3, status: 'FINISHED', start_time: '1700000000000', end_time: '1700000000500', artifact_uri: 'mlflow-artifacts:/3/abc/artifacts', lifecycle_stage: 'active' },
      data: {
        metrics: [{ key: 'loss', value: 'NaN', timestamp: '1700000000100', step: '2' }, { key: 'gain', value: 'Infinity', timestamp: 1, step: 0 }],
        tags: [{ key: 'mlflow.runName', value: 'enet' }],
      },
    });
    expect(run.info).toEqual({
      runId: 'abc', runName: 'enet', experimentId: '3', userId: '', status: 'FINISHED', startTime: 1700000000000, endTime: 1700000000500,
      artifactUri: 'mlflow-artifacts:/3/abc/artifacts', lifecycleStage: 'active',
    });
    expect(run.data.params).toEqual({});
    expect(Number.isNaN(run.data.metrics.loss)).toBe(true);
    expect(run.data.metrics.gain).toBe(Infinity);
    expect(run.inputs.datasetInputs).toEqual([]);
    expect(metricFromJson({ key: 'loss', value: '-Infinity', timestamp: '5', step: '7' })).toEqual({ key: 'loss', value: -Infinity, timestamp: 5, step: 7 });
  });

  it('leaves endTime null for a run still running, and reads dataset inputs', () => {
    const run = runFromJson({
      info: { run_id: 'r', experiment_id: '0', status: 'RUNNING', start_time: 10 },
      inputs: { dataset_inputs: [{ tags: [{ key: 'mlflow.data.context', value: 'train' }], dataset: { name: 'wine', digest: 'ab12cd34', source_type: 'local', source: 'wine.csv' } }] },
    });
    expect(run.info.endTime).toBeNull();
    expect(run.inputs.datasetInputs).toEqual([{ dataset: { name: 'wine', digest: 'ab12cd34', sourceType: 'local', source: 'wine.csv' }, tags: { 'mlflow.data.context': 'train' } }]);
  });

  it('reads experiments, registered models and versions with their defaults', () => {
    expect(experimentFromJson({ experiment_id: '0', name: 'Default', creation_time: '7' })).toEqual({
      experimentId: '0', name: 'Default', artifactLocation: '', lifecycleStage: 'active', tags: {}, creationTime: 7, lastUpdateTime: 7,
    });
    expect(registeredModelFromJson({ name: 'wine', creation_timestamp: '5', aliases: [{ alias: 'champion', version: 2 }] })).toEqual({
      name: 'wine', creationTimestamp: 5, lastUpdatedTimestamp: 5, description: '', tags: {}, aliases: { champion: '2' },
    });
    expect(modelVersionFromJson({ name: 'wine', version: 2, creation_timestamp: 9, source: 'runs:/r/model', run_id: '', aliases: ['champion'] })).toMatchObject({
      version: '2', runId: null, status: 'READY', tags: {}, aliases: ['champion'], lastUpdatedTimestamp: 9,
    });
  });
});

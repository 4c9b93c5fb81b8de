// MLflow's protobuf-JSON as servers send it — int64 fields as strings, non-finite doubles spelled out,
// empty lists and strings left out — read into Kiroku's entities.
import { describe, expect, it } from 'vitest';
import {
  experimentFromJson,
  metricFromJson,
  modelVersionFromJson,
  registeredModelFromJson,
  runFromJson,
} from '../../src/interop/rest/json';

describe('REST JSON → entities', () => {
  it('reads a run with int64 strings, "NaN" / "Infinity" metrics, and absent lists', () => {
    const run = runFromJson({
      info: {
        run_uuid: 'abc',
        experiment_id: 3,
        status: 'FINISHED',
        start_time: '1700000000000',
        end_time: '1700000000500',
        artifact_uri: 'mlflow-artifacts:/3/abc/artifacts',
        lifecycle_stage: 'active',
      },
      data: {
        metrics: [
          { key: 'loss', value: 'NaN', timestamp: '1700000000100', step: '2' },
          { key: 'gain', value: 'Infinity', timestamp: 1, step: 0 },
        ],
        tags: [{ key: 'mlflow.runName', value: 'enet' }],
      },
    });
    expect(run.info).toEqual({
      runId: 'abc',
      runName: 'enet',
      experimentId: '3',
      userId: '',
      status: 'FINISHED',
      startTime: 1700000000000,
      endTime: 1700000000500,
      artifactUri: 'mlflow-artifacts:/3/abc/artifacts',
      lifecycleStage: 'active',
    });
    expect(run.data.params).toEqual({});
    expect(Number.isNaN(run.data.metrics.loss)).toBe(true);
    expect(run.data.metrics.gain).toBe(Infinity);
    expect(run.inputs.datasetInputs).toEqual([]);
    expect(metricFromJson({ key: 'loss', value: '-Infinity', timestamp: '5', step: '7' })).toEqual({
      key: 'loss',
      value: -Infinity,
      timestamp: 5,
      step: 7,
    });
  });

  it('leaves endTime null for a run still running, and reads dataset inputs', () => {
    const run = runFromJson({
      info: { run_id: 'r', experiment_id: '0', status: 'RUNNING', start_time: 10 },
      inputs: {
        dataset_inputs: [
          {
            tags: [{ key: 'mlflow.data.context', value: 'train' }],
            dataset: { name: 'wine', digest: 'ab12cd34', source_type: 'local', source: 'wine.csv' },
          },
        ],
      },
    });
    expect(run.info.endTime).toBeNull();
    expect(run.inputs.datasetInputs).toEqual([
      {
        dataset: { name: 'wine', digest: 'ab12cd34', sourceType: 'local', source: 'wine.csv' },
        tags: { 'mlflow.data.context': 'train' },
      },
    ]);
  });

  it('reads experiments, registered models and versions with their defaults', () => {
    expect(experimentFromJson({ experiment_id: '0', name: 'Default', creation_time: '7' })).toEqual({
      experimentId: '0',
      name: 'Default',
      artifactLocation: '',
      lifecycleStage: 'active',
      tags: {},
      creationTime: 7,
      lastUpdateTime: 7,
    });
    expect(
      registeredModelFromJson({ name: 'wine', creation_timestamp: '5', aliases: [{ alias: 'champion', version: 2 }] }),
    ).toEqual({
      name: 'wine',
      creationTimestamp: 5,
      lastUpdatedTimestamp: 5,
      description: '',
      tags: {},
      aliases: { champion: '2' },
    });
    expect(
      modelVersionFromJson({
        name: 'wine',
        version: 2,
        creation_timestamp: 9,
        source: 'runs:/r/model',
        run_id: '',
        aliases: ['champion'],
      }),
    ).toMatchObject({
      version: '2',
      runId: null,
      status: 'READY',
      tags: {},
      aliases: ['champion'],
      lastUpdatedTimestamp: 9,
    });
  });

  it('reads a field of the wrong type as missing, so no odd value reaches a view', () => {
    for (const bad of ['abc', 'NaN', {}, [], true, -5, 1.5, 1e20, 'Infinity']) {
      const run = runFromJson({ info: { run_id: 'r', experiment_id: '1', start_time: bad, end_time: bad } });
      expect(run.info.startTime, JSON.stringify(bad)).toBe(0);
      expect(run.info.endTime, JSON.stringify(bad)).toBeNull();
      expect(
        experimentFromJson({ experiment_id: '1', name: 'e', creation_time: bad, last_update_time: bad }),
      ).toMatchObject({ creationTime: 0, lastUpdateTime: 0 });
      expect(metricFromJson({ key: 'k', value: 1, timestamp: bad, step: 2 })).toEqual({
        key: 'k',
        value: 1,
        timestamp: 0,
        step: 2,
      });
    }
    for (const bad of ['abc', {}, true, 1.5, 1e20])
      expect(metricFromJson({ key: 'k', value: 1, timestamp: 3, step: bad }).step, JSON.stringify(bad)).toBe(0);
    // MLflow's steps may be negative
    expect(metricFromJson({ key: 'k', value: 1, timestamp: 3, step: '-5' }).step).toBe(-5);
    // Strings and lists of the wrong shape: strings stay strings, lists stay lists.
    const odd = runFromJson({
      info: {
        run_id: 7,
        experiment_id: { id: 1 },
        run_name: ['x'],
        status: 'DONE',
        user_id: null,
        artifact_uri: 5,
        lifecycle_stage: 'gone',
      },
      data: { params: 'a=1', tags: [null, 1, { key: 'k', value: 2 }, { key: 5, value: 'x' }], metrics: { loss: 1 } },
      inputs: { dataset_inputs: [{ dataset: { name: 1, schema: {} } }] },
    });
    expect(odd.info).toEqual({
      runId: '7',
      runName: '',
      experimentId: '',
      userId: '',
      status: 'RUNNING',
      startTime: 0,
      endTime: null,
      artifactUri: '5',
      lifecycleStage: 'active',
    });
    expect(odd.data).toEqual({ params: {}, metrics: {}, tags: { k: '2' } });
    expect(odd.inputs.datasetInputs).toEqual([
      { dataset: { name: '1', digest: '', sourceType: '', source: '' }, tags: {} },
    ]);
    expect(runFromJson(null).info.runId).toBe('');
    expect(runFromJson({ info: { status: 3 } }).info.status).toBe('FINISHED'); // protobuf's enum number
    expect(
      registeredModelFromJson({ name: 'm', aliases: [null, { alias: 'a', version: 1 }], creation_timestamp: 'x' }),
    ).toMatchObject({ aliases: { a: '1' }, creationTimestamp: 0 });
    expect(modelVersionFromJson({ name: 'm', version: '1', aliases: ['a', 1, null] }).aliases).toEqual(['a']);
  });
});

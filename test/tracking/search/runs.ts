// A handful of hand-built runs covering every field the search grammar reads, with the gaps
// (missing metrics, params, tags, end time, dataset context) that the missing-value rules are about.

import type { DatasetInput, Run, RunStatus } from '../../../src/tracking/entities';
import { compileFilter } from '../../../src/tracking/search';

interface RunSpec {
  runId: string;
  runName: string;
  status: RunStatus;
  startTime: number;
  endTime: number | null;
  userId: string;
  metrics?: Record<string, number>;
  params?: Record<string, string>;
  tags?: Record<string, string>;
  datasets?: { name: string; digest: string; context?: string }[];
}

export function makeRun(spec: RunSpec): Run {
  const datasetInputs = (spec.datasets ?? []).map(
    (d): DatasetInput => ({
      dataset: { name: d.name, digest: d.digest, sourceType: 'local', source: `file:///${d.name}.csv` },
      tags: d.context === undefined ? {} : { 'mlflow.data.context': d.context },
    }),
  );
  return {
    info: {
      runId: spec.runId,
      runName: spec.runName,
      experimentId: '0',
      userId: spec.userId,
      status: spec.status,
      startTime: spec.startTime,
      endTime: spec.endTime,
      artifactUri: `indexeddb:///0/${spec.runId}/artifacts`,
      lifecycleStage: 'active',
    },
    data: { metrics: spec.metrics ?? {}, params: spec.params ?? {}, tags: spec.tags ?? {} },
    inputs: { datasetInputs },
  };
}

export const RUNS: Run[] = [
  makeRun({
    runId: 'a1',
    runName: 'train-elastic',
    status: 'FINISHED',
    startTime: 1000,
    endTime: 2000,
    userId: 'alice',
    metrics: { rmse: 0.5, training_r2_score: 0.4, 'f1 score': 0.9 },
    params: { alpha: '0.02', l1_ratio: '0.5' },
    tags: { 'mlflow.runName': 'train-elastic', team: 'Vision' },
    datasets: [{ name: 'wine', digest: 'abc123', context: 'train' }],
  }),
  makeRun({
    runId: 'b2',
    runName: 'train_linear',
    status: 'RUNNING',
    startTime: 3000,
    endTime: null,
    userId: 'bob',
    metrics: { rmse: 0.8, training_r2_score: 0.2 },
    params: { alpha: '0.5' },
    tags: { team: 'nlp', note: '50% off\nsecond line' },
    datasets: [
      { name: 'wine', digest: 'def456', context: 'eval' },
      { name: 'iris', digest: '0f0f', context: 'train' },
    ],
  }),
  makeRun({
    runId: 'c3',
    runName: 'eval.run',
    status: 'FAILED',
    startTime: 2000,
    endTime: 2500,
    userId: 'alice',
    metrics: { rmse: Number.NaN },
    datasets: [{ name: 'wine', digest: 'abc123' }],
  }),
  makeRun({
    runId: 'd4',
    runName: 'Train-MLP',
    status: 'FINISHED',
    startTime: 3000,
    endTime: 4000,
    userId: 'carol',
    metrics: { rmse: 0.3, training_r2_score: 0.9, 'f1 score': 0.7 },
    params: { alpha: '0.02', hidden: '64' },
    tags: { team: 'vision' },
  }),
];

/** Ids of the runs a filter keeps, in RUNS order. */
export function matching(filter: string | undefined, runs: Run[] = RUNS): string[] {
  const keep = compileFilter(filter);
  return runs.filter(keep).map((run) => run.info.runId);
}

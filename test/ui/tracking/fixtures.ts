// Runs for the UI's unit tests, built as the client builds them.
import type { Run } from '../../../src/tracking/entities';

let seq = 0;

export function makeRun(
  p: {
    id?: string;
    name?: string;
    start?: number;
    end?: number | null;
    params?: Record<string, string>;
    metrics?: Record<string, number>;
    tags?: Record<string, string>;
    parent?: string;
    status?: Run['info']['status'];
  } = {},
): Run {
  const runId = p.id ?? `run${++seq}`;
  const tags = { ...(p.tags ?? {}), ...(p.parent ? { 'mlflow.parentRunId': p.parent } : {}) };
  return {
    info: {
      runId,
      runName: p.name ?? runId,
      experimentId: '1',
      userId: 'ann',
      status: p.status ?? 'FINISHED',
      startTime: p.start ?? 1000,
      endTime: p.end === undefined ? (p.start ?? 1000) + 500 : p.end,
      artifactUri: `indexeddb:/1/${runId}/artifacts`,
      lifecycleStage: 'active',
    },
    data: { params: p.params ?? {}, metrics: p.metrics ?? {}, tags },
    inputs: { datasetInputs: [] },
  };
}

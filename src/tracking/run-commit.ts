// What commitRun takes — everything a run recorded at once changes (autolog after a fit, an mlruns
// import) — checked with MLflow's rules and turned into the store's one-transaction RunChange.
import { now } from '../lib/time';
import { type ArtifactData, storedArtifact } from './artifact-data';
import type { DatasetInput, Metric, Run, RunStatus } from './entities';
import type { RunChange } from './store';
import { validateRunTime, validateStatus, validBatch } from './validation';

export interface RunRecord {
  params?: Record<string, unknown>;
  metrics?: Record<string, number>;
  tags?: Record<string, unknown>;
  inputs?: DatasetInput[];
  artifacts?: Array<{ path: string; data: ArtifactData; contentType?: string }>;
  /** Metric points with their own steps and times (a whole history), besides `metrics`. */
  history?: Metric[];
  end?: { status: RunStatus; endTime?: number | null };
  lifecycleStage?: 'active' | 'deleted';
  /** The artifacts are copied from an archive: they keep their paths (MLflow's rules hold what is newly logged). */
  copied?: boolean;
}

/**
 * The store's change for `record`, validated as the single logging calls are (an invalid record throws
 * before anything is written), with its files staged; `create` is a run from buildRun to create first.
 */
export async function runChange(record: RunRecord, create?: Run): Promise<RunChange> {
  const ts = now();
  const batch = validBatch({
    params: Object.entries(record.params ?? {}).map(([key, value]) => ({ key, value })),
    metrics: [
      ...Object.entries(record.metrics ?? {}).map(([key, value]) => ({ key, value, step: 0, timestamp: ts })),
      ...(record.history ?? []),
    ],
    tags: Object.entries(record.tags ?? {}).map(([key, value]) => ({ key, value })),
  });
  const { end, lifecycleStage } = record;
  if (end) validateStatus(end.status);
  if (end?.endTime != null) validateRunTime('end_time', end.endTime);
  const artifacts = await Promise.all(
    (record.artifacts ?? []).map((f) => storedArtifact(f.path, f.data, f.contentType, record.copied)),
  );
  return {
    ...(create ? { create } : {}),
    batch,
    ...(record.inputs?.length ? { inputs: record.inputs } : {}),
    ...(artifacts.length ? { artifacts } : {}),
    ...(end || lifecycleStage
      ? {
          info: {
            ...(end ? { status: end.status, endTime: end.endTime === undefined ? now() : end.endTime } : {}),
            ...(lifecycleStage ? { lifecycleStage } : {}),
          },
        }
      : {}),
  };
}

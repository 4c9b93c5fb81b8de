// Freeing space, as MLflow's `mlflow gc` does: runs in the deleted lifecycle stage (and every run of a
// deleted experiment) are deleted for good with their metric history, artifacts and logged models;
// and what uses the space, run by run, for the storage view. Only local stores can do either: a
// tracking server has its own `mlflow gc`.
import { TrackingError } from '../lib/errors';
import type { TrackingClient } from './client';
import type { Run } from './entities';
import { runNotFound } from './errors';
import type { PurgeResult } from './store';

/** Runs `purgeDeletedRuns` would purge: deleted runs, and every run of a deleted experiment. */
export async function deletedRuns(client: TrackingClient): Promise<Run[]> {
  const experiments = await client.store.listExperiments('ALL');
  const gone = new Set(experiments.filter((e) => e.lifecycleStage === 'deleted').map((e) => e.experimentId));
  const runs = await client.store.listRuns(
    experiments.map((e) => e.experimentId),
    'ALL',
  );
  return runs.filter((r) => r.info.lifecycleStage === 'deleted' || gone.has(r.info.experimentId));
}

/**
 * `mlflow gc` (all deleted runs, or those of `runIds`): a run that is not deleted is refused with
 * MLflow's message. Works on a full disk (the stores purge in delete-only transactions).
 */
export function purgeDeletedRuns(client: TrackingClient, options: { runIds?: string[] } = {}): Promise<PurgeResult> {
  // The client refuses a store that cannot purge, lets pending writes land, purges and announces.
  return client.purgeRuns(async () => {
    const deleted = (await deletedRuns(client)).map((r) => r.info.runId);
    if (!options.runIds) return deleted;
    const ids = new Set(deleted);
    for (const id of options.runIds) {
      if (ids.has(id)) continue;
      if (!(await client.store.getRun(id))) throw runNotFound(id);
      throw new TrackingError(
        `Run ${id} is not in \`deleted\` lifecycle stage. Only runs in \`deleted\` lifecycle stage can be deleted.`,
        'INVALID_PARAMETER_VALUE',
      );
    }
    return options.runIds;
  });
}

export interface RunUsage {
  run: Run;
  /** Bytes of the run's files. */
  artifactBytes: number;
  artifactFiles: number;
  /** Points of metric history (24 bytes each: step, value, timestamp). */
  metricPoints: number;
  /** Deleted, or in a deleted experiment: what a purge frees. */
  deleted: boolean;
}

/** What every run uses (files and metric history), largest first. */
export async function runUsage(client: TrackingClient): Promise<RunUsage[]> {
  const deleted = new Set((await deletedRuns(client)).map((r) => r.info.runId));
  const experiments = await client.store.listExperiments('ALL');
  const runs = await client.store.listRuns(
    experiments.map((e) => e.experimentId),
    'ALL',
  );
  const out: RunUsage[] = [];
  for (const run of runs) {
    const files = await client.store.listArtifactPaths(run.info.runId);
    const points = (await client.store.metricPointCount?.(run.info.runId)) ?? 0;
    out.push({
      run,
      artifactBytes: files.reduce((s, f) => s + f.size, 0),
      artifactFiles: files.length,
      metricPoints: points,
      deleted: deleted.has(run.info.runId),
    });
  }
  return out.sort((a, b) => b.artifactBytes + 24 * b.metricPoints - (a.artifactBytes + 24 * a.metricPoints));
}

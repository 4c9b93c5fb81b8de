// A new run as MLflow's create_run makes it: tags and name validated (a generated name when none is
// given), the user, a fresh id, the artifact URI under its experiment. It is not stored here: the
// client stores it at once (createRun) or with a whole fit's record in one transaction (commitRun).
import { TrackingError } from '../lib/errors';
import { newRunId } from '../lib/ids';
import { now } from '../lib/time';
import { type Experiment, type Run, type RunInfo, SYSTEM_TAGS } from './entities';
import { generateRunName } from './names';
import { validateRunName, validateRunTime, validTags } from './validation';

export type NewRunOptions = {
  runName?: string;
  tags?: Record<string, unknown>;
  startTime?: number;
  userId?: string;
  runId?: string;
};

/** A RUNNING run in `exp`, which must be active (MLflow's message otherwise). */
export function newRun(exp: Experiment, options: NewRunOptions = {}): Run {
  if (exp.lifecycleStage !== 'active') {
    throw new TrackingError(
      `The experiment ${exp.experimentId} must be in the 'active' state. Current state is deleted.`,
      'INVALID_STATE',
    );
  }
  if (options.startTime !== undefined) validateRunTime('start_time', options.startTime);
  const tags = validTags(options.tags ?? {});
  const runName = options.runName ?? tags[SYSTEM_TAGS.runName] ?? generateRunName();
  validateRunName(runName);
  tags[SYSTEM_TAGS.runName] = runName;
  const userId = options.userId ?? tags[SYSTEM_TAGS.user] ?? 'unknown';
  const runId = options.runId ?? newRunId();
  const info: RunInfo = {
    runId,
    runName,
    experimentId: exp.experimentId,
    userId,
    status: 'RUNNING',
    startTime: options.startTime ?? now(),
    endTime: null,
    artifactUri: `${exp.artifactLocation}/${runId}/artifacts`,
    lifecycleStage: 'active',
  };
  return { info, data: { params: {}, metrics: {}, tags }, inputs: { datasetInputs: [] } };
}

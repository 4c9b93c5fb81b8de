// Store-level failures shared by every TrackingStore, worded as MLflow's.
import { TrackingError } from '../lib/errors';

export const runNotFound = (runId: string) =>
  new TrackingError(`Run with id=${runId} not found`, 'RESOURCE_DOES_NOT_EXIST');

export const experimentNotFound = (id: string) =>
  new TrackingError(`No Experiment with id=${id} exists`, 'RESOURCE_DOES_NOT_EXIST');

export const experimentExists = (name: string) =>
  new TrackingError(`Experiment '${name}' already exists.`, 'RESOURCE_ALREADY_EXISTS');

export const artifactNotFound = (runId: string, path: string) =>
  new TrackingError(`No artifact '${path}' in run ${runId}`, 'RESOURCE_DOES_NOT_EXIST');

export const tagNotFound = (runId: string, key: string) =>
  new TrackingError(`No tag with name: ${key} in run with id ${runId}`, 'RESOURCE_DOES_NOT_EXIST');

/** The fluent API's wording (MLflow's `set_experiment` / `_get_experiment_id`). */
export const experimentIdNotFound = (id: string) =>
  new TrackingError(`Experiment with ID '${id}' does not exist.`, 'RESOURCE_DOES_NOT_EXIST');

export const deletedExperimentNotActive = (name: string) =>
  new TrackingError(
    `Cannot set a deleted experiment '${name}' as the active experiment. You can restore the experiment, or ` +
      `permanently delete the experiment to create a new one.`,
    'INVALID_PARAMETER_VALUE',
  );

/** MLflow's words (MlflowArtifactsRepository) for an `mlflow-artifacts:` URI read without a tracking server. */
export const artifactUriNeedsServer = (storeUri: string) =>
  new TrackingError(
    `When an mlflow-artifacts URI was supplied, the tracking URI must be a valid http or https URI, but it was ` +
      `currently set to ${storeUri}. ` +
      'Perhaps you forgot to set the tracking URI to the running MLflow server: ' +
      "mlflow.setTrackingUri('http://localhost:5000'), or Settings → Tracking server.",
    'INVALID_PARAMETER_VALUE',
  );

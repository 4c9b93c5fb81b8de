// Reading a run's value for an identifier, shared by filtering and sorting. A value the run does not
// have comes back as undefined: `run.data.metrics[key]` alone would find `constructor` and other
// Object.prototype members on a plain record, so each getter checks the type it expects.

import type { DatasetInput, Run } from '../entities';
import type { EntityType } from './ast';

export type RunValue = string | number | undefined;
export type Getter = (run: Run) => RunValue;

export function runGetter(entity: Exclude<EntityType, 'dataset'>, key: string): Getter {
  switch (entity) {
    case 'metric':
      return (run) => {
        const value = run.data.metrics[key];
        return typeof value === 'number' ? value : undefined;
      };
    case 'param':
      return (run) => {
        const value = run.data.params[key];
        return typeof value === 'string' ? value : undefined;
      };
    case 'tag':
      return (run) => {
        const value = run.data.tags[key];
        return typeof value === 'string' ? value : undefined;
      };
    case 'attribute':
      return attributeGetter(key);
  }
}

/** `key` is MLflow's canonical attribute name, already validated and de-aliased by the parser. */
function attributeGetter(key: string): Getter {
  switch (key) {
    case 'run_id':
      return (run) => run.info.runId;
    case 'run_name':
      return (run) => run.info.runName;
    case 'status':
      return (run) => run.info.status;
    case 'start_time':
      return (run) => run.info.startTime;
    // A running run has no end time yet: it is missing, like an unlogged metric.
    case 'end_time':
      return (run) => run.info.endTime ?? undefined;
    case 'artifact_uri':
      return (run) => run.info.artifactUri;
    case 'user_id':
      return (run) => run.info.userId;
    default:
      throw new Error(`unknown run attribute: "${key}"`);
  }
}

const CONTEXT_TAG = 'mlflow.data.context';

/** One field of a logged dataset input; a run matches a dataset clause if any of its inputs does. */
export function datasetField(key: string): (input: DatasetInput) => string | undefined {
  switch (key) {
    case 'name':
      return (input) => input.dataset.name;
    case 'digest':
      return (input) => input.dataset.digest;
    case 'context':
      return (input) => {
        const value = input.tags[CONTEXT_TAG];
        return typeof value === 'string' ? value : undefined;
      };
    default:
      throw new Error(`unknown dataset field: "${key}"`);
  }
}

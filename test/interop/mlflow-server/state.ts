// What the stand-in server keeps, in memory and open to tests: plain Maps of plain records, in the
// shape of MLflow's REST entities (snake_case), so a test can read or tweak them directly.

export type LifecycleStage = 'active' | 'deleted';

export interface ExperimentState {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: LifecycleStage;
  creation_time: number;
  last_update_time: number;
  tags: Map<string, string>;
}

export interface MetricPoint {
  key: string;
  /** NaN and ±Infinity arrive as protobuf's "NaN" / "Infinity" strings and are kept as numbers. */
  value: number;
  timestamp: number;
  step: number;
}

export interface RunInfoState {
  run_id: string;
  run_uuid: string;
  run_name: string;
  experiment_id: string;
  user_id: string;
  status: string;
  start_time: number;
  end_time?: number;
  artifact_uri: string;
  lifecycle_stage: LifecycleStage;
}

export interface DatasetInputState {
  dataset: { name: string; digest: string; source_type: string; source: string; schema?: string; profile?: string };
  tags?: Array<{ key: string; value: string }>;
}

export interface RunState {
  info: RunInfoState;
  params: Map<string, string>;
  tags: Map<string, string>;
  /** Every point logged, in arrival order (the full history; `data.metrics` is derived). */
  metrics: MetricPoint[];
  inputs: DatasetInputState[];
}

export interface ModelVersionState {
  name: string;
  version: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  /** MLflow's server has no user for a version created through REST; kept for tests that set one. */
  user_id?: string;
  current_stage: string;
  description: string;
  source: string;
  /** Where a `models:/` source pointed when the version was made (the SQL store's storage_location). */
  storage_location?: string;
  run_id?: string;
  run_link?: string;
  status: 'READY';
  tags: Map<string, string>;
}

export interface RegisteredModelState {
  name: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  description: string;
  tags: Map<string, string>;
  /** alias → version. */
  aliases: Map<string, string>;
  /** version → model version. */
  versions: Map<string, ModelVersionState>;
  /** Highest version number ever given: MLflow never reuses the number of a deleted version. */
  lastVersion: number;
}

export interface ServerState {
  experiments: Map<string, ExperimentState>;
  runs: Map<string, RunState>;
  /** Bytes by path under `/api/2.0/mlflow-artifacts/artifacts/`, e.g. `1/<run>/artifacts/model/MLmodel`. */
  artifacts: Map<string, Buffer>;
  registeredModels: Map<string, RegisteredModelState>;
  nextExperimentId: number;
}

export function newState(defaultExperiment: boolean): ServerState {
  const state: ServerState = {
    experiments: new Map(),
    runs: new Map(),
    artifacts: new Map(),
    registeredModels: new Map(),
    nextExperimentId: 0,
  };
  // A real server creates experiment "0", "Default", when it first opens its database.
  if (defaultExperiment) addExperiment(state, 'Default', undefined, new Map(), Date.now());
  return state;
}

export function addExperiment(
  state: ServerState,
  name: string,
  artifactLocation: string | undefined,
  tags: Map<string, string>,
  time: number,
): ExperimentState {
  const id = String(state.nextExperimentId++);
  const e: ExperimentState = {
    experiment_id: id,
    name,
    artifact_location: artifactLocation || `mlflow-artifacts:/${id}`,
    lifecycle_stage: 'active',
    creation_time: time,
    last_update_time: time,
    tags,
  };
  state.experiments.set(id, e);
  return e;
}

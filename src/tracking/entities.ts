// MLflow's tracking entities, camelCased. A run is `info` (identity and lifecycle) + `data`
// (params, latest metrics, tags), exactly the split MLflow's REST API and clients use.

export type LifecycleStage = 'active' | 'deleted';
export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
export const RUN_STATUSES: readonly RunStatus[] = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];
export const TERMINAL_STATUSES: readonly RunStatus[] = ['FINISHED', 'FAILED', 'KILLED'];

export interface Experiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: LifecycleStage;
  tags: Record<string, string>;
  creationTime: number;
  lastUpdateTime: number;
}

export interface RunInfo {
  runId: string;
  runName: string;
  experimentId: string;
  userId: string;
  status: RunStatus;
  startTime: number;
  endTime: number | null;
  artifactUri: string;
  lifecycleStage: LifecycleStage;
}

export interface Metric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

export interface Param {
  key: string;
  value: string;
}

export interface RunTag {
  key: string;
  value: string;
}

export interface RunData {
  params: Record<string, string>;
  /** Latest value per key (highest step, then latest timestamp), as MLflow's run data. */
  metrics: Record<string, number>;
  tags: Record<string, string>;
}

/** A dataset's description, as `mlflow.data` records it (MLflow's Dataset entity). */
export interface DatasetInfo {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  /** JSON string: MLflow's `{"mlflow_colspec": [...]}` schema. */
  schema?: string;
  /** JSON string: e.g. `{"num_rows": 1599, "num_elements": 19188}`. */
  profile?: string;
}

export interface DatasetInput {
  dataset: DatasetInfo;
  /** Input tags; `mlflow.data.context` is "train", "eval", … */
  tags: Record<string, string>;
}

export interface Run {
  info: RunInfo;
  data: RunData;
  inputs: { datasetInputs: DatasetInput[] };
}

export interface ArtifactEntry {
  path: string;
  isDir: boolean;
  /** Bytes; absent for directories. */
  fileSize?: number;
}

export const SYSTEM_TAGS = {
  user: 'mlflow.user',
  sourceName: 'mlflow.source.name',
  sourceType: 'mlflow.source.type',
  runName: 'mlflow.runName',
  parentRunId: 'mlflow.parentRunId',
  note: 'mlflow.note.content',
  loggedModels: 'mlflow.log-model.history',
  autologging: 'mlflow.autologging',
} as const;

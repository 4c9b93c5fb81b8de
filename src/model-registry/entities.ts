// MLflow's model registry entities, camelCased: a registered model has numbered versions, each made
// from a logged model (its `source` URI and run); aliases name versions (e.g. `champion`).

export type ModelVersionStatus = 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION' | 'READY';

export interface RegisteredModel {
  name: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  description: string;
  tags: Record<string, string>;
  /** alias → version number (as a string, like MLflow's REST API). */
  aliases: Record<string, string>;
}

export interface ModelVersion {
  name: string;
  version: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  description: string;
  userId: string;
  /** Where the model's files are, e.g. `runs:/<runId>/model`. */
  source: string;
  runId: string | null;
  status: ModelVersionStatus;
  tags: Record<string, string>;
  /** Aliases pointing at this version (derived from the registered model's aliases). */
  aliases: string[];
}

// The persistence boundary of the model registry, beside (not inside) the TrackingStore, as in MLflow.
// Stores keep and read entities; the client validates input and fills defaults.
import type { ModelVersion, RegisteredModel } from './entities';
import type { StoredModelVersion } from '../storage/schema';

/** A registered model with its versions, as a dump carries it. */
export interface RegistryDumpItem {
  model: RegisteredModel;
  versions: StoredModelVersion[];
}

export interface NewModelVersion {
  source: string;
  runId: string | null;
  userId: string;
  description?: string;
  tags?: Record<string, string>;
}

export interface RegistryStore {
  readonly uri: string;
  createRegisteredModel(
    name: string,
    init: { description?: string; tags?: Record<string, string> },
    time: number,
  ): Promise<RegisteredModel>;
  getRegisteredModel(name: string): Promise<RegisteredModel | undefined>;
  listRegisteredModels(): Promise<RegisteredModel[]>;
  updateRegisteredModel(name: string, patch: { description?: string }, time: number): Promise<RegisteredModel>;
  renameRegisteredModel(name: string, newName: string, time: number): Promise<RegisteredModel>;
  /** Deletes the model and all its versions. */
  deleteRegisteredModel(name: string): Promise<void>;
  setRegisteredModelTag(name: string, key: string, value: string | null): Promise<void>;
  /** `version` null removes the alias. */
  setAlias(name: string, alias: string, version: string | null, time: number): Promise<void>;

  /** Adds version max+1 of an existing registered model, atomically. */
  createModelVersion(name: string, init: NewModelVersion, time: number): Promise<ModelVersion>;
  getModelVersion(name: string, version: string): Promise<ModelVersion | undefined>;
  /** Versions of one model, or of every model; newest first. */
  listModelVersions(name?: string): Promise<ModelVersion[]>;
  updateModelVersion(
    name: string,
    version: string,
    patch: { description?: string },
    time: number,
  ): Promise<ModelVersion>;
  deleteModelVersion(name: string, version: string): Promise<void>;
  setModelVersionTag(name: string, version: string, key: string, value: string | null): Promise<void>;

  /**
   * Optional (local stores; a server refuses): every model with its versions, one at a time; and one
   * back, written whole in one transaction (the model's record and these versions, by number).
   */
  dump?(): AsyncIterable<RegistryDumpItem>;
  restoreModel?(item: RegistryDumpItem): Promise<void>;

  close(): Promise<void>;
}

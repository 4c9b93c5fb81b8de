// The experiments half of the tracking client (MLflow's MlflowClient): creating, naming, deleting and
// tagging experiments with MLflow's rules and messages, each change announced (announce.ts). The runs
// half, TrackingClient (client.ts), extends it; callers use TrackingClient.
import { TrackingError } from '../lib/errors';
import { now } from '../lib/time';
import { announce } from './announce';
import type { Experiment } from './entities';
import { experimentNotFound } from './errors';
import type { TrackingStore, ViewType } from './store';
import { stringifyValue, validateExperimentName, validateKey, validateTagValue, validTags } from './validation';

export const DEFAULT_EXPERIMENT_NAME = 'Default';

/** Restoring an archive (a workspace import) needs a local store. */
export const cannotRestore = (uri: string) =>
  new TrackingError(`${uri} keeps no archive here; a tracking server's runs are exported as MLflow.`, 'BAD_REQUEST');

export class ExperimentsClient {
  constructor(readonly store: TrackingStore) {}

  protected experimentChanged(experimentId: string): void {
    announce(this.store.uri, { type: 'experiment-changed', experimentId });
  }

  /** MLflow keeps a "Default" experiment with id "0"; it is made before any other. */
  getOrCreateDefaultExperiment(): Promise<Experiment> {
    return this.getOrCreateExperiment(DEFAULT_EXPERIMENT_NAME);
  }

  /**
   * The experiment of this name, made if missing. Another tab (or a teammate, on a server) may make it
   * between our read and our create: then theirs is the one, as MLflow's set_experiment allows for.
   */
  async getOrCreateExperiment(name: string): Promise<Experiment> {
    const found = await this.store.getExperimentByName(name);
    if (found) return found;
    try {
      const id =
        name === DEFAULT_EXPERIMENT_NAME
          ? (await this.store.createExperiment({ name, creationTime: now() })).experimentId
          : await this.createExperiment(name);
      return (await this.store.getExperiment(id))!;
    } catch (err) {
      const again = await this.store.getExperimentByName(name);
      if (again) return again;
      throw err;
    }
  }

  async createExperiment(
    name: string,
    options: { artifactLocation?: string; tags?: Record<string, unknown> } = {},
  ): Promise<string> {
    validateExperimentName(name);
    if (name !== DEFAULT_EXPERIMENT_NAME) await this.getOrCreateDefaultExperiment();
    const tags = validTags(options.tags ?? {});
    const exp = await this.store.createExperiment({
      name,
      tags,
      creationTime: now(),
      ...(options.artifactLocation ? { artifactLocation: options.artifactLocation } : {}),
    });
    this.experimentChanged(exp.experimentId);
    return exp.experimentId;
  }

  getExperiment(experimentId: string): Promise<Experiment | undefined> {
    return this.store.getExperiment(String(experimentId));
  }

  getExperimentByName(name: string): Promise<Experiment | undefined> {
    return this.store.getExperimentByName(name);
  }

  async searchExperiments(viewType: ViewType = 'ACTIVE_ONLY'): Promise<Experiment[]> {
    await this.getOrCreateDefaultExperiment();
    return this.store.listExperiments(viewType);
  }

  async renameExperiment(experimentId: string, newName: string): Promise<void> {
    validateExperimentName(newName);
    await this.store.updateExperiment(experimentId, { name: newName }, now());
    this.experimentChanged(experimentId);
  }

  async deleteExperiment(experimentId: string): Promise<void> {
    const exp = await this.store.getExperiment(experimentId);
    if (!exp) throw experimentNotFound(experimentId);
    if (exp.experimentId === '0')
      throw new TrackingError(
        "Cannot delete the default experiment '0'. This is an internally reserved experiment.",
        'INVALID_PARAMETER_VALUE',
      );
    await this.store.updateExperiment(experimentId, { lifecycleStage: 'deleted' }, now());
    this.experimentChanged(experimentId);
  }

  async restoreExperiment(experimentId: string): Promise<void> {
    await this.store.updateExperiment(experimentId, { lifecycleStage: 'active' }, now());
    this.experimentChanged(experimentId);
  }

  async setExperimentTag(experimentId: string, key: string, value: unknown): Promise<void> {
    validateKey('tag', key);
    const v = stringifyValue(value);
    validateTagValue(key, v);
    await this.store.setExperimentTag(experimentId, key, v);
    this.experimentChanged(experimentId);
  }

  /** An archived experiment as it was (id, times, tags: workspace/import.ts chose them); local stores only. */
  async restoreDumpedExperiment(experiment: Experiment): Promise<void> {
    if (!this.store.restoreExperiment) throw cannotRestore(this.store.uri);
    await this.store.restoreExperiment(experiment);
    this.experimentChanged(experiment.experimentId);
  }
}

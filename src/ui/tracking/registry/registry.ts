// The UI's way to the model registry and to model loading. The registry client is small and opened
// directly (over the same store the public `mlflow` uses, so both see the same models); loading a model
// for prediction needs every flavor (estimators, TensorFlow.js) and goes through the public `mlflow`,
// imported only when the user predicts.
import type { RegistryClient } from '../../../model-registry/client';
import type { ModelVersion, RegisteredModel } from '../../../model-registry/entities';
import { mlflow } from '../../../tracking/default';
import type { TrackingMessage } from '../../../tracking/events';

export async function registryClient(): Promise<RegistryClient> {
  const { registryClientFor } = await import('../../../model-registry/default');
  return registryClientFor(mlflow.getTrackingUri(), () => mlflow.getRunContext().user);
}

/** The public `mlflow` with models and the registry (`pyfunc.loadModel`): a large import, made on demand. */
export async function fullMlflow() {
  return (await import('../../../mlflow')).mlflow;
}

/** Registry changes reload registry views; so do run changes (a version's source run). */
export function registryEvent(m: TrackingMessage): boolean {
  return m.type === 'model-registered';
}

export function modelsHref(): string {
  return '#/models';
}

export function modelHref(name: string): string {
  return `#/models/${encodeURIComponent(name)}`;
}

export function versionHref(name: string, version: string): string {
  return `#/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`;
}

export function predictHref(modelUri: string): string {
  return `#/predict?model=${encodeURIComponent(modelUri)}`;
}

/** `alias → version` as a sorted list, for display. */
export function aliasList(model: RegisteredModel): Array<{ alias: string; version: string }> {
  return Object.entries(model.aliases)
    .map(([alias, version]) => ({ alias, version }))
    .sort((a, b) => a.alias.localeCompare(b.alias));
}

/** Newest version number of a model among its versions (they come newest first). */
export function latestVersion(versions: readonly ModelVersion[]): ModelVersion | undefined {
  return [...versions].sort((a, b) => Number(b.version) - Number(a.version))[0];
}

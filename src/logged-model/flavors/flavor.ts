// A flavor is how one kind of model is saved to a logged model's folder and loaded back (MLflow's
// flavors). Built-ins cover Kiroku's estimators and TensorFlow.js models; a user can register their
// own from a cell (MLflow's custom flavors).
import { KirokuError } from '../../lib/errors';
import type { ArtifactData } from '../../tracking/client';

export interface SavedFlavor {
  /** The flavor's entry under `flavors:` in MLmodel. */
  conf: Record<string, unknown>;
  /** Files of the flavor, relative to the model folder (e.g. `model.json`). */
  files: Record<string, ArtifactData>;
}

export interface LoadContext {
  /** A file of the model folder, relative to it. */
  read(path: string): Promise<Blob>;
  /** The flavor's entry under `flavors:` in MLmodel. */
  conf: Record<string, unknown>;
}

export interface LoadedModel {
  /** Predictions for input already checked against the signature. */
  predict(data: unknown, params?: Record<string, unknown>): unknown | Promise<unknown>;
  /** The native model object (estimator, tf.LayersModel, …). */
  raw: unknown;
}

export interface Flavor<M = unknown> {
  name: string;
  /** Whether this flavor saves `model`; flavors registered later are asked first. */
  canSave(model: unknown): model is M;
  save(model: M): Promise<SavedFlavor>;
  load(ctx: LoadContext): Promise<LoadedModel>;
}

const flavors: Flavor<any>[] = [];

export function registerFlavor<M>(flavor: Flavor<M>): void {
  if (
    !flavor ||
    typeof flavor.name !== 'string' ||
    typeof flavor.save !== 'function' ||
    typeof flavor.load !== 'function' ||
    typeof flavor.canSave !== 'function'
  ) {
    throw new KirokuError('A flavor is {name, canSave(model), save(model), load(ctx)}.', 'INVALID_PARAMETER_VALUE');
  }
  const existing = flavors.findIndex((f) => f.name === flavor.name);
  if (existing >= 0) flavors.splice(existing, 1);
  flavors.push(flavor);
}

export function getFlavor(name: string): Flavor | undefined {
  return flavors.find((f) => f.name === name);
}

export function flavorNames(): string[] {
  return flavors.map((f) => f.name);
}

/** The flavor that saves `model`: the most recently registered one that accepts it. */
export function flavorFor(model: unknown): Flavor {
  for (let i = flavors.length - 1; i >= 0; i--) if (flavors[i]!.canSave(model)) return flavors[i]!;
  const what = (model as { constructor?: { name?: string } } | null)?.constructor?.name ?? typeof model;
  throw new KirokuError(
    `No flavor can save a model of type ${what}. Known flavors: ${flavorNames().join(', ')}. Register one with ` +
      `mlflow.registerFlavor({name, canSave, save, load}).`,
    'INVALID_PARAMETER_VALUE',
  );
}

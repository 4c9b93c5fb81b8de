// The estimator contract, scikit-learn's: the constructor only stores params; `fit` returns `this`;
// fitted state ends in `_`; using an unfitted estimator throws NotFittedError; `getParams()` gives
// scikit-learn's snake_case names (what autolog logs); `toJSON()`/`fromJSON()` round-trip exactly.
import { NotFittedError, KirokuError } from '../lib/errors';

export type EstimatorKind = 'regressor' | 'classifier' | 'transformer' | 'clusterer';

export interface EstimatorJSON {
  /** The class name, e.g. "ElasticNet", used to find the class again in the registry. */
  name: string;
  /** Format version of `state` for this class. */
  version: number;
  /** Params in camelCase, as the constructor takes them. */
  params: Record<string, unknown>;
  /** Fitted state (arrays as plain number arrays), or null when unfitted. */
  state: Record<string, unknown> | null;
}

/** camelCase → snake_case: `l1Ratio` → `l1_ratio`, `hiddenLayerSizes` → `hidden_layer_sizes`. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

export interface EstimatorClass {
  new (params?: any): Estimator;
  readonly kind: EstimatorKind;
  fromJSON(json: EstimatorJSON): Estimator;
}

const registry = new Map<string, EstimatorClass>();

/** Every estimator class registers itself: autolog patches `fit` on these, model loading finds them. */
export function registerEstimator(name: string, cls: EstimatorClass): void {
  registry.set(name, cls);
}

export function estimatorClasses(): ReadonlyMap<string, EstimatorClass> {
  return registry;
}

export function estimatorFromJSON(json: EstimatorJSON): Estimator {
  const cls = registry.get(json.name);
  if (!cls) throw new KirokuError(`Unknown estimator '${json.name}'; known: ${[...registry.keys()].join(', ')}.`, 'UNKNOWN_ESTIMATOR');
  return cls.fromJSON(json);
}

export abstract class Estimator<P extends object = Record<string, unknown>> {
  /** Params as given, with defaults filled in (camelCase). Never changed by `fit`. */
  readonly params: P;

  constructor(defaults: P, given: Partial<P> = {}) {
    for (const key of Object.keys(given)) {
      if (!(key in defaults)) {
        throw new KirokuError(
          `Invalid parameter '${key}' for estimator ${new.target.name}. Valid parameters are: ${Object.keys(defaults).join(', ')}.`,
          'INVALID_PARAMETER_VALUE',
        );
      }
    }
    this.params = { ...defaults, ...stripUndefined(given) };
  }

  /** The class name shown in tags and used by the registry. */
  get estimatorName(): string {
    return (this.constructor as { name: string }).name;
  }

  get kind(): EstimatorKind {
    return (this.constructor as unknown as EstimatorClass).kind;
  }

  /** scikit-learn's names and values, e.g. `{alpha: 1, l1_ratio: 0.5, fit_intercept: true}`. */
  getParams(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this.params)) out[snakeCase(k)] = v;
    return out;
  }

  /** Update params in place (camelCase names), as sklearn's `set_params`; returns `this`. */
  setParams(params: Partial<P>): this {
    for (const key of Object.keys(params)) {
      if (!(key in this.params)) throw new KirokuError(`Invalid parameter '${key}' for estimator ${this.estimatorName}.`, 'INVALID_PARAMETER_VALUE');
    }
    Object.assign(this.params, stripUndefined(params));
    return this;
  }

  /** True once `fit` has completed. */
  abstract get isFitted(): boolean;

  /** Throws NotFittedError unless fitted; call at the top of predict/transform. */
  protected checkFitted(): void {
    if (!this.isFitted) throw new NotFittedError(this.estimatorName);
  }

  abstract fit(X: unknown, y?: unknown): this | Promise<this>;

  /** The fitted state as plain JSON values, or null when unfitted. */
  protected abstract stateToJSON(): Record<string, unknown> | null;

  /** Format version of the state this class writes. */
  protected get stateVersion(): number {
    return 1;
  }

  toJSON(): EstimatorJSON {
    return { name: this.estimatorName, version: this.stateVersion, params: { ...this.params } as Record<string, unknown>, state: this.isFitted ? this.stateToJSON() : null };
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

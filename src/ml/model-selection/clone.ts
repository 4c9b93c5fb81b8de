// What meta-estimators (Pipeline, ColumnTransformer, GridSearch, crossValScore) need from any estimator:
// an unfitted copy with the same params (scikit-learn's `clone`), nested params under `step__param`
// names, and a short repr for logging.
import { Estimator, estimatorFromJSON, snakeCase, type EstimatorClass, type EstimatorJSON } from '../core/estimator';

/** Any estimator, whatever its params type (what meta-estimators hold and pass around). */
export type AnyEstimator = Estimator<object>;

export function isEstimator(x: unknown): x is AnyEstimator {
  return x instanceof Estimator;
}

/** Copy a param value: estimators are cloned, arrays and plain objects copied, the rest shared. */
function cloneValue(v: unknown): unknown {
  if (isEstimator(v)) return clone(v);
  if (Array.isArray(v)) return v.map(cloneValue);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cloneValue(x)]));
  }
  return v;
}

/**
 * A new unfitted estimator of the same class with the same params (scikit-learn's `clone`): what
 * cross-validation and grid search fit, so the caller's estimator is never changed. Nested estimators
 * (Pipeline steps) are cloned too; callbacks such as an MLP's `onEpochEnd` are fitted state, not
 * params, and are not copied.
 */
export function clone<E extends AnyEstimator>(est: E): E {
  const Cls = est.constructor as EstimatorClass;
  return new Cls(cloneValue(est.params)) as E;
}

/** snake_case → camelCase, so a grid may use scikit-learn's names: `l1_ratio` → `l1Ratio`. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function pyValue(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return `'${v}'`;
  if (isEstimator(v)) return estimatorRepr(v);
  if (Array.isArray(v)) return `[${v.map(pyValue).join(', ')}]`;
  return String(v);
}

/** scikit-learn's repr, showing only params that differ from the defaults: `ElasticNet(alpha=0.5)`. */
export function estimatorRepr(est: AnyEstimator): string {
  const Cls = est.constructor as EstimatorClass;
  let defaults: Record<string, unknown> = {};
  try {
    defaults = new Cls().params as Record<string, unknown>;
  } catch {
    // A class without usable defaults: show every param.
  }
  const shown = Object.entries(est.params as Record<string, unknown>)
    .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(defaults[k]) || isEstimator(v))
    .map(([k, v]) => `${snakeCase(k)}=${pyValue(v)}`);
  return `${est.estimatorName}(${shown.join(', ')})`;
}

/**
 * Deep params of a named sub-estimator, as scikit-learn's `get_params(deep=True)`: the entry itself
 * (as its repr, since these values are logged) and each of its params as `name__param`.
 */
export function nestedParams(name: string, est: AnyEstimator | string | null): Record<string, unknown> {
  const out: Record<string, unknown> = { [name]: isEstimator(est) ? estimatorRepr(est) : est };
  if (isEstimator(est)) for (const [k, v] of Object.entries(est.getParams())) out[`${name}__${k}`] = v;
  return out;
}

/** Split `{model__alpha: 1, scaler: x}` into per-name groups: `{model: {alpha: 1}}` and own keys. */
export function splitNestedParams(params: Record<string, unknown>): {
  own: Record<string, unknown>;
  nested: Map<string, Record<string, unknown>>;
} {
  const own: Record<string, unknown> = {};
  const nested = new Map<string, Record<string, unknown>>();
  for (const [key, v] of Object.entries(params)) {
    const at = key.indexOf('__');
    if (at < 0) {
      own[key] = v;
      continue;
    }
    const name = key.slice(0, at);
    const rest = key.slice(at + 2);
    if (!nested.has(name)) nested.set(name, {});
    nested.get(name)![rest] = v;
  }
  return { own, nested };
}

/** Set params given in camelCase or scikit-learn's snake_case on any estimator. */
export function setParamsLoose(est: AnyEstimator, params: Record<string, unknown>): void {
  const known = est.params as Record<string, unknown>;
  const fixed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    // `step__param` names go through as they are, for Pipeline and ColumnTransformer to route.
    fixed[k in known || k.includes('__') ? k : camelCase(k)] = v;
  }
  est.setParams(fixed as never);
}

/** Serialize a param value that may hold estimators (Pipeline steps) as plain JSON. */
export function paramToJSON(v: unknown): unknown {
  if (isEstimator(v)) return { $estimator: v.toJSON() };
  if (Array.isArray(v)) return v.map(paramToJSON);
  return v;
}

/** The inverse of `paramToJSON`. */
export function paramFromJSON(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(paramFromJSON);
  if (v !== null && typeof v === 'object' && '$estimator' in v) {
    return estimatorFromJSON((v as { $estimator: EstimatorJSON }).$estimator);
  }
  return v;
}

// Params as MLflow's sklearn autolog logs them: every `get_params()` entry under scikit-learn's name,
// as a string; nested estimators (pipeline steps) shown as scikit-learn reprs, `ElasticNet(alpha=0.02)`.
import { Estimator } from '../ml/core/estimator';
import { stringifyValue } from '../tracking/validation';

/** scikit-learn's repr: the class name with the params that differ from their defaults. */
export function estimatorRepr(est: Estimator<object>): string {
  let defaults: Record<string, unknown> = {};
  try {
    const Ctor = est.constructor as new () => Estimator<object>;
    defaults = new Ctor().getParams();
  } catch {
    defaults = {};
  }
  const changed = Object.entries(est.getParams())
    .filter(([k, v]) => !k.includes('__') && k !== 'steps' && JSON.stringify(v) !== JSON.stringify(defaults[k]))
    .map(([k, v]) => `${k}=${paramString(v)}`);
  return `${est.estimatorName}(${changed.join(', ')})`;
}

export function paramString(value: unknown): string {
  if (value instanceof Estimator) return estimatorRepr(value);
  if (Array.isArray(value)) {
    // Pipeline steps: [('scaler', StandardScaler()), ('model', ElasticNet(alpha=0.02))]
    if (value.every((s) => Array.isArray(s) && s.length === 2 && typeof s[0] === 'string')) {
      return `[${(value as Array<[string, unknown]>).map(([n, e]) => `('${n}', ${paramString(e)})`).join(', ')}]`;
    }
    return `[${value.map(paramString).join(', ')}]`;
  }
  if (typeof value === 'string') return value;
  return stringifyValue(value);
}

export function estimatorParams(est: Estimator<object>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(est.getParams())) out[k] = paramString(v);
  return out;
}

// The estimator contract, scikit-learn's: the constructor only stores params; `fit` returns `this`;
// fitted state ends in `_`; using an unfitted estimator throws NotFittedError; `getParams()` gives
// scikit-learn's snake_case names (what autolog logs); `toJSON()`/`fromJSON()` round-trip exactly.
import { NotFittedError, KirokuError, DataError } from '../../lib/errors';
import { areDefaultNames, toMatrix, type Matrix, type MatrixInput, type VectorInput } from '../../data/frame';
import { encodeLabels, type Label } from './labels';
import { accuracyScore, r2Score } from '../metrics';
import { warn, type MLWarning, type WarningCategory } from './warnings';

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

// scikit-learn names that plain case conversion gets wrong: capitals it keeps (`copy_X`, `C`).
const SKLEARN_NAMES: Record<string, string> = { copyX: 'copy_X', C: 'C' };

/** camelCase → snake_case: `l1Ratio` → `l1_ratio`, `hiddenLayerSizes` → `hidden_layer_sizes`, `copyX` → `copy_X`. */
export function snakeCase(name: string): string {
  const special = Object.hasOwn(SKLEARN_NAMES, name) ? SKLEARN_NAMES[name] : undefined;
  if (special) return special;
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

export interface EstimatorClass {
  new (params?: any): Estimator<object>;
  readonly kind: EstimatorKind;
  fromJSON(json: EstimatorJSON): Estimator<object>;
}

const registry = new Map<string, EstimatorClass>();
// Class → name, given explicitly: minified builds rename classes, and the name is saved in models.
type AnyClass = abstract new (...args: never[]) => unknown;
const names = new Map<AnyClass, string>();

/** Every estimator class registers itself: autolog patches `fit` on these, model loading finds them. */
export function registerEstimator(name: string, cls: EstimatorClass): void {
  registry.set(name, cls);
  names.set(cls, name);
}

/** Give a class its saved name without registering it for loading (e.g. GridSearch). */
export function nameEstimator(name: string, cls: AnyClass): void {
  names.set(cls, name);
}

function nameOf(cls: AnyClass): string {
  return names.get(cls) ?? cls.name;
}

export function estimatorClasses(): ReadonlyMap<string, EstimatorClass> {
  return registry;
}

export function estimatorFromJSON(json: EstimatorJSON): Estimator<object> {
  const cls = registry.get(json.name);
  if (!cls)
    throw new KirokuError(
      `Unknown estimator '${json.name}'; known: ${[...registry.keys()].join(', ')}.`,
      'UNKNOWN_ESTIMATOR',
    );
  return cls.fromJSON(json);
}

/** Check that `json` was written by class `name` in a state version this code reads; fromJSON's first step. */
export function checkJSON(json: EstimatorJSON, name: string, maxVersion = 1): void {
  if (!json || json.name !== name) {
    throw new KirokuError(`Cannot load a ${JSON.stringify(json?.name)} model as ${name}.`, 'INVALID_PARAMETER_VALUE');
  }
  if (!(json.version >= 1 && json.version <= maxVersion)) {
    throw new KirokuError(
      `${name} state version ${json.version} is newer than this Kiroku reads (${maxVersion}); upgrade Kiroku.`,
      'INVALID_PARAMETER_VALUE',
    );
  }
}

/** scikit-learn's message for a bad param value: `The 'alpha' parameter of Lasso must be … Got -1 instead.` */
export function invalidParam(estimator: string, name: string, expected: string, got: unknown): KirokuError {
  return new KirokuError(
    `The '${snakeCase(name)}' parameter of ${estimator} must be ${expected}. Got ${JSON.stringify(got)} instead.`,
    'INVALID_PARAMETER_VALUE',
  );
}

/** Check a numeric param against a range (sklearn's `Interval`), e.g. alpha in [0, inf). */
export function checkRange(
  estimator: string,
  name: string,
  v: unknown,
  lo: number,
  hi: number,
  opts: { integer?: boolean; loOpen?: boolean; hiOpen?: boolean; nullable?: boolean } = {},
): void {
  if (v === null && opts.nullable) return;
  const ok =
    typeof v === 'number' &&
    !Number.isNaN(v) &&
    (opts.integer ? Number.isInteger(v) : true) &&
    (opts.loOpen ? v > lo : v >= lo) &&
    (opts.hiOpen ? v < hi : v <= hi);
  if (!ok) {
    const open = opts.loOpen ? '(' : '[';
    const close = opts.hiOpen || hi === Infinity ? ')' : ']';
    const range = `${open}${lo}, ${hi === Infinity ? 'inf' : hi}${close}`;
    throw invalidParam(
      estimator,
      name,
      `${opts.integer ? 'an int' : 'a float'} in the range ${range}${opts.nullable ? ' or None' : ''}`,
      v,
    );
  }
}

/** Check a param against a set of allowed values (sklearn's `StrOptions`, booleans). */
export function checkOneOf(estimator: string, name: string, v: unknown, allowed: readonly unknown[]): void {
  if (!allowed.includes(v))
    throw invalidParam(estimator, name, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, v);
}

export abstract class Estimator<P extends object = Record<string, unknown>> {
  /** Params as given, with defaults filled in (camelCase). Never changed by `fit`. */
  readonly params: P;

  constructor(defaults: P, given: Partial<P> = {}) {
    for (const key of Object.keys(given)) {
      if (!Object.hasOwn(defaults, key)) {
        throw new KirokuError(
          `Invalid parameter '${key}' for estimator ${nameOf(new.target)}. Valid parameters ` +
            `are: ${Object.keys(defaults).join(', ')}.`,
          'INVALID_PARAMETER_VALUE',
        );
      }
    }
    this.params = { ...defaults, ...stripUndefined(given) };
  }

  /** The class name shown in tags and used by the registry. */
  get estimatorName(): string {
    return nameOf(this.constructor as AnyClass);
  }

  get kind(): EstimatorKind {
    return (this.constructor as unknown as EstimatorClass).kind;
  }

  /** scikit-learn's names and values, e.g. `{alpha: 1, l1_ratio: 0.5, fit_intercept: true}`. */
  getParams(): Record<string, unknown> {
    // Sorted by name, as sklearn's get_params returns them.
    const entries = Object.entries(this.params).map(([k, v]) => [snakeCase(k), v] as const);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  }

  /** Update params in place (camelCase names), as sklearn's `set_params`; returns `this`. */
  setParams(params: Partial<P>): this {
    for (const key of Object.keys(params)) {
      if (!Object.hasOwn(this.params, key))
        throw new KirokuError(
          `Invalid parameter '${key}' for estimator ${this.estimatorName}.`,
          'INVALID_PARAMETER_VALUE',
        );
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

  /**
   * An estimator rebuilt from what `toJSON()` saved (`Ridge.fromJSON(json)`): the class and state
   * version checked, an estimator made with the saved params, then given the saved state. Classes
   * whose params hold estimators (Pipeline, GridSearch, ColumnTransformer) rebuild those in their own.
   */
  static fromJSON<T extends Estimator<object>>(this: Rebuildable<T>, json: EstimatorJSON): T {
    checkJSON(json, nameOf(this));
    const est = new this(this.paramsFromJSON(json.params) as never);
    if (json.state) est.stateFromJSON(json.state);
    return est;
  }

  /** The constructor's params from saved ones (classes whose params hold estimators rebuild them here). */
  static paramsFromJSON(params: Record<string, unknown>): Record<string, unknown> {
    return params;
  }

  /** Sets the fitted state `stateToJSON()` wrote (fromJSON's last step). */
  protected stateFromJSON(_state: Record<string, unknown>): void {
    throw new KirokuError(`${this.estimatorName} cannot be loaded from JSON.`, 'INVALID_PARAMETER_VALUE');
  }

  toJSON(): EstimatorJSON {
    return {
      name: this.estimatorName,
      version: this.stateVersion,
      params: { ...this.params } as Record<string, unknown>,
      state: this.isFitted ? this.stateToJSON() : null,
    };
  }
}

/** What `fromJSON` needs of a class: its constructor and its params hook. */
type Rebuildable<T> = {
  new (params?: never): T;
  paramsFromJSON(params: Record<string, unknown>): Record<string, unknown>;
};

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** Names that came with X (a DataFrame's, a named Matrix's), unless they are only defaults (`x0`, `x1`, …). */
function namesOf(m: Matrix): string[] | undefined {
  return areDefaultNames(m.columns) ? undefined : m.columns;
}

/**
 * Base of models that learn from X (and y) and then predict: records the input columns at fit
 * (`nFeaturesIn_`, and `featureNamesIn_` when X came with names, as scikit-learn does for DataFrames)
 * and checks predict input against them, with scikit-learn's messages.
 */
export abstract class Predictor<P extends object = Record<string, unknown>> extends Estimator<P> {
  nFeaturesIn_: number | undefined = undefined;
  featureNamesIn_: string[] | undefined = undefined;
  /** Warnings raised by the last `fit` (e.g. ConvergenceWarning), also sent to the warning handler. */
  warnings_: MLWarning[] = [];

  /** Raise a warning from fit: kept in `warnings_` and sent to the handler (console.warn by default). */
  protected warn(category: WarningCategory, message: string): void {
    this.warnings_.push(warn(category, message));
  }

  /** Start of fit: X as a column-major Matrix (refusing non-numeric or missing cells), columns recorded. */
  protected fitMatrix(X: MatrixInput): Matrix {
    const m = toMatrix(X);
    if (m.rows === 0) throw new DataError(`${this.estimatorName} needs at least one sample to fit; X has 0 rows.`);
    this.nFeaturesIn_ = m.cols;
    this.featureNamesIn_ = namesOf(m);
    this.warnings_ = [];
    return m;
  }

  /** Start of predict: checks fitted, converts X, and checks it has the columns fit saw. */
  protected predictMatrix(X: MatrixInput): Matrix {
    this.checkFitted();
    const m = toMatrix(X);
    if (m.cols !== this.nFeaturesIn_) {
      throw new DataError(
        `X has ${m.cols} features, but ${this.estimatorName} is expecting ${this.nFeaturesIn_} features as input.`,
      );
    }
    const fitNames = this.featureNamesIn_;
    const names = namesOf(m);
    if (fitNames && names?.some((c, j) => c !== fitNames[j])) {
      throw new DataError(
        `The feature names should match those that were passed during fit: expected [${fitNames.join(', ')}], got ` +
          `[${names.join(', ')}].`,
      );
    }
    return m;
  }

  /** The input-column part of every predictor's state. */
  protected inputState(): Record<string, unknown> {
    return { nFeaturesIn: this.nFeaturesIn_, featureNamesIn: this.featureNamesIn_ ?? null };
  }
  protected restoreInputState(state: Record<string, unknown>): void {
    this.nFeaturesIn_ = state.nFeaturesIn as number;
    this.featureNamesIn_ = (state.featureNamesIn as string[] | null) ?? undefined;
  }
}

/** A model predicting a number per row; `score` is R², as in scikit-learn's RegressorMixin. */
export abstract class Regressor<P extends object = Record<string, unknown>> extends Predictor<P> {
  static readonly kind: EstimatorKind = 'regressor';

  abstract predict(X: MatrixInput): Float64Array;

  score(X: MatrixInput, y: VectorInput, sampleWeight?: ArrayLike<number>): number {
    return r2Score(y, this.predict(X), { sampleWeight });
  }
}

/**
 * A model predicting a class label per row. Subclasses implement `predictProba` (one row of
 * probabilities per sample, columns in `classes_` order); `predict` takes the most probable class
 * (the first on ties, as numpy's argmax) and `score` is accuracy, as in scikit-learn's ClassifierMixin.
 */
export abstract class Classifier<P extends object = Record<string, unknown>> extends Predictor<P> {
  static readonly kind: EstimatorKind = 'classifier';

  /** The class labels seen at fit, sorted as np.unique sorts them. */
  classes_: Label[] | undefined = undefined;

  abstract predictProba(X: MatrixInput): number[][];

  predict(X: MatrixInput): Label[] {
    const proba = this.predictProba(X);
    const classes = this.classes_!;
    return proba.map((row) => {
      let best = 0;
      for (let k = 1; k < row.length; k++) if (row[k]! > row[best]!) best = k;
      return classes[best]!;
    });
  }

  score(X: MatrixInput, y: VectorInput, sampleWeight?: ArrayLike<number>): number {
    return accuracyScore(y, this.predict(X), { sampleWeight });
  }

  /** y as class indices into `classes_` (fit only after `classes_` is set). */
  protected encodeY(y: ArrayLike<Label>): Int32Array {
    return encodeLabels(y, this.classes_!);
  }
}

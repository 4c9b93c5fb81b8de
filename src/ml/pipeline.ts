// scikit-learn's Pipeline: transformers applied in order, then a final estimator, fitted and used as
// one estimator — so a scaler's statistics come from the training fold only, and the logged model
// carries its preprocessing.
//
// Steps are fitted in place (as scikit-learn does; GridSearch and crossValScore clone first). `fit`
// returns a Promise exactly when the final step's `fit` does (MLP), so `await pipe.fit(X, y)` is always
// right. `getParams()` is scikit-learn's deep form: `steps`, each step by name, and `name__param`.
import { Estimator, registerEstimator, type EstimatorJSON, type EstimatorKind } from './core/estimator';
import { KirokuError } from '../lib/errors';
import {
  estimatorRepr,
  isEstimator,
  nestedParams,
  type AnyEstimator,
  paramFromJSON,
  paramToJSON,
  setParamsLoose,
  splitNestedParams,
} from './model-selection/clone';

export type PipelineStep = [name: string, estimator: AnyEstimator | 'passthrough' | null];

export type PipelineParams = {
  steps: PipelineStep[];
  /** Print each step's fit time, as scikit-learn's `verbose=True`. */
  verbose: boolean;
};

/** The duck types a step is used through; any estimator that has the method works. */
type Fn = (...args: any[]) => any;
type WithMethod<K extends string> = AnyEstimator & Record<K, Fn>;

function has<K extends string>(est: unknown, method: K): est is WithMethod<K> {
  return isEstimator(est) && typeof (est as unknown as Record<string, unknown>)[method] === 'function';
}

export class Pipeline extends Estimator<PipelineParams> {
  /** The class-level kind; an instance reports its final step's kind (see `kind`). */
  static readonly kind: EstimatorKind = 'transformer';
  private fitted = false;

  /** `new Pipeline([['scaler', new StandardScaler()], ['model', new ElasticNet()]])`, or `{steps}`. */
  constructor(steps: PipelineStep[] | Partial<PipelineParams> = {}) {
    super({ steps: [], verbose: false }, Array.isArray(steps) ? { steps } : steps);
    this.validateSteps();
  }

  private validateSteps(): void {
    const names = new Set<string>();
    this.params.steps.forEach(([name, est], i) => {
      if (names.has(name))
        throw new KirokuError(
          `Names provided are not unique: '${name}' appears twice in the steps.`,
          'INVALID_PARAMETER_VALUE',
        );
      if (name.includes('__'))
        throw new KirokuError(`Estimator names must not contain __: got '${name}'.`, 'INVALID_PARAMETER_VALUE');
      names.add(name);
      const last = i === this.params.steps.length - 1;
      if (!last && est !== 'passthrough' && est !== null && !has(est, 'transform')) {
        throw new KirokuError(
          `All intermediate steps should be transformers and implement fit and transform or be the string ` +
            `'passthrough'; ` +
            `'${name}' (${isEstimator(est) ? estimatorRepr(est) : String(est)}) doesn't.`,
          'INVALID_PARAMETER_VALUE',
        );
      }
    });
  }

  /** Steps by name, as scikit-learn's `named_steps`. */
  get namedSteps(): Record<string, AnyEstimator | 'passthrough' | null> {
    return Object.fromEntries(this.params.steps);
  }

  /** The last step, or null for an empty or passthrough-ended pipeline. */
  get finalEstimator(): AnyEstimator | null {
    const last = this.params.steps.at(-1)?.[1];
    return isEstimator(last) ? last : null;
  }

  override get kind(): EstimatorKind {
    return this.finalEstimator?.kind ?? 'transformer';
  }

  get isFitted(): boolean {
    return this.fitted && this.params.steps.every(([, e]) => !isEstimator(e) || e.isFitted);
  }

  /** The first step's input columns, as scikit-learn's `n_features_in_` / `feature_names_in_`. */
  get nFeaturesIn_(): number | undefined {
    return (this.firstEstimator() as { nFeaturesIn_?: number } | null)?.nFeaturesIn_;
  }
  get featureNamesIn_(): string[] | undefined {
    return (this.firstEstimator() as { featureNamesIn_?: string[] } | null)?.featureNamesIn_;
  }
  private firstEstimator(): AnyEstimator | null {
    return this.params.steps.map(([, e]) => e).find(isEstimator) ?? null;
  }

  /** The fitted classes of a classifier's final step. */
  get classes_(): unknown {
    return (this.finalEstimator as unknown as { classes_?: unknown } | null)?.classes_;
  }

  private transformers(): [string, WithMethod<'transform'> | null][] {
    return this.params.steps.slice(0, -1).map(([n, e]) => [n, isEstimator(e) ? (e as WithMethod<'transform'>) : null]);
  }

  fit(X: unknown, y?: unknown): this | Promise<this> {
    this.validateSteps();
    this.fitted = false;
    const total = this.params.steps.length;
    let Xt = X;
    this.transformers().forEach(([name, t], i) => {
      const t0 = performance.now();
      if (t)
        Xt = has(t, 'fitTransform') ? t.fitTransform(Xt, y) : (t.fit(Xt, y) as WithMethod<'transform'>).transform(Xt);
      this.log(name, i + 1, total, t0);
    });
    const final = this.finalEstimator;
    const t0 = performance.now();
    const done = (): this => {
      if (final) this.log(this.params.steps.at(-1)![0], total, total, t0);
      this.fitted = true;
      return this;
    };
    const r = final ? final.fit(Xt, y) : undefined;
    return r instanceof Promise ? r.then(done) : done();
  }

  private log(name: string, i: number, total: number, t0: number): void {
    if (!this.params.verbose) return;
    const label = `(step ${i} of ${total}) Processing ${name}`;
    console.log(
      `[Pipeline] ${label.padStart(50, '.')}, total=${((performance.now() - t0) / 1000).toFixed(1).padStart(6)}s`,
    );
  }

  /** X through every transformer step (not the final one). */
  private transformAll(X: unknown): unknown {
    this.checkFitted();
    let Xt = X;
    for (const [, t] of this.transformers()) if (t) Xt = t.transform(Xt);
    return Xt;
  }

  private finalWith<K extends string>(method: K): WithMethod<K> {
    const final = this.finalEstimator;
    if (!has(final, method)) {
      throw new KirokuError(
        `This 'Pipeline' has no attribute '${method}': its final ` +
          `step ${final ? estimatorRepr(final) : "'passthrough'"} does not implement it.`,
        'INVALID_STATE',
      );
    }
    return final;
  }

  predict(X: unknown): ReturnType<Fn> {
    return this.finalWith('predict').predict(this.transformAll(X));
  }

  predictProba(X: unknown): ReturnType<Fn> {
    return this.finalWith('predictProba').predictProba(this.transformAll(X));
  }

  /** The final step's `score` on transformed X (R² for regressors, accuracy for classifiers). */
  score(X: unknown, y: unknown): number {
    return this.finalWith('score').score(this.transformAll(X), y) as number;
  }

  /** X through every step; the final step must be a transformer (or 'passthrough'). */
  transform(X: unknown): ReturnType<Fn> {
    const Xt = this.transformAll(X);
    return this.finalEstimator ? this.finalWith('transform').transform(Xt) : Xt;
  }

  fitTransform(X: unknown, y?: unknown): ReturnType<Fn> {
    const r = this.fit(X, y);
    if (r instanceof Promise)
      throw new KirokuError('fitTransform needs a final step whose fit is synchronous.', 'INVALID_STATE');
    return r.transform(X);
  }

  /** Output names of the last transformer-like step, as scikit-learn's `get_feature_names_out`. */
  getFeatureNamesOut(): string[] {
    this.checkFitted();
    const last = [...this.params.steps].reverse().find(([, e]) => has(e, 'getFeatureNamesOut'))?.[1];
    if (!last) throw new KirokuError('No step of this Pipeline provides getFeatureNamesOut.', 'INVALID_STATE');
    return (last as WithMethod<'getFeatureNamesOut'>).getFeatureNamesOut();
  }

  /** Free what steps hold outside the JS heap (an MLP's tensors); the pipeline is unfitted afterwards. */
  dispose(): void {
    for (const [, e] of this.params.steps) if (has(e, 'dispose')) e.dispose();
    this.fitted = false;
  }

  override getParams(): Record<string, unknown> {
    const out: Record<string, unknown> = {
      steps: pyList(this.params.steps),
      verbose: this.params.verbose,
    };
    for (const [name, est] of this.params.steps) Object.assign(out, nestedParams(name, est));
    return out;
  }

  /** Own params, a whole step by name (`{scaler: new MinMaxScaler()}`), or `step__param` (camelCase or snake_case). */
  override setParams(params: Partial<PipelineParams> & Record<string, unknown>): this {
    const { own, nested } = splitNestedParams(params);
    const byName = new Map(this.params.steps.map(([n], i) => [n, i]));
    const ownParams: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(own)) {
      const i = byName.get(k);
      if (i === undefined) ownParams[k] = v;
      else this.params.steps[i] = [k, v as AnyEstimator];
    }
    super.setParams(ownParams as Partial<PipelineParams>);
    for (const [name, p] of nested) {
      const step = this.namedSteps[name];
      if (!isEstimator(step))
        throw new KirokuError(
          `Invalid parameter '${name}' for estimator Pipeline: no step named '${name}'.`,
          'INVALID_PARAMETER_VALUE',
        );
      setParamsLoose(step, p);
    }
    this.validateSteps();
    return this;
  }

  override toJSON(): EstimatorJSON {
    const unfitted = this.params.steps.map(([n, e]) => [
      n,
      isEstimator(e) ? { $estimator: { ...e.toJSON(), state: null } } : e,
    ]);
    return {
      name: this.estimatorName,
      version: this.stateVersion,
      params: { steps: unfitted, verbose: this.params.verbose },
      state: this.isFitted ? this.stateToJSON() : null,
    };
  }

  protected stateToJSON(): Record<string, unknown> {
    return { steps: paramToJSON(this.params.steps) };
  }

  static override paramsFromJSON(params: Record<string, unknown>): Record<string, unknown> {
    return { ...params, steps: paramFromJSON(params.steps) };
  }

  /** A fitted pipeline's state is its fitted steps. */
  protected override stateFromJSON(state: Record<string, unknown>): void {
    this.params.steps = paramFromJSON(state.steps) as PipelineStep[];
    this.fitted = true;
  }
}

/** `[('scaler', StandardScaler()), ('model', ElasticNet())]`, what scikit-learn's autolog logs for `steps`. */
function pyList(steps: PipelineStep[]): string {
  const item = (e: PipelineStep[1]) => (isEstimator(e) ? estimatorRepr(e) : e === null ? 'None' : `'${e}'`);
  return `[${steps.map(([n, e]) => `('${n}', ${item(e)})`).join(', ')}]`;
}

/** `makePipeline(new StandardScaler(), new ElasticNet())`: steps named after their lowercased class. */
export function makePipeline(...estimators: AnyEstimator[]): Pipeline {
  const counts = new Map<string, number>();
  const names = estimators.map((e) => e.estimatorName.toLowerCase());
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  const seen = new Map<string, number>();
  return new Pipeline(
    estimators.map((e, i) => {
      const n = names[i]!;
      if (counts.get(n)! === 1) return [n, e];
      const k = (seen.get(n) ?? 0) + 1;
      seen.set(n, k);
      return [`${n}-${k}`, e];
    }),
  );
}

registerEstimator('Pipeline', Pipeline);

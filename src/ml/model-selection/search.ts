// GridSearch, scikit-learn's GridSearchCV: cross-validate every combination of a param grid, rank them,
// and refit the best on all the data.
//
//   const grid = { model__alpha: [0.01, 0.1, 1], model__l1Ratio: [0.2, 0.8] };
//   const search = new GridSearch(pipe, grid, { cv: 5, scoring: 'r2' });
//   await search.fit(XTrain, yTrain);
//   search.bestParams_; search.bestScore_; search.bestEstimator_.predict(XTest);
//
// Grid names are camelCase param names (`l1Ratio`), `step__param` for a Pipeline's steps; scikit-learn's
// snake_case (`l1_ratio`) is accepted too. Candidates run in scikit-learn's order (keys sorted, the
// last key varying fastest) so `cvResults_` rows line up with a scikit-learn run of the same grid.
//
// Hooks (for autolog: a parent run for the search, a child run per candidate), called and awaited in
// this order during `fit`:
//   - `GridSearch.addListener(fn)` → unsubscribe function; `fn(event)` gets every search's events:
//       { type: 'start', search, candidates, nSplits }
//       { type: 'candidate', ...CandidateInfo }      after each candidate's folds are scored
//       { type: 'end', search }                      after refit; fitted attributes are set
//   - the `onCandidate` option: `(info: CandidateInfo) => void | Promise<void>` for this search only.
import { Estimator, snakeCase, type EstimatorJSON, type EstimatorKind, nameEstimator } from '../core/estimator';
import { KirokuError } from '../../lib/errors';
import {
  clone,
  isEstimator,
  nestedParams,
  type AnyEstimator,
  paramFromJSON,
  paramToJSON,
  setParamsLoose,
  splitNestedParams,
} from './clone';
import { getScorer, type Scoring } from './scoring';
import { checkCv, fitAndScore, indexable, type CvInput, type FoldResult } from './validation';
import type { Splittable } from './split';

/** Values to try per param; a list of grids searches each (scikit-learn's list of dicts). */
export type ParamGrid = Record<string, unknown[]> | Record<string, unknown[]>[];

/** What a listener learns about each candidate, once its folds are scored. */
export type CandidateInfo = {
  search: GridSearch;
  /** Position in `cvResults_` (0-based) and the number of candidates. */
  index: number;
  total: number;
  /** The candidate's params, with the grid's names. */
  params: Record<string, unknown>;
  meanTestScore: number;
  stdTestScore: number;
  splitTestScores: number[];
  meanTrainScore?: number;
  /** Seconds, averaged over folds. */
  meanFitTime: number;
  meanScoreTime: number;
};

export type GridSearchEvent =
  | { type: 'start'; search: GridSearch; candidates: Record<string, unknown>[]; nSplits: number }
  | ({ type: 'candidate' } & CandidateInfo)
  | { type: 'end'; search: GridSearch };
export type GridSearchListener = (event: GridSearchEvent) => void | Promise<void>;

/** scikit-learn's `cv_results_`, with its keys; `param_<name>` columns use snake_case names. */
export type CvResults = {
  params: Record<string, unknown>[];
  mean_test_score: number[];
  std_test_score: number[];
  rank_test_score: number[];
  mean_fit_time: number[];
  std_fit_time: number[];
  mean_score_time: number[];
  std_score_time: number[];
  [key: string]: unknown[];
};

export type GridSearchParams = {
  estimator: AnyEstimator | null;
  paramGrid: ParamGrid;
  cv: CvInput;
  scoring: Scoring;
  /** Refit the best candidate on all the data (`bestEstimator_`, and predict through it). */
  refit: boolean;
  returnTrainScore: boolean;
  errorScore: number | 'raise';
};
export type GridSearchOptions = Partial<Omit<GridSearchParams, 'estimator' | 'paramGrid'>> & {
  onCandidate?: (info: CandidateInfo) => void | Promise<void>;
};

/** scikit-learn's ParameterGrid: every combination, keys sorted, the last key varying fastest. */
export function parameterGrid(grid: ParamGrid): Record<string, unknown>[] {
  const grids = Array.isArray(grid) ? grid : [grid];
  return grids.flatMap((g) => {
    const keys = Object.keys(g).sort();
    for (const k of keys) {
      if (!Array.isArray(g[k]) || g[k]!.length === 0) {
        throw new KirokuError(
          `Parameter grid for parameter '${k}' needs to be a non-empty list, but got: ${JSON.stringify(g[k])}.`,
          'INVALID_PARAMETER_VALUE',
        );
      }
    }
    let out: Record<string, unknown>[] = [{}];
    for (const k of keys) out = out.flatMap((p) => g[k]!.map((v) => ({ ...p, [k]: v })));
    return out;
  });
}

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
const std = (a: number[]) => {
  const m = mean(a);
  return Math.sqrt(mean(a.map((v) => (v - m) ** 2)));
};

/** scikit-learn's ranking: 1 is best, ties share the lowest rank, NaN ranks last. */
function rank(scores: number[]): number[] {
  if (scores.every(Number.isNaN)) return scores.map(() => 1);
  const floor = Math.min(...scores.filter((s) => !Number.isNaN(s))) - 1;
  const s = scores.map((v) => (Number.isNaN(v) ? floor : v));
  return s.map((v) => 1 + s.filter((w) => w > v).length);
}

const listeners = new Set<GridSearchListener>();

export class GridSearch extends Estimator<GridSearchParams> {
  static readonly kind: EstimatorKind = 'regressor';

  /** Subscribe to every GridSearch's events (see the file comment); returns the unsubscribe function. */
  static addListener(fn: GridSearchListener): () => void {
    listeners.add(fn);
    return () => listeners.delete(fn);
  }

  /** This search's per-candidate callback (not a param: clones do not copy it). */
  onCandidate: ((info: CandidateInfo) => void | Promise<void>) | undefined;

  cvResults_: CvResults | null = null;
  bestIndex_: number | null = null;
  bestParams_: Record<string, unknown> | null = null;
  bestScore_: number | null = null;
  bestEstimator_: AnyEstimator | null = null;
  nSplits_: number | null = null;
  /** Seconds spent refitting the best candidate. */
  refitTime_: number | null = null;

  /** `new GridSearch(estimator, paramGrid, {cv, scoring, refit, onCandidate})`, or one params object. */
  constructor(
    estimator?: AnyEstimator | Partial<GridSearchParams>,
    paramGrid?: ParamGrid,
    options: GridSearchOptions = {},
  ) {
    const { onCandidate, ...rest } = options;
    const given =
      isEstimator(estimator) || estimator === undefined
        ? { estimator: estimator ?? null, paramGrid, ...rest }
        : estimator;
    super(
      {
        estimator: null,
        paramGrid: {},
        cv: 5,
        scoring: undefined,
        refit: true,
        returnTrainScore: false,
        errorScore: NaN,
      },
      given,
    );
    this.onCandidate = onCandidate;
  }

  override get kind(): EstimatorKind {
    return this.params.estimator?.kind ?? 'regressor';
  }

  get isFitted(): boolean {
    return this.cvResults_ !== null;
  }

  private static async emit(event: GridSearchEvent): Promise<void> {
    for (const fn of listeners) await fn(event);
  }

  async fit(X: unknown, y?: unknown): Promise<this> {
    const base = this.params.estimator;
    if (!base)
      throw new KirokuError(
        'GridSearch needs an estimator: new GridSearch(estimator, paramGrid).',
        'INVALID_PARAMETER_VALUE',
      );
    const candidates = parameterGrid(this.params.paramGrid);
    const Xi = indexable(X);
    const yi = indexable(y);
    const folds = checkCv(this.params.cv, base, Xi as Splittable, yi);
    const scorer = getScorer(this.params.scoring);
    const { returnTrainScore, errorScore } = this.params;
    this.nSplits_ = folds.length;
    await GridSearch.emit({ type: 'start', search: this, candidates, nSplits: folds.length });

    const perCandidate: FoldResult[][] = [];
    for (const [index, params] of candidates.entries()) {
      const results: FoldResult[] = [];
      for (const fold of folds)
        results.push(await fitAndScore(base, Xi, yi, fold, scorer, { params, returnTrainScore, errorScore }));
      perCandidate.push(results);
      const test = results.map((r) => r.testScore);
      const info: CandidateInfo = {
        search: this,
        index,
        total: candidates.length,
        params,
        meanTestScore: mean(test),
        stdTestScore: std(test),
        splitTestScores: test,
        meanFitTime: mean(results.map((r) => r.fitTime)),
        meanScoreTime: mean(results.map((r) => r.scoreTime)),
      };
      if (returnTrainScore) info.meanTrainScore = mean(results.map((r) => r.trainScore!));
      await this.onCandidate?.(info);
      await GridSearch.emit({ type: 'candidate', ...info });
    }

    this.cvResults_ = this.buildResults(candidates, perCandidate);
    const ranks = this.cvResults_.rank_test_score;
    this.bestIndex_ = ranks.indexOf(Math.min(...ranks));
    this.bestParams_ = candidates[this.bestIndex_]!;
    this.bestScore_ = this.cvResults_.mean_test_score[this.bestIndex_]!;
    // A previous best estimator is left as it is (the caller may still hold it); `dispose()` frees it.
    this.bestEstimator_ = null;
    if (this.params.refit) {
      const best = clone(base);
      setParamsLoose(best, this.bestParams_);
      const t0 = performance.now();
      await best.fit(X, y);
      this.refitTime_ = (performance.now() - t0) / 1000;
      this.bestEstimator_ = best;
    }
    await GridSearch.emit({ type: 'end', search: this });
    return this;
  }

  /** Free the best estimator's tensors (an MLP's), if it holds any. */
  dispose(): void {
    const d = (this.bestEstimator_ as unknown as { dispose?: () => void } | null)?.dispose;
    if (typeof d === 'function') d.call(this.bestEstimator_);
  }

  private buildResults(candidates: Record<string, unknown>[], perCandidate: FoldResult[][]): CvResults {
    const col = (f: (r: FoldResult[]) => number) => perCandidate.map(f);
    const test = (r: FoldResult[]) => r.map((x) => x.testScore);
    const out: CvResults = {
      mean_fit_time: col((r) => mean(r.map((x) => x.fitTime))),
      std_fit_time: col((r) => std(r.map((x) => x.fitTime))),
      mean_score_time: col((r) => mean(r.map((x) => x.scoreTime))),
      std_score_time: col((r) => std(r.map((x) => x.scoreTime))),
      params: candidates,
      mean_test_score: [],
      std_test_score: [],
      rank_test_score: [],
    };
    const keys = [...new Set(candidates.flatMap(Object.keys))].sort();
    for (const k of keys) out[`param_${snakeCase(k)}`] = candidates.map((c) => (k in c ? c[k] : null));
    const nSplits = perCandidate[0]?.length ?? 0;
    for (let s = 0; s < nSplits; s++) out[`split${s}_test_score`] = col((r) => r[s]!.testScore);
    out.mean_test_score = col((r) => mean(test(r)));
    out.std_test_score = col((r) => std(test(r)));
    out.rank_test_score = rank(out.mean_test_score);
    if (this.params.returnTrainScore) {
      for (let s = 0; s < nSplits; s++) out[`split${s}_train_score`] = col((r) => r[s]!.trainScore!);
      out.mean_train_score = col((r) => mean(r.map((x) => x.trainScore!)));
      out.std_train_score = col((r) => std(r.map((x) => x.trainScore!)));
    }
    return out;
  }

  private best(method: string): Record<string, (...a: unknown[]) => unknown> {
    this.checkFitted();
    const best = this.bestEstimator_ as unknown as Record<string, (...a: unknown[]) => unknown> | null;
    if (!best)
      throw new KirokuError(
        `This GridSearch instance was initialized with refit=false. ${method} is available only after refitting on ` +
          `the best parameters.`,
        'INVALID_STATE',
      );
    if (typeof best[method] !== 'function')
      throw new KirokuError(`${this.bestEstimator_!.estimatorName} has no ${method}.`, 'INVALID_STATE');
    return best;
  }

  predict(X: unknown): ReturnType<(...a: unknown[]) => any> {
    return this.best('predict').predict!(X);
  }
  predictProba(X: unknown): ReturnType<(...a: unknown[]) => any> {
    return this.best('predictProba').predictProba!(X);
  }
  transform(X: unknown): ReturnType<(...a: unknown[]) => any> {
    return this.best('transform').transform!(X);
  }
  /** The search's scoring on (X, y) with the best estimator, as scikit-learn's `GridSearchCV.score`. */
  score(X: unknown, y: unknown): number {
    this.best('predict');
    return getScorer(this.params.scoring)(this.bestEstimator_!, X, y);
  }

  /** Deep params as scikit-learn's: `estimator`, `estimator__alpha`, `param_grid`, `cv`, `scoring`, … */
  override getParams(): Record<string, unknown> {
    const { estimator, paramGrid, cv, scoring, refit, returnTrainScore, errorScore } = this.params;
    return {
      cv: typeof cv === 'number' ? cv : ((cv as object).constructor?.name ?? 'iterable'),
      error_score: errorScore,
      param_grid: JSON.stringify(paramGrid),
      refit,
      return_train_score: returnTrainScore,
      scoring: typeof scoring === 'function' ? scoring.name || 'callable' : (scoring ?? null),
      ...nestedParams('estimator', estimator),
    };
  }

  override setParams(params: Partial<GridSearchParams> & Record<string, unknown>): this {
    const { own, nested } = splitNestedParams(params);
    super.setParams(own as Partial<GridSearchParams>);
    const inner = nested.get('estimator');
    if (inner && this.params.estimator) setParamsLoose(this.params.estimator, inner);
    return this;
  }

  override toJSON(): EstimatorJSON {
    const { estimator, cv, scoring } = this.params;
    if (typeof scoring === 'function' || typeof cv !== 'number') {
      throw new KirokuError(
        'A GridSearch with a custom scorer or splitter cannot be serialized; serialize bestEstimator_ instead.',
        'INVALID_STATE',
      );
    }
    return {
      name: this.estimatorName,
      version: this.stateVersion,
      params: {
        ...this.params,
        estimator: estimator ? { $estimator: { ...estimator.toJSON(), state: null } } : null,
        errorScore: numberOrNull(this.params.errorScore),
      },
      state: this.isFitted ? this.stateToJSON() : null,
    };
  }

  protected stateToJSON(): Record<string, unknown> {
    return {
      cvResults: this.cvResults_,
      bestIndex: this.bestIndex_,
      bestParams: this.bestParams_,
      bestScore: this.bestScore_,
      nSplits: this.nSplits_,
      refitTime: this.refitTime_,
      bestEstimator: paramToJSON(this.bestEstimator_),
    };
  }

  static override paramsFromJSON(p: Record<string, unknown>): Record<string, unknown> {
    return {
      ...p,
      estimator: paramFromJSON(p.estimator) as AnyEstimator | null,
      errorScore: p.errorScore === null ? NaN : (p.errorScore as number | 'raise'),
    };
  }

  protected override stateFromJSON(s: Record<string, unknown>): void {
    this.cvResults_ = s.cvResults as CvResults;
    this.bestIndex_ = s.bestIndex as number;
    this.bestParams_ = s.bestParams as Record<string, unknown>;
    this.bestScore_ = s.bestScore as number;
    this.nSplits_ = s.nSplits as number;
    this.refitTime_ = s.refitTime as number | null;
    this.bestEstimator_ = paramFromJSON(s.bestEstimator) as AnyEstimator | null;
  }
}

function numberOrNull(v: number | 'raise'): number | 'raise' | null {
  return typeof v === 'number' && Number.isNaN(v) ? null : v;
}

nameEstimator('GridSearch', GridSearch);

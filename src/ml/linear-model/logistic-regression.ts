// LogisticRegression, scikit-learn's with solver='lbfgs': L2 penalty (or none), binary with one
// sigmoid, multiclass multinomial (softmax; multi_class='auto') or one-vs-rest, class weights, and
// sklearn's `classes_` order, shapes (`coef_` has one row for binary problems) and warnings.
import { DataError, KirokuError } from '../../lib/errors';
import type { MatrixInput, VectorInput } from '../../data/frame';
import { Classifier, checkOneOf, checkRange, registerEstimator } from '../core/estimator';
import { encodeLabels, toLabels, uniqueLabels, type Label } from '../core/labels';
import { checkSameLength } from '../metrics';
import { fitLogistic } from './logistic-loss';

export interface LogisticRegressionParams {
  C: number;
  /** Weights per class label (keys are the labels as strings), 'balanced', or null. */
  classWeight: Record<string, number> | 'balanced' | null;
  dual: boolean;
  fitIntercept: boolean;
  interceptScaling: number;
  l1Ratio: number | null;
  maxIter: number;
  multiClass: 'auto' | 'ovr' | 'multinomial';
  nJobs: number | null;
  penalty: 'l2' | 'none' | null;
  randomState: number | null;
  solver: 'lbfgs';
  tol: number;
  verbose: number;
  warmStart: boolean;
}

const DEFAULTS: LogisticRegressionParams = {
  C: 1,
  classWeight: null,
  dual: false,
  fitIntercept: true,
  interceptScaling: 1,
  l1Ratio: null,
  maxIter: 100,
  multiClass: 'auto',
  nJobs: null,
  penalty: 'l2',
  randomState: null,
  solver: 'lbfgs',
  tol: 1e-4,
  verbose: 0,
  warmStart: false,
};

const CONVERGENCE_HINT =
  'Increase the number of iterations (max_iter) or scale the data as shown in:\n' +
  '    https://scikit-learn.org/stable/modules/preprocessing.html\n' +
  'Please also refer to the documentation for alternative solver options:\n' +
  '    https://scikit-learn.org/stable/modules/linear_model.html#logistic-regression';

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Logistic regression (aka logit, MaxEnt) classifier (sklearn.linear_model.LogisticRegression). */
export class LogisticRegression extends Classifier<LogisticRegressionParams> {
  /** One row per class (one row in total for binary problems), `nFeaturesIn_` columns. */
  coef_: number[][] | undefined = undefined;
  intercept_: number[] | undefined = undefined;
  /** L-BFGS iterations: one entry, or one per class for one-vs-rest. */
  nIter_: number[] | undefined = undefined;
  /** 'multinomial' or 'ovr': what `multiClass` resolved to. */
  private mode: 'multinomial' | 'ovr' = 'ovr';

  constructor(params: Partial<LogisticRegressionParams> = {}) {
    super(DEFAULTS, params);
  }

  get isFitted(): boolean {
    return this.coef_ !== undefined;
  }

  private validateParams(): void {
    const p = this.params;
    const name = this.estimatorName;
    checkRange(name, 'C', p.C, 0, Infinity, { loOpen: true });
    checkRange(name, 'maxIter', p.maxIter, 0, Infinity, { integer: true });
    checkRange(name, 'tol', p.tol, 0, Infinity);
    checkOneOf(name, 'multiClass', p.multiClass, ['auto', 'ovr', 'multinomial']);
    checkOneOf(name, 'fitIntercept', p.fitIntercept, [true, false]);
    if (p.solver !== 'lbfgs') {
      throw new KirokuError(
        `Kiroku's LogisticRegression supports solver='lbfgs' only; got solver=${JSON.stringify(p.solver)}.`,
        'INVALID_PARAMETER_VALUE',
      );
    }
    if (p.penalty !== 'l2' && p.penalty !== 'none' && p.penalty !== null) {
      throw new KirokuError(
        `Solver lbfgs supports only 'l2' or 'none' penalties, got ${p.penalty} penalty.`,
        'INVALID_PARAMETER_VALUE',
      );
    }
    if (p.dual)
      throw new KirokuError('Solver lbfgs supports only dual=False, got dual=True', 'INVALID_PARAMETER_VALUE');
    const cw = p.classWeight;
    if (cw !== null && cw !== 'balanced' && (typeof cw !== 'object' || Array.isArray(cw))) {
      throw new KirokuError(
        "The 'class_weight' parameter of LogisticRegression must be a dict, 'balanced' or None. " +
          `Got ${JSON.stringify(cw)} instead.`,
        'INVALID_PARAMETER_VALUE',
      );
    }
  }

  /** Per-sample weights from `classWeight` for labels `y` (class indices into `classes`). */
  private classWeights(y: Int32Array, classes: Label[], sw: Float64Array): void {
    const cw = this.params.classWeight;
    if (cw === null) return;
    const w = new Float64Array(classes.length).fill(1);
    if (cw === 'balanced') {
      const counts = new Float64Array(classes.length);
      for (let i = 0; i < y.length; i++) counts[y[i]!]!++;
      classes.forEach((_, k) => (w[k] = y.length / (classes.length * counts[k]!)));
    } else {
      for (const [key, v] of Object.entries(cw)) {
        const k = classes.findIndex((c) => String(c) === key);
        if (k < 0)
          throw new DataError(
            `The classes, ${JSON.stringify(classes)}, are not in class_weight; ${JSON.stringify(key)} is.`,
          );
        w[k] = v;
      }
    }
    for (let i = 0; i < y.length; i++) sw[i]! *= w[y[i]!]!;
  }

  fit(X: MatrixInput, y: VectorInput, sampleWeight?: ArrayLike<number>): this {
    this.validateParams();
    const p = this.params;
    const m = this.fitMatrix(X);
    const labels = toLabels(y);
    checkSameLength(m.rows, labels.length);
    const classes = uniqueLabels(labels);
    if (classes.length < 2) {
      throw new DataError(
        'This solver needs samples of at least 2 classes in the data, but the data contains only one class: ' +
          JSON.stringify(classes[0]),
      );
    }
    const yi = encodeLabels(labels, classes); // a loop: TypedArray.from with a callback costs ~10 ms at 50,000 rows
    const sw = sampleWeight ? Float64Array.from(sampleWeight) : new Float64Array(m.rows).fill(1);
    checkSameLength(m.rows, sw.length);
    const l2 = p.penalty === 'l2' ? 1 / p.C : 0;
    const K = classes.length;
    this.mode = p.multiClass === 'auto' ? (K > 2 ? 'multinomial' : 'ovr') : p.multiClass;
    const base = { n: m.rows, p: m.cols, X: m.data };
    const opts = { l2, fitIntercept: p.fitIntercept, maxIter: p.maxIter, tol: p.tol };
    const coef: number[][] = [];
    const intercept: number[] = [];
    const nIter: number[] = [];
    const statuses: string[] = [];
    if (this.mode === 'multinomial') {
      this.classWeights(yi, classes, sw);
      const r = fitLogistic({ ...base, y: yi, sw }, { ...opts, rows: K });
      // sklearn keeps only the second class's row for a two-class multinomial fit.
      const rows = K === 2 ? [1] : classes.map((_, k) => k);
      for (const k of rows) {
        coef.push(Array.from(r.coef[k]!));
        intercept.push(r.intercept[k]!);
      }
      nIter.push(r.result.nIter);
      statuses.push(r.result.status);
    } else {
      for (const k of K === 2 ? [1] : classes.map((_, k) => k)) {
        const yb = new Int32Array(yi.length);
        for (let i = 0; i < yi.length; i++) yb[i] = yi[i] === k ? 1 : 0;
        const swk = Float64Array.from(sw);
        if (p.classWeight === 'balanced') this.classWeights(yb, [0, 1], swk);
        else this.classWeights(yi, classes, swk);
        const r = fitLogistic({ ...base, y: yb, sw: swk }, { ...opts, rows: 1 });
        coef.push(Array.from(r.coef[0]!));
        intercept.push(r.intercept[0]!);
        nIter.push(r.result.nIter);
        statuses.push(r.result.status);
      }
    }
    for (const s of new Set(statuses)) {
      if (s === 'max-iter')
        this.warn(
          'ConvergenceWarning',
          `lbfgs failed to converge (status=1):\nSTOP: TOTAL NO. of ITERATIONS REACHED LIMIT.\n\n${CONVERGENCE_HINT}`,
        );
      if (s === 'line-search')
        this.warn(
          'ConvergenceWarning',
          `lbfgs failed to converge (status=2):\nABNORMAL_TERMINATION_IN_LNSRCH.\n\n${CONVERGENCE_HINT}`,
        );
    }
    this.classes_ = classes;
    this.coef_ = coef;
    this.intercept_ = intercept;
    this.nIter_ = nIter;
    return this;
  }

  /** Signed distances to the hyperplanes: one column per row of `coef_`, as rows of values. */
  decisionFunction(X: MatrixInput): number[][] {
    const m = this.predictMatrix(X);
    const coef = this.coef_!;
    const out = Array.from({ length: m.rows }, () => new Array<number>(coef.length));
    coef.forEach((w, k) => {
      const z = new Float64Array(m.rows).fill(this.intercept_![k]!);
      for (let j = 0; j < m.cols; j++) {
        const c = w[j]!;
        if (c === 0) continue;
        const off = j * m.rows;
        for (let i = 0; i < m.rows; i++) z[i]! += c * m.data[off + i]!;
      }
      for (let i = 0; i < m.rows; i++) out[i]![k] = z[i]!;
    });
    return out;
  }

  predictProba(X: MatrixInput): number[][] {
    const d = this.decisionFunction(X);
    if (this.coef_!.length === 1) {
      // Binary: sigmoid, or for a two-class multinomial fit softmax([−z, z]) = sigmoid(2z), as sklearn.
      const f = this.mode === 'multinomial' ? 2 : 1;
      return d.map(([z]) => {
        const q = sigmoid(f * z!);
        return [1 - q, q];
      });
    }
    if (this.mode === 'multinomial') {
      return d.map((z) => {
        const max = Math.max(...z);
        const e = z.map((v) => Math.exp(v - max));
        const s = e.reduce((a, v) => a + v, 0);
        return e.map((v) => v / s);
      });
    }
    // One-vs-rest: each class's sigmoid, normalized over classes.
    return d.map((z) => {
      const q = z.map(sigmoid);
      const s = q.reduce((a, v) => a + v, 0);
      return q.map((v) => v / s);
    });
  }

  /** Log of `predictProba`. */
  predictLogProba(X: MatrixInput): number[][] {
    return this.predictProba(X).map((r) => r.map(Math.log));
  }

  protected stateToJSON(): Record<string, unknown> {
    return {
      ...this.inputState(),
      classes: this.classes_,
      coef: this.coef_,
      intercept: this.intercept_,
      nIter: this.nIter_,
      mode: this.mode,
    };
  }

  protected override stateFromJSON(s: Record<string, unknown>): void {
    this.restoreInputState(s);
    this.classes_ = s.classes as Label[];
    this.coef_ = s.coef as number[][];
    this.intercept_ = s.intercept as number[];
    this.nIter_ = s.nIter as number[];
    this.mode = s.mode as 'multinomial' | 'ovr';
  }
}

registerEstimator('LogisticRegression', LogisticRegression);

// ElasticNet, Lasso, Ridge and LinearRegression against scikit-learn 1.2.1 (test/fixtures/
// gen_sklearn_linear.py): coefficients, intercepts and predictions; n_iter_ and dual_gap_ where the
// case runs sklearn's own stopping rule; the ConvergenceWarning where sklearn raised one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ElasticNet, Lasso } from '../../src/ml/linear-model/elastic-net';
import { Ridge } from '../../src/ml/linear-model/ridge';
import { LinearRegression } from '../../src/ml/linear-model/linear-regression';
import { seededRandom } from '../../src/lib/random';
import MultivariateLinearRegression from 'ml-regression-multivariate-linear';
import { setWarningHandler, type MLWarning } from '../../src/ml/core/warnings';
import { withoutWasmKernels } from '../../src/ml/wasm/kernels';
import type { LinearModel } from '../../src/ml/linear-model/base';
import { camelParams, fixture, matrix, relErr, wine, type RegressionCase } from './sklearn-fixture';

const f = fixture();
const w = wine();
const data = {
  wine: { X: matrix(w.X), y: w.y, head: matrix(w.X.slice(0, f.n_predict)) },
  synthetic: { X: matrix(f.synthetic.X), y: f.synthetic.y, head: matrix(f.synthetic.X.slice(0, f.n_predict)) },
};
const classes = { ElasticNet, Lasso, Ridge, LinearRegression } as Record<string, new (p: any) => LinearModel<any>>;

let warnings: MLWarning[] = [];
let previous: ReturnType<typeof setWarningHandler>;
beforeAll(() => {
  previous = setWarningHandler((x) => warnings.push(x));
});
afterAll(() => {
  setWarningHandler(previous);
});

/** How close each kind of case must be. */
function tolerance(c: RegressionCase): number {
  if (c.estimator === 'Ridge' && c.params.positive) return 1e-5; // sklearn's L-BFGS-B stops at its tol
  if (c.params.selection === 'random') return 1e-8; // another random order: same optimum, other path
  return 1e-6;
}

describe('linear models match scikit-learn', () => {
  it('uses the fixture written by scikit-learn 1.2.1', () => {
    expect(f.sklearn_version).toBe('1.2.1');
    expect(w.X.length).toBe(f.wine.rows);
    expect(w.X[0]!.length).toBe(f.wine.cols);
  });

  // Every case on both kernels: WebAssembly SIMD, and the plain-JS loops that run where it is missing.
  for (const [kernels, run] of [
    ['WebAssembly', <T>(fn: () => T) => fn()],
    ['plain JS', withoutWasmKernels],
  ] as const) {
    for (const c of f.regression) {
      it(`${c.estimator}(${JSON.stringify(c.params)}) on ${c.data}: ${c.note} (${kernels})`, () => {
        warnings = [];
        const d = data[c.data];
        const m = run(() => new classes[c.estimator]!(camelParams(c.params)).fit(d.X, d.y));
        const tol = tolerance(c);
        expect(relErr(m.coef_!, c.coef)).toBeLessThan(tol);
        expect(Math.abs(m.intercept_! - c.intercept) / Math.max(1, Math.abs(c.intercept))).toBeLessThan(tol);
        expect(relErr(m.predict(d.head), c.predict)).toBeLessThan(tol);
        const enet = m as ElasticNet;
        if (c.n_iter !== undefined && c.params.selection !== 'random') {
          // Same epochs and the same stopping rule as cd_fast.pyx: the same epoch count.
          expect(enet.nIter_).toBe(c.n_iter);
          expect(Math.abs(enet.dualGap_! - c.dual_gap!) / c.dual_gap!).toBeLessThan(1e-3);
        }
        const convergence = warnings.filter((x) => x.category === 'ConvergenceWarning');
        expect(convergence.length > 0).toBe(c.convergence_warning);
        if (c.convergence_warning) {
          expect(enet.warnings_.map((x) => x.category)).toContain('ConvergenceWarning');
          expect(convergence[0]!.message).toMatch(
            /^Objective did not converge\. .* Duality gap: \d\.\d{3}e[+-]\d\d, tolerance: \d\.\d{3}e[+-]\d\d/,
          );
        }
      });
    }
  }
});

describe('objectives and parameter relations', () => {
  const { X, y } = data.synthetic;
  const n = y.length;

  it('Lasso(alpha) is ElasticNet(alpha, l1Ratio=1)', () => {
    const a = new Lasso({ alpha: 0.2, tol: 1e-12 }).fit(X, y);
    const b = new ElasticNet({ alpha: 0.2, l1Ratio: 1, tol: 1e-12 }).fit(X, y);
    expect(Array.from(a.coef_!)).toEqual(Array.from(b.coef_!));
  });

  it('Ridge(alpha) is ElasticNet(alpha / n, l1Ratio=0): Ridge has no 1/(2n) on the data term', () => {
    const r = new Ridge({ alpha: 5 }).fit(X, y);
    const e = new ElasticNet({ alpha: 5 / n, l1Ratio: 0, tol: 1e-14, maxIter: 100000 }).fit(X, y);
    expect(relErr(e.coef_!, r.coef_!)).toBeLessThan(1e-8);
  });

  it('precompute=true (Gram) and the default path give the same solution', () => {
    const a = new ElasticNet({ alpha: 0.01, tol: 1e-12, maxIter: 100000 }).fit(data.wine.X, data.wine.y);
    const b = new ElasticNet({ alpha: 0.01, tol: 1e-12, maxIter: 100000, precompute: true }).fit(
      data.wine.X,
      data.wine.y,
    );
    expect(relErr(a.coef_!, b.coef_!)).toBeLessThan(1e-9);
    expect(a.nIter_).toBe(b.nIter_);
  });

  it('columns far from zero, a leading outlier and a constant column do not upset the one-pass statistics', () => {
    // Column 0 sits at 1e8 ± 1 (the shifted sums must not cancel), column 1 starts with an outlier
    // (the two-pass fallback), column 2 is constant (norm 0: coefficient 0, no NaN).
    const rows = f.synthetic.X.map((r, i) => [1e8 + r[0]!, i === 0 ? 1e6 : r[1]!, 7, r[4]!]);
    const shifted = rows.map((r) => [r[0]! - 1e8, r[1]!, 7, r[3]!]);
    const opts = { alpha: 0.01, tol: 1e-12, maxIter: 100000 };
    const a = new ElasticNet(opts).fit(rows, y);
    const b = new ElasticNet({ ...opts, precompute: true }).fit(rows, y);
    const c = new ElasticNet(opts).fit(shifted, y);
    expect(a.coef_![2]).toBe(0);
    expect(relErr(a.coef_!, b.coef_!)).toBeLessThan(1e-7);
    expect(relErr(a.coef_!, c.coef_!)).toBeLessThan(1e-7);
    expect(relErr(a.predict(rows), c.predict(shifted))).toBeLessThan(1e-7);
    expect(a.nIter_).toBe(c.nIter_);
  });

  it('warmStart starts from the previous coef_ and so needs fewer epochs', () => {
    const m = new ElasticNet({ alpha: 0.05, warmStart: true, tol: 1e-8 }).fit(X, y);
    const first = m.nIter_!;
    m.fit(X, y);
    expect(m.nIter_!).toBeLessThan(first);
    expect(m.nIter_!).toBeLessThanOrEqual(2);
  });

  it('positive=true keeps every coefficient ≥ 0', () => {
    for (const m of [
      new ElasticNet({ alpha: 0.01, positive: true }).fit(data.wine.X, data.wine.y),
      new LinearRegression({ positive: true }).fit(data.wine.X, data.wine.y),
      new Ridge({ positive: true }).fit(data.wine.X, data.wine.y),
    ]) {
      expect(Math.min(...m.coef_!)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...m.coef_!)).toBeGreaterThan(0);
    }
  });

  it('a large alpha zeroes every coefficient and predicts the mean', () => {
    const m = new Lasso({ alpha: 1e6 }).fit(X, y);
    expect(Array.from(m.coef_!).every((v) => v === 0)).toBe(true);
    expect(m.intercept_).toBeCloseTo(y.reduce((s, v) => s + v, 0) / n, 12);
    expect(m.nIter_).toBe(1);
  });

  it('score is R² of the predictions', () => {
    const m = new LinearRegression().fit(X, y);
    const p = m.predict(X);
    const mean = y.reduce((s, v) => s + v, 0) / n;
    const ssRes = y.reduce((s, v, i) => s + (v - p[i]!) ** 2, 0);
    const ssTot = y.reduce((s, v) => s + (v - mean) ** 2, 0);
    expect(m.score(X, y)).toBeCloseTo(1 - ssRes / ssTot, 12);
  });

  it('LinearRegression: least squares on ill-conditioned and on collinear columns (minimum-norm, as lstsq)', () => {
    const r = seededRandom(4);
    const n2 = 300;
    const a = Array.from({ length: n2 }, () => r());
    const b = Array.from({ length: n2 }, () => r());
    const target = a.map((v, i) => 3 * v - b[i]! + 0.01 * r());
    // Nearly collinear (κ ≈ 1e8 for the correlations: Cholesky on the normal equations would lose
    // half the digits) and exactly collinear (c = a + b: no unique solution).
    const cases = [a.map((v, i) => [v, b[i]!, v + b[i]! + 1e-4 * r()]), a.map((v, i) => [v, b[i]!, v + b[i]!])];
    for (const rows of cases) {
      const m = new LinearRegression().fit(rows, target);
      const pred = m.predict(rows);
      // The residual is orthogonal to every centered column: the normal equations hold.
      const res = target.map((v, i) => v - pred[i]!);
      for (let j = 0; j < 3; j++) {
        const col = rows.map((row) => row[j]!);
        const mean = col.reduce((s, v) => s + v, 0) / n2;
        const dot = col.reduce((s, v, i) => s + (v - mean) * res[i]!, 0);
        const norms = Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) * res.reduce((s, v) => s + v * v, 0));
        expect(Math.abs(dot) / norms).toBeLessThan(1e-8);
      }
    }
    // Exactly collinear: lstsq's minimum-norm answer has no component along the null space (1, 1, −1).
    const m = new LinearRegression().fit(cases[1]!, target);
    const [w0, w1, w2] = Array.from(m.coef_!);
    expect(Math.abs(w0! + w1! - w2!) / Math.hypot(w0!, w1!, w2!)).toBeLessThan(1e-8);
  });

  it('LinearRegression agrees with ml.js (ml-regression-multivariate-linear) on a well-conditioned problem', () => {
    const r = seededRandom(9);
    const rows = Array.from({ length: 400 }, () => [r() * 10, r() - 0.5, 100 + r(), r() * r()]);
    const target = rows.map(([a, b, c, d]) => 0.3 * a! - 2 * b! + 0.5 * c! + 4 * d! + 0.1 * r());
    const m = new LinearRegression().fit(rows, target);
    const ref = new MultivariateLinearRegression(
      rows,
      target.map((v) => [v]),
      { intercept: true, statistics: false },
    );
    const refCoef = ref.weights.slice(0, 4).map((w) => w[0]!);
    expect(relErr(m.coef_!, refCoef)).toBeLessThan(1e-8);
    expect(Math.abs(m.intercept_! - ref.weights[4]![0]!)).toBeLessThan(1e-6);
  });

  it("refuses bad params with sklearn's message", () => {
    expect(() => new ElasticNet({ alpha: -1 }).fit(X, y)).toThrow(
      "The 'alpha' parameter of ElasticNet must be a float in the range [0, inf). Got -1 instead.",
    );
    expect(() => new ElasticNet({ l1Ratio: 2 }).fit(X, y)).toThrow("'l1_ratio' parameter of ElasticNet");
    expect(() => new Lasso({ selection: 'shuffle' as never }).fit(X, y)).toThrow("'selection' parameter of Lasso");
    expect(() => new Ridge({ solver: 'cholesky', positive: true }).fit(X, y)).toThrow('does not support positive');
  });

  it('refuses y of another length', () => {
    expect(() => new Ridge().fit(X, y.slice(1))).toThrow(
      'Found input variables with inconsistent numbers of samples: [200, 199].',
    );
  });

  it("getParams gives sklearn's names, copy_X included", () => {
    expect(Object.keys(new ElasticNet().getParams())).toEqual([
      'alpha',
      'copy_X',
      'fit_intercept',
      'l1_ratio',
      'max_iter',
      'positive',
      'precompute',
      'random_state',
      'selection',
      'tol',
      'warm_start',
    ]);
    expect(Object.keys(new Lasso().getParams())).not.toContain('l1_ratio');
    expect(Object.keys(new LinearRegression().getParams())).toEqual(['copy_X', 'fit_intercept', 'n_jobs', 'positive']);
    expect(Object.keys(new Ridge().getParams())).toEqual([
      'alpha',
      'copy_X',
      'fit_intercept',
      'max_iter',
      'positive',
      'random_state',
      'solver',
      'tol',
    ]);
  });
});

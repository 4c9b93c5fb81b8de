// Linear models at 50,000 × 100, Kiroku (Node) beside scikit-learn (/usr/bin/python3) on the same
// seeded data: Ridge(alpha=1), LinearRegression, ElasticNet at alpha 0.1, 1 and 0.01, and binary
// LogisticRegression (lbfgs, max_iter=100). Both sides get X column-major (sklearn a Fortran-ordered
// view, what its solvers want). Rounds alternate between the two, so load from other processes falls
// on both; each figure gives median, min and max (the spread is the noise), the ratio of medians, and
// how far the coefficients are from sklearn's. Kiroku fits on one thread (its WebAssembly SIMD
// kernels); sklearn's BLAS uses every core.
//
//   node --import tsx bench/ml-linear.bench.ts          (BENCH_ROUNDS=3, BENCH_REPEAT=3)
import { ElasticNet, LinearRegression, LogisticRegression, Ridge } from '../src/ml/index';
import { setWarningHandler } from '../src/ml/warnings';
import { seededRandom } from '../src/lib/random';
import type { Matrix } from '../src/data/frame';
import { report, round } from './report';
import { runPython, sklearnAvailable, stats, writeFloat64 } from './sklearn';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const N = 50_000;
const P = 100;

/** Gaussian features, 10 informative coefficients, unit noise; labels from the sign of a noisy score. */
function synthetic(n: number, p: number): { X: Matrix; y: Float64Array; labels: Float64Array } {
  const rand = seededRandom(7);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const data = new Float64Array(n * p);
  for (let k = 0; k < data.length; k++) data[k] = gauss();
  const w = new Float64Array(p);
  for (let j = 0; j < 10; j++) w[j] = 3 * gauss();
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = gauss();
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) y[i]! += w[j]! * data[j * n + i]!;
  const labels = Float64Array.from(y, (v) => (v + 2 * gauss() > 0 ? 1 : 0));
  return { X: { data, rows: n, cols: p, columns: [] }, y, labels };
}

type Case = { name: string; sklearn: string; params: Record<string, unknown>; classify?: boolean; fit: (X: Matrix, y: Float64Array) => ArrayLike<number> };
const cases: Case[] = [
  { name: 'Ridge', sklearn: 'Ridge', params: { alpha: 1 }, fit: (X, y) => new Ridge({ alpha: 1 }).fit(X, y).coef_! },
  { name: 'LinearRegression', sklearn: 'LinearRegression', params: {}, fit: (X, y) => new LinearRegression().fit(X, y).coef_! },
  ...[0.1, 1, 0.01].map((alpha) => ({
    name: `ElasticNet(alpha=${alpha})`, sklearn: 'ElasticNet', params: { alpha },
    fit: (X: Matrix, y: Float64Array) => new ElasticNet({ alpha }).fit(X, y).coef_!,
  })),
  {
    name: 'LogisticRegression (binary)', sklearn: 'LogisticRegression', params: { max_iter: 100 }, classify: true,
    fit: (X, y) => new LogisticRegression({ maxIter: 100 }).fit(X, y).coef_![0]!,
  },
];

const PY = `
import json, sys, time, warnings
import numpy as np
from sklearn import linear_model
warnings.simplefilter("ignore")
path, n, p, repeat, name, params, classify = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], json.loads(sys.argv[6]), sys.argv[7] == "1"
raw = np.fromfile(path, dtype=np.float64)
X = raw[: n * p].reshape(p, n).T
y = raw[n * p + n :] if classify else raw[n * p : n * p + n].copy()
cls = getattr(linear_model, name)
cls(**params).fit(X, y)
times = []
for _ in range(repeat):
    t0 = time.perf_counter()
    m = cls(**params).fit(X, y)
    times.append((time.perf_counter() - t0) * 1000)
print(json.dumps({"times": times, "coef": np.ravel(m.coef_).tolist()}))
`;

setWarningHandler(() => {});
const d = synthetic(N, P);
const file = writeFloat64([d.X.data, d.y, d.labels]);
const withSklearn = sklearnAvailable();
try {
  for (const c of cases) {
    const target = c.classify ? d.labels : d.y;
    const ours: number[] = [];
    const theirs: number[] = [];
    let coef: ArrayLike<number> = c.fit(d.X, target); // warm-up (JIT, WebAssembly compile)
    let skCoef: number[] | null = null;
    for (let r = 0; r < ROUNDS; r++) {
      for (let i = 0; i < REPEAT; i++) {
        const t0 = performance.now();
        coef = c.fit(d.X, target);
        ours.push(performance.now() - t0);
      }
      if (withSklearn) {
        const s = runPython<{ times: number[]; coef: number[] }>(PY, [file.path, N, P, REPEAT, c.sklearn, JSON.stringify(c.params), c.classify ? 1 : 0]);
        theirs.push(...s.times);
        skCoef = s.coef;
      }
    }
    const k = stats(ours);
    const figure: Record<string, unknown> & { bench: string } = { bench: 'ml-linear', model: c.name, data: `${N}x${P}`, samples: ours.length, kirokuMs: k };
    if (skCoef) {
      const s = stats(theirs);
      let diff = 0;
      let scale = 1e-12;
      skCoef.forEach((v, j) => {
        diff = Math.max(diff, Math.abs(v - coef[j]!));
        scale = Math.max(scale, Math.abs(v));
      });
      Object.assign(figure, { sklearnMs: s, ratio: round(k.median / s.median, 2), goal: '<= 1.0', coefMaxRelDiff: Number((diff / scale).toExponential(2)) });
    }
    report(figure);
  }
} finally {
  file.dispose();
}

// Linear models at 50,000 × 100, Kiroku (Node) beside scikit-learn (/usr/bin/python3) on the same
// seeded data: Ridge(alpha=1), LinearRegression, ElasticNet at alpha 0.1, 1 and 0.01, and binary
// LogisticRegression (lbfgs, max_iter=100). Both sides get X column-major (sklearn a Fortran-ordered
// view, what its solvers want).
//
// Each model is timed on every core (Kiroku's helper threads; sklearn's BLAS as it comes) and on one
// thread (Kiroku's threadpoolLimits(1); sklearn under threadpoolctl's threadpool_limits(1)). The Python
// process stays up for the whole run, so the two sides alternate fit by fit — Kiroku, sklearn, then
// sklearn first on the next sample — and load from other processes falls on both alike. Each figure
// gives min, median and max over the samples (the spread is the noise), the ratio of medians, how far
// the coefficients are from sklearn's, and the load average before and after (this machine is shared:
// a 1-minute load above its core count means the two sides were competing with other work).
//
//   node --import tsx bench/ml-linear.bench.ts          (BENCH_SAMPLES=7)
import { availableParallelism } from 'node:os';
import { ElasticNet, LinearRegression, LogisticRegression, Ridge } from '../src/ml/index';
import { threadpoolInfo, threadpoolLimits, threadpoolReady } from '../src/ml/core/threadpool';
import { setWarningHandler } from '../src/ml/core/warnings';
import { seededRandom } from '../src/lib/random';
import type { Matrix } from '../src/data/frame';
import { report, round } from './report';
import { loadAverage, pythonSession, sklearnAvailable, stats, writeFloat64 } from './sklearn';

const SAMPLES = Math.max(5, Number(process.env.BENCH_SAMPLES ?? 7));
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

type Case = {
  name: string;
  sklearn: string;
  params: Record<string, unknown>;
  classify?: boolean;
  fit: (X: Matrix, y: Float64Array) => ArrayLike<number>;
};
const cases: Case[] = [
  { name: 'Ridge', sklearn: 'Ridge', params: { alpha: 1 }, fit: (X, y) => new Ridge({ alpha: 1 }).fit(X, y).coef_! },
  {
    name: 'LinearRegression',
    sklearn: 'LinearRegression',
    params: {},
    fit: (X, y) => new LinearRegression().fit(X, y).coef_!,
  },
  ...[0.1, 1, 0.01].map((alpha) => ({
    name: `ElasticNet(alpha=${alpha})`,
    sklearn: 'ElasticNet',
    params: { alpha },
    fit: (X: Matrix, y: Float64Array) => new ElasticNet({ alpha }).fit(X, y).coef_!,
  })),
  {
    name: 'LogisticRegression (binary)',
    sklearn: 'LogisticRegression',
    params: { max_iter: 100 },
    classify: true,
    fit: (X, y) => new LogisticRegression({ maxIter: 100 }).fit(X, y).coef_![0]!,
  },
];

// The Python side: loads the data once, then times one fit per request (threads: 1, or null for BLAS's own).
const PY_SETUP = `
import contextlib, sys, time, warnings
import numpy as np
from sklearn import linear_model
from threadpoolctl import threadpool_info, threadpool_limits
warnings.simplefilter("ignore")
path, n, p = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
raw = np.fromfile(path, dtype=np.float64)
X = raw[: n * p].reshape(p, n).T
y = raw[n * p : n * p + n].copy()
labels = raw[n * p + n :].copy()
def handler(r):
    if r.get("info"):
        return {"blasThreads": max([i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"] or [1])}
    cls = getattr(linear_model, r["model"])
    target = labels if r["classify"] else y
    with (threadpool_limits(limits=r["threads"]) if r["threads"] else contextlib.nullcontext()):
        t0 = time.perf_counter()
        m = cls(**r["params"]).fit(X, target)
        ms = (time.perf_counter() - t0) * 1000
    return {"ms": ms, "coef": np.ravel(m.coef_).tolist()}
`;

interface SkFit {
  ms: number;
  coef: number[];
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 1e-12;
  for (let j = 0; j < b.length; j++) {
    diff = Math.max(diff, Math.abs(a[j]! - b[j]!));
    scale = Math.max(scale, Math.abs(b[j]!));
  }
  return Number((diff / scale).toExponential(2));
}

setWarningHandler(() => {});
const d = synthetic(N, P);
const file = writeFloat64([d.X.data, d.y, d.labels]);
const sk = sklearnAvailable() ? pythonSession(PY_SETUP, [file.path, N, P]) : null;
try {
  const allCores = await threadpoolReady();
  const skThreads = sk ? (await sk.call<{ blasThreads: number }>({ info: true })).blasThreads : null;
  report({
    bench: 'ml-linear',
    machine: { cpus: availableParallelism(), loadAverage: loadAverage() },
    threads: { kiroku: allCores, sklearnBlas: skThreads },
    kirokuKernels: threadpoolInfo().kernels,
    samples: SAMPLES,
  });
  for (const c of cases) {
    const target = c.classify ? d.labels : d.y;
    const loadBefore = loadAverage();
    const modes = [
      { name: 'allCores', kiroku: null, sklearn: null },
      { name: 'oneThread', kiroku: 1, sklearn: 1 },
    ] as const;
    const figure: Record<string, unknown> & { bench: string } = {
      bench: 'ml-linear',
      model: c.name,
      data: `${N}x${P}`,
      samples: SAMPLES,
    };
    const times = new Map(modes.map((m) => [m.name, { kiroku: [] as number[], sklearn: [] as number[] }]));
    let coef: ArrayLike<number> = [];
    let skCoef: number[] | null = null;
    const kiroku = (limit: number | null) => {
      threadpoolLimits(limit);
      const t0 = performance.now();
      coef = c.fit(d.X, target);
      return performance.now() - t0;
    };
    const sklearn = async (threads: number | null) => {
      const r = await sk!.call<SkFit>({ model: c.sklearn, params: c.params, classify: !!c.classify, threads });
      skCoef = r.coef;
      return r.ms;
    };
    for (const m of modes) {
      kiroku(m.kiroku); // warm-up: JIT, WebAssembly, helper threads, sklearn's imports
      if (sk) await sklearn(m.sklearn);
    }
    for (let s = 0; s < SAMPLES; s++) {
      for (const m of modes) {
        const t = times.get(m.name)!;
        if (s % 2 === 0 || !sk) t.kiroku.push(kiroku(m.kiroku));
        if (sk) t.sklearn.push(await sklearn(m.sklearn));
        if (s % 2 === 1 && sk) t.kiroku.push(kiroku(m.kiroku));
      }
    }
    threadpoolLimits(null);
    for (const m of modes) {
      const t = times.get(m.name)!;
      const k = stats(t.kiroku);
      const f: Record<string, unknown> = { kirokuMs: k };
      if (sk) {
        const s = stats(t.sklearn);
        Object.assign(f, { sklearnMs: s, ratio: round(k.median / s.median, 2) });
      }
      figure[m.name] = f;
    }
    if (skCoef) figure.coefMaxRelDiff = maxRelDiff(coef, skCoef);
    figure.goal = 'allCores.ratio <= 1.0';
    figure.loadAverage1m = { before: loadBefore['1m'], after: loadAverage()['1m'] };
    report(figure);
  }
} finally {
  sk?.close();
  file.dispose();
}

// ElasticNet fit time, Kiroku versus scikit-learn on the same data: wine-quality (1,599 × 11) and a
// seeded 50,000 × 100 synthetic set. Both sides get X in their best layout (Kiroku: its column-major
// Matrix; sklearn: a Fortran-ordered float64 array, which its coordinate descent wants). The two are
// timed in alternating rounds, so a busy machine slows both alike; each figure gives the median and
// the minimum over all rounds (the minimum is the steadier one on a shared machine), and Kiroku's
// very first fit of the process (before the JIT has warmed up). sklearn runs in Debian's
// /usr/bin/python3 when that has sklearn; otherwise only Kiroku's figures are printed.
//
//   node --import tsx bench/ml-elastic-net.bench.ts
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { report, round } from './report';
import { ElasticNet, type ElasticNetParams } from '../src/ml/linear-model/elastic-net';
import { setWarningHandler } from '../src/ml/core/warnings';
import { seededRandom } from '../src/lib/random';
import type { Matrix } from '../src/data/frame';

const here = dirname(fileURLToPath(import.meta.url));
const PYTHON = '/usr/bin/python3';

interface Dataset {
  name: string;
  X: Matrix;
  y: Float64Array;
}

function wine(): Dataset | null {
  const path = join(here, '..', '..', 'shared', 'data', 'winequality-red.csv');
  if (!existsSync(path)) return null;
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/).slice(1);
  const n = lines.length;
  const p = 11;
  const data = new Float64Array(n * p);
  const y = new Float64Array(n);
  lines.forEach((line, i) => {
    const v = line.split(';').map(Number);
    for (let j = 0; j < p; j++) data[j * n + i] = v[j]!;
    y[i] = v[p]!;
  });
  return { name: 'wine-quality 1599x11', X: { data, rows: n, cols: p, columns: [] }, y };
}

/** Gaussian features, 10 informative coefficients, unit noise; seeded. */
function synthetic(n: number, p: number): Dataset {
  const rand = seededRandom(7);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const data = new Float64Array(n * p);
  for (let k = 0; k < data.length; k++) data[k] = gauss();
  const w = new Float64Array(p);
  for (let j = 0; j < 10; j++) w[j] = 3 * gauss();
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = gauss();
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) y[i]! += w[j]! * data[j * n + i]!;
  return { name: `synthetic ${n}x${p}`, X: { data, rows: n, cols: p, columns: [] }, y };
}

const PY_TIMER = `
import json, sys, time, warnings
import numpy as np
from sklearn.linear_model import ElasticNet
warnings.simplefilter("ignore")
path, n, p, repeat, params = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), json.loads(sys.argv[5])
raw = np.fromfile(path, dtype=np.float64)
X = raw[: n * p].reshape(p, n).T  # column-major on disk -> Fortran-ordered view, no copy
y = raw[n * p :].copy()
ElasticNet(**params).fit(X, y)
times = []
for _ in range(repeat):
    t0 = time.perf_counter()
    m = ElasticNet(**params).fit(X, y)
    times.append((time.perf_counter() - t0) * 1000)
times.sort()
print(json.dumps({"times": times, "nIter": int(m.n_iter_), "coef": m.coef_.tolist()}))
`;

function sklearnAvailable(): boolean {
  if (!existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', 'import sklearn'], { stdio: 'ignore' }).status === 0;
}

function timeSklearn(
  d: Dataset,
  params: Record<string, unknown>,
  repeat: number,
): { times: number[]; nIter: number; coef: number[] } {
  const dir = mkdtempSync(join(tmpdir(), 'kiroku-bench-'));
  try {
    const file = join(dir, 'xy.f64');
    const all = new Float64Array(d.X.data.length + d.y.length);
    all.set(d.X.data);
    all.set(d.y, d.X.data.length);
    writeFileSync(file, new Uint8Array(all.buffer));
    const r = spawnSync(
      PYTHON,
      ['-c', PY_TIMER, file, String(d.X.rows), String(d.X.cols), String(repeat), JSON.stringify(params)],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`sklearn timing failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** sklearn's snake_case names for the params we vary. */
function sklearnParams(p: Partial<ElasticNetParams>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) out[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = v;
  return out;
}

setWarningHandler(() => {});
const withSklearn = sklearnAvailable();
const cases: { data: Dataset | null; params: Partial<ElasticNetParams>; repeat: number }[] = [];
const w = wine();
cases.push({ data: w, params: {}, repeat: 15 });
cases.push({ data: w, params: { alpha: 0.001, tol: 1e-8, maxIter: 100000 }, repeat: 15 });
const big = synthetic(50_000, 100);
cases.push({ data: big, params: {}, repeat: 5 });
cases.push({ data: big, params: { alpha: 0.01, l1Ratio: 0.9 }, repeat: 5 });

const ROUNDS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const firstFit = new Map<Dataset, number>();

for (const { data, params, repeat } of cases) {
  if (!data) {
    report({ bench: 'ml-elastic-net', skipped: 'wine-quality CSV not found under ../shared/data' });
    continue;
  }
  let model = new ElasticNet(params);
  const fit = () => (model = new ElasticNet(params).fit(data.X, data.y));
  if (!firstFit.has(data)) {
    const t0 = performance.now();
    fit();
    firstFit.set(data, performance.now() - t0);
  }
  for (let i = 0; i < 3; i++) fit(); // JIT warm-up
  const ours: number[] = [];
  const theirs: number[] = [];
  let sk: { nIter: number; coef: number[] } | null = null;
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < repeat; i++) {
      const t0 = performance.now();
      fit();
      ours.push(performance.now() - t0);
    }
    if (withSklearn) {
      const s = timeSklearn(data, sklearnParams(params), repeat);
      theirs.push(...s.times);
      sk = s;
    }
  }
  const figure: Record<string, unknown> & { bench: string } = {
    bench: 'ml-elastic-net',
    data: data.name,
    params,
    kirokuMedianMs: round(median(ours)),
    kirokuMinMs: round(Math.min(...ours)),
    kirokuFirstFitMs: round(firstFit.get(data)!),
    nIter: model.nIter_,
  };
  if (sk) {
    let diff = 0;
    let scale = 1e-12;
    sk.coef.forEach((c, j) => {
      diff = Math.max(diff, Math.abs(c - model.coef_![j]!));
      scale = Math.max(scale, Math.abs(c));
    });
    Object.assign(figure, {
      sklearnMedianMs: round(median(theirs)),
      sklearnMinMs: round(Math.min(...theirs)),
      sklearnNIter: sk.nIter,
      ratioMedian: round(median(ours) / median(theirs)),
      ratioMin: round(Math.min(...ours) / Math.min(...theirs)),
      coefMaxRelDiff: Number((diff / scale).toExponential(2)),
    });
  }
  report(figure);
}

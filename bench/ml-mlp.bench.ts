// MLPRegressor and MLPClassifier fit times — (64, 64), 20 epochs, batch 200, adam, on 5,000 × 20 —
// Kiroku in Node (TensorFlow.js's WASM backend), Kiroku in headless Chromium (a notebook cell of the
// built app, in its kernel worker, on the backend the kernel chose) and scikit-learn through
// /usr/bin/python3, on the same numbers. Rounds interleave the three, so load from other processes
// falls on all of them; each figure gives median, min and max (the spread is the noise) and the ratio
// of medians to scikit-learn's.
//
//   node --import tsx bench/ml-mlp.bench.ts          (BENCH_ROUNDS=3, BENCH_REPEAT=2)
import { preview } from 'vite';
import { MLPClassifier, MLPRegressor } from '../src/ml/neural-network/mlp';
import { ensureTfBackend, describeTfBackend } from '../src/ml/core/tf-backend';
import { setWarningHandler } from '../src/ml/core/warnings';
import { launchChromium } from '../test/e2e/chromium';
import { newNotebook, output, runInto } from '../test/e2e/notebook-driver';
import { ROOT, buildApp } from './build-temp';
import { report, round } from './report';
import { runPython, sklearnAvailable, stats, writeFloat64 } from './sklearn';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 2);
const N = 5000;
const P = 20;

// The data, generated identically here and in the notebook cell (the same source text runs in both).
const MAKE_DATA = `(n, p) => {
  let s = 12345;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => rand() * 2 - 1));
  const y = X.map((r) => Math.sin(r.reduce((a, v, j) => a + v * ((j % 3) - 1), 0)) + 0.1 * rand());
  const labels = y.map((v) => (v > 0 ? 1 : 0));
  return { X, y, labels };
}`;
const makeData = new Function(`return ${MAKE_DATA}`)() as (
  n: number,
  p: number,
) => { X: number[][]; y: number[]; labels: number[] };
const params = { hiddenLayerSizes: [64, 64], maxIter: 20, batchSize: 200, randomState: 0, nIterNoChange: 1000 };

const cellCode = `const makeData: any = ${MAKE_DATA};
const { X, y, labels } = makeData(${N}, ${P});
const times: Record<string, number[]> = { MLPRegressor: [], MLPClassifier: [] };
for (const kind of ['MLPRegressor', 'MLPClassifier']) {
  for (let r = 0; r < ${REPEAT}; r++) {
    const t0 = performance.now();
    const m = kind === 'MLPRegressor'
      ? await new MLPRegressor(${JSON.stringify(params)}).fit(X, y)
      : await new MLPClassifier(${JSON.stringify(params)}).fit(X, labels);
    times[kind]!.push(performance.now() - t0);
    if (m.nIter_ !== 20) throw new Error('expected 20 epochs, got ' + m.nIter_);
    m.dispose();
  }
}
JSON.stringify({ backend: tf.getBackend(), times })`;

const PY = `
import json, sys, time, warnings
import numpy as np
from sklearn.neural_network import MLPClassifier, MLPRegressor
warnings.simplefilter("ignore")
path, n, p, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
raw = np.fromfile(path, dtype=np.float64)
X = np.ascontiguousarray(raw[: n * p].reshape(p, n).T)
y = raw[n * p : n * p + n]
labels = raw[n * p + n :].astype(int)
params = dict(hidden_layer_sizes=(64, 64), max_iter=20, batch_size=200, random_state=0, n_iter_no_change=1000)
out = {}
for name, cls, target in [("MLPRegressor", MLPRegressor, y), ("MLPClassifier", MLPClassifier, labels)]:
    cls(**params).fit(X, target)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        m = cls(**params).fit(X, target)
        times.append((time.perf_counter() - t0) * 1000)
    out[name] = {"times": times, "nIter": m.n_iter_}
print(json.dumps(out))
`;

setWarningHandler(() => {});
const data = makeData(N, P);
const colMajor = new Float64Array(N * P);
data.X.forEach((r, i) => r.forEach((v, j) => (colMajor[j * N + i] = v)));
const file = writeFloat64([colMajor, data.y, data.labels]);
const withSklearn = sklearnAvailable();

await ensureTfBackend();
const nodeBackend = await describeTfBackend();
async function fitNode(kind: string): Promise<number> {
  const t0 = performance.now();
  const m =
    kind === 'MLPRegressor'
      ? await new MLPRegressor(params).fit(data.X, data.y)
      : await new MLPClassifier(params).fit(data.X, data.labels);
  const ms = performance.now() - t0;
  if (m.nIter_ !== 20) throw new Error(`expected 20 epochs, got ${m.nIter_}`);
  m.dispose();
  return ms;
}

// The built app in headless Chromium: one notebook, one cell per round.
const appDir = await buildApp();
const server = await preview({
  root: ROOT,
  build: { outDir: appDir },
  logLevel: 'error',
  preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false },
});
const browser = await launchChromium();
const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
await page.goto(`${server.resolvedUrls!.local[0]}#/notebook`);
await newNotebook(page);
let cellNo = 0;
let browserBackend = '';
async function fitBrowser(): Promise<Record<string, number[]>> {
  cellNo++;
  // One line: typed into Monaco, a multi-line cell would collect auto-indentation and a closing brace.
  await runInto(
    page,
    cellNo,
    cellCode
      .split('\n')
      .map((l) => l.trim())
      .join(' '),
  );
  const out = output(page, cellNo);
  await out
    .getByText(/"times"|Error/)
    .first()
    .waitFor({ timeout: 600_000 });
  const text = await out.innerText();
  const m = /'(\{"backend".*\})'/.exec(text);
  if (!m) throw new Error(`the cell failed: ${text}`);
  const r = JSON.parse(m[1]!) as { backend: string; times: Record<string, number[]> };
  browserBackend = (
    await page
      .getByRole('status')
      .filter({ hasText: /^Kernel/ })
      .innerText()
  ).replace(/^[\s\S]*backend: /, '');
  return r.times;
}

const kinds = ['MLPRegressor', 'MLPClassifier'];
const node: Record<string, number[]> = { MLPRegressor: [], MLPClassifier: [] };
const chromium: Record<string, number[]> = { MLPRegressor: [], MLPClassifier: [] };
const sklearn: Record<string, number[]> = { MLPRegressor: [], MLPClassifier: [] };
try {
  await fitNode('MLPRegressor'); // warm-up: JIT and the WASM module
  await fitNode('MLPClassifier');
  await fitBrowser(); // warm-up of the kernel
  for (let r = 0; r < ROUNDS; r++) {
    for (const k of kinds) for (let i = 0; i < REPEAT; i++) node[k]!.push(await fitNode(k));
    const b = await fitBrowser();
    for (const k of kinds) chromium[k]!.push(...b[k]!);
    if (withSklearn) {
      const s = runPython<Record<string, { times: number[]; nIter: number }>>(PY, [file.path, N, P, REPEAT]);
      for (const k of kinds) sklearn[k]!.push(...s[k]!.times);
    }
  }
} finally {
  await browser.close();
  await server.close();
  file.dispose();
}

for (const k of kinds) {
  const n = stats(node[k]!);
  const c = stats(chromium[k]!);
  const figure: Record<string, unknown> & { bench: string } = {
    bench: 'ml-mlp',
    estimator: k,
    data: `${N}x${P}`,
    layers: [64, 64],
    epochs: 20,
    batch: 200,
    nodeBackend,
    chromiumBackend: browserBackend,
    samples: node[k]!.length,
    nodeMs: n,
    chromiumMs: c,
  };
  if (withSklearn) {
    const s = stats(sklearn[k]!);
    Object.assign(figure, {
      sklearnMs: s,
      nodeRatio: round(n.median / s.median, 2),
      nodeGoal: '<= 2.0',
      chromiumRatio: round(c.median / s.median, 2),
      chromiumGoal: '<= 3.0',
    });
  }
  report(figure);
}

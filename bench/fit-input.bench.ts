// What the data boundary costs a fit: ElasticNet on a seeded 50,000 × 100 set (the one, and the
// params, bench/ml-elastic-net uses) handed over as a Table, a danfojs DataFrame, rows (number[][]) and
// a column-major Matrix. The danfojs frame goes
// through the adapter (its values typed into a Table) on every fit; the goal is that fit within 5% of
// the fit from a Table. The baseline (BENCH_BASELINE, default `main`, checked out in a temporary
// worktree) fits from the same DataFrame and rows in the same run, for comparison. The inputs are
// timed in alternating rounds, so a busy machine slows all alike; medians and minimums over rounds.
//
//   npm run bench -- fit-input
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { DataFrame } from 'danfojs';
import { report, round } from './report';
import { checkoutBaseline } from './build-temp';
import { ElasticNet } from '../src/ml/linear-model/elastic-net';
import { setWarningHandler } from '../src/ml/core/warnings';
import { Table } from '../src/data/table';
import { toTable } from '../src/data/table-from';
import { toMatrix } from '../src/data/frame';
import { seededRandom } from '../src/lib/random';

const R = 50_000;
const C = 100;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PARAMS = { alpha: 0.01, l1Ratio: 0.9 };

setWarningHandler(() => {});
// Gaussian features, 10 informative coefficients, unit noise (as bench/ml-elastic-net.bench.ts).
const rand = seededRandom(7);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const names = Array.from({ length: C }, (_, j) => `f${j}`);
const columns = names.map(() => Float64Array.from({ length: R }, gauss));
const coef = names.map((_, j) => (j < 10 ? 3 * gauss() : 0));
const y = Float64Array.from({ length: R }, (_, i) => gauss() + columns.reduce((s, c, j) => s + c[i]! * coef[j]!, 0));
const rows = Array.from({ length: R }, (_, i) => columns.map((c) => c[i]!));
const inputs: Record<string, unknown> = {
  Table: new Table(names.map((name, j) => ({ name, dtype: 'float64' as const, data: columns[j]! }))),
  'danfojs DataFrame': new DataFrame(rows, { columns: names }),
  'rows (number[][])': rows,
  Matrix: (() => {
    const data = new Float64Array(R * C);
    columns.forEach((c, j) => data.set(c, j * R));
    return { data, rows: R, cols: C, columns: names };
  })(),
};

type Fitter = (X: unknown) => unknown;
const fitters: Array<{ code: string; input: string; fit: Fitter }> = Object.keys(inputs).map((input) => ({
  code: 'this checkout',
  input,
  fit: (X) => new ElasticNet(PARAMS).fit(X as never, y),
}));

const base = checkoutBaseline();
try {
  const baseMl = (await import(pathToFileURL(join(base.root, 'src/ml/index.ts')).href)) as {
    ElasticNet: typeof ElasticNet;
  };
  const baseWarnings = (await import(pathToFileURL(join(base.root, 'src/ml/core/warnings.ts')).href)) as {
    setWarningHandler: typeof setWarningHandler;
  };
  baseWarnings.setWarningHandler(() => {});
  const baseFrame = (await import(pathToFileURL(join(base.root, 'src/data/frame.ts')).href)) as {
    toMatrix: (X: unknown) => unknown;
  };
  for (const input of ['danfojs DataFrame', 'rows (number[][])', 'Matrix']) {
    fitters.push({
      code: `baseline ${base.ref} (${base.commit})`,
      input,
      fit: (X) => new baseMl.ElasticNet(PARAMS).fit(X as never, y),
    });
  }

  const times = new Map<(typeof fitters)[number], number[]>(fitters.map((f) => [f, []]));
  for (const f of fitters) f.fit(inputs[f.input]); // warm-up: JIT and the first conversion
  for (let r = 0; r < ROUNDS; r++) {
    for (const f of r % 2 ? [...fitters].reverse() : fitters) {
      const t0 = performance.now();
      f.fit(inputs[f.input]);
      times.get(f)!.push(performance.now() - t0);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  // The conversions alone: what a fit from each input pays before the solver starts.
  const convert: Array<[string, () => unknown]> = [
    ['danfojs DataFrame → Table (adapter, dtypes from the values)', () => toTable(inputs['danfojs DataFrame'])],
    ['Table → Matrix', () => toMatrix(inputs.Table as Table)],
    ['danfojs DataFrame → Matrix', () => toMatrix(inputs['danfojs DataFrame'] as never)],
    [
      `baseline ${base.ref}: danfojs DataFrame → Matrix`,
      () => baseFrame.toMatrix(inputs['danfojs DataFrame'] as never),
    ],
  ];
  for (const [what, fn] of convert) {
    fn();
    const ts: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now();
      fn();
      ts.push(performance.now() - t0);
    }
    report({
      bench: 'fit-input.conversion',
      what,
      rows: R,
      cols: C,
      medianMs: round(median(ts), 1),
      minMs: round(Math.min(...ts), 1),
    });
  }
  const tableMs = median(times.get(fitters[0]!)!);
  for (const f of fitters) {
    const ts = times.get(f)!;
    report({
      bench: 'fit-input.ElasticNet',
      code: f.code,
      input: f.input,
      rows: R,
      cols: C,
      rounds: ROUNDS,
      medianMs: round(median(ts), 1),
      minMs: round(Math.min(...ts), 1),
      vsTable: round(median(ts) / tableMs, 3),
    });
  }
} finally {
  base.dispose();
}

// Test helpers for the scikit-learn reference values: the fixture JSON, the wine-quality data it was
// computed on (read from ../shared/data with a tiny parser; the data is never copied into the repo),
// and conversion of sklearn's snake_case params to ours.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Matrix } from '../../src/data/frame';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, '..', '..');

export interface RegressionCase {
  data: 'wine' | 'synthetic';
  estimator: string;
  params: Record<string, unknown>;
  note: string;
  coef: number[];
  intercept: number;
  predict: number[];
  convergence_warning: boolean;
  n_iter?: number;
  dual_gap?: number;
}

export interface LogisticCase {
  data: 'wine_binary' | 'wine_3class' | 'wine_binary_scaled' | 'wine_3class_scaled' | 'synthetic3';
  params: Record<string, unknown>;
  note: string;
  classes: number[];
  coef: number[][];
  intercept: number[];
  n_iter: number;
  predict_proba: number[][];
  predict: number[];
}

export interface Fixture {
  sklearn_version: string;
  n_predict: number;
  wine: { path: string; rows: number; cols: number; mean: number[]; std: number[] };
  synthetic: { X: number[][]; y: number[] };
  synthetic3: { X: number[][]; y: number[] };
  regression: RegressionCase[];
  logistic: LogisticCase[];
  metrics: { inputs: Record<string, any>; expected: Record<string, any> };
}

let cached: Fixture | undefined;
export function fixture(): Fixture {
  cached ??= JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'sklearn_linear.json'), 'utf8')) as Fixture;
  return cached;
}

/** Wine quality: 11 feature columns and the quality column, parsed from the semicolon CSV. */
export function wine(): { X: number[][]; y: number[]; columns: string[] } {
  const text = readFileSync(join(repoRoot, fixture().wine.path), 'utf8');
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const names = head!.split(';').map((s) => s.replace(/"/g, ''));
  const rows = lines.map((l) => l.split(';').map(Number));
  return { X: rows.map((r) => r.slice(0, -1)), y: rows.map((r) => r[r.length - 1]!), columns: names.slice(0, -1) };
}

/** Rows as a column-major Matrix. */
export function matrix(rows: number[][], columns?: string[]): Matrix {
  const n = rows.length;
  const p = rows[0]!.length;
  const data = new Float64Array(n * p);
  rows.forEach((r, i) => r.forEach((v, j) => (data[j * n + i] = v)));
  return { data, rows: n, cols: p, columns: columns ?? Array.from({ length: p }, (_, j) => `x${j}`) };
}

/** sklearn param names → ours: `l1_ratio` → `l1Ratio`, `copy_X` → `copyX`, `C` stays `C`. */
export function camelParams(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) out[k.replace(/_([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase())] = v;
  return out;
}

/** max |a − b| / max(|b|, floor): relative error, with a floor for values near zero. */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-3): number {
  let worst = 0;
  let scale = floor;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / scale);
  return worst;
}

// What the comparison view shows, computed from the runs alone: one row per param and metric key with
// each run's value and whether the runs differ, and the numeric dimensions a chart can plot.
import type { Run } from '../../tracking/entities';
import { sortKey } from './sort';

export interface CompareRow {
  kind: 'param' | 'metric';
  key: string;
  /** One entry per run, in the runs' order; undefined where a run lacks the key. */
  values: Array<string | number | undefined>;
  /** Some run has another value, or lacks the key while another has it. */
  differs: boolean;
}

export function compareRows(runs: readonly Run[]): CompareRow[] {
  const rows: CompareRow[] = [];
  for (const kind of ['param', 'metric'] as const) {
    const keys = new Set<string>();
    for (const r of runs) for (const k in kind === 'param' ? r.data.params : r.data.metrics) keys.add(k);
    for (const key of [...keys].sort()) {
      const values = runs.map((r) => (kind === 'param' ? r.data.params[key] : r.data.metrics[key]));
      const first = values[0];
      rows.push({ kind, key, values, differs: values.some((v) => !Object.is(v, first)) });
    }
  }
  return rows;
}

/** A param or metric as a chart axis: `param:alpha`, `metric:rmse`. */
export interface Dimension {
  id: string;
  kind: 'param' | 'metric';
  key: string;
  /** Numeric when every run that has it has a number; otherwise its values are categories. */
  numeric: boolean;
}

export function dimensionsOf(runs: readonly Run[]): Dimension[] {
  return compareRows(runs).map((row) => ({
    id: `${row.kind}:${row.key}`,
    kind: row.kind,
    key: row.key,
    numeric: row.values.every((v) => v === undefined || sortKey(v).rank === 0 || typeof v === 'number'),
  }));
}

/**
 * A run's position on a dimension: the number itself, or for a categorical dimension the index of
 * its value among the sorted distinct values (so "relu", "tanh" become 0, 1 on the axis).
 */
export function dimensionValues(
  runs: readonly Run[],
  dim: Dimension,
): { values: Array<number | null>; categories: string[] | null } {
  const raw = runs.map((r) => (dim.kind === 'param' ? r.data.params[dim.key] : r.data.metrics[dim.key]));
  if (dim.numeric) return { values: raw.map((v) => (v === undefined ? null : Number(v))), categories: null };
  const categories = [...new Set(raw.filter((v): v is string | number => v !== undefined).map(String))].sort();
  return { values: raw.map((v) => (v === undefined ? null : categories.indexOf(String(v)))), categories };
}

/** The dimensions that vary between the runs, numeric first: a sensible default for charts. */
export function defaultDimensions(dims: readonly Dimension[], runs: readonly Run[], max = 8): Dimension[] {
  const rows = new Map(compareRows(runs).map((r) => [`${r.kind}:${r.key}`, r]));
  const varying = dims.filter((d) => rows.get(d.id)?.differs);
  const pick = varying.length >= 2 ? varying : dims.slice();
  // Params first (the knobs), then metrics (the outcomes): the order a parallel-coordinates plot reads.
  pick.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'param' ? -1 : 1));
  return pick.slice(0, max);
}

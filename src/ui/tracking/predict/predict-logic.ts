// The Predict page's pure half: CSV columns → model input records, the signature check shown before
// predicting, the prediction output as columns, error statistics against a target column, and the
// CSV written for download. No DOM, no model: tests cover each piece.
import type { ParsedColumn } from '../../../data/columns';

export type Cell = string | number | boolean | null;

/** A CSV column's values as plain cells: missing numbers (NaN) and missing strings become null. */
export function columnCells(col: ParsedColumn): Cell[] {
  const out: Cell[] = new Array(col.data.length);
  for (let i = 0; i < col.data.length; i++) {
    const v = col.data[i];
    if (col.dtype === 'boolean') out[i] = Number.isNaN(v as number) ? null : v === 1;
    else if (typeof v === 'number') out[i] = Number.isNaN(v) ? null : v;
    else out[i] = v ?? null;
  }
  return out;
}

/** Rows as records (`{alcohol: 9.4, …}`) over the named columns, for `model.predict`. */
export function toRecords(columns: ReadonlyArray<{ name: string; cells: Cell[] }>, names: readonly string[]): Array<Record<string, Cell>> {
  const chosen = names.map((n) => columns.find((c) => c.name === n)!).filter(Boolean);
  const rows = chosen[0]?.cells.length ?? 0;
  const out: Array<Record<string, Cell>> = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const r: Record<string, Cell> = {};
    for (const c of chosen) r[c.name] = c.cells[i]!;
    out[i] = r;
  }
  return out;
}

export interface InputSpec {
  name?: string;
  type: string;
  required?: boolean;
}

export type CheckStatus = 'ok' | 'converted' | 'missing' | 'optional-missing' | 'mismatch' | 'extra' | 'target';

export interface CheckRow {
  column: string;
  expected: string | null;
  found: string | null;
  status: CheckStatus;
  note: string;
}

const NUMERIC_SPEC = new Set(['double', 'float', 'long', 'integer']);

/**
 * The signature check, column by column, with the outcome MLflow's enforcement will have: a missing
 * required input is an error; an int column for a double input is converted safely; a float column
 * for an integer input is refused; extra columns are dropped (the target column is kept for scoring).
 */
export function checkColumns(specs: readonly InputSpec[] | null, columns: readonly ParsedColumn[], target: string | null): CheckRow[] {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const rows: CheckRow[] = [];
  const named = (specs ?? []).filter((s) => s.name !== undefined);
  for (const s of named) {
    const col = byName.get(s.name!);
    if (!col) {
      rows.push({ column: s.name!, expected: s.type, found: null, status: s.required === false ? 'optional-missing' : 'missing', note: s.required === false ? 'optional; left empty' : 'required by the model' });
      continue;
    }
    const fit = compatibility(s.type, col);
    // MLflow refuses missing values in a required column at predict time; say so before.
    if (fit.status !== 'mismatch' && col.missing > 0 && s.required !== false) {
      rows.push({ column: s.name!, expected: s.type, found: col.dtype, status: 'mismatch', note: `${col.missing} missing value${col.missing === 1 ? '' : 's'}; the model requires every row` });
    } else rows.push({ column: s.name!, expected: s.type, found: col.dtype, ...fit });
  }
  const expected = new Set(named.map((s) => s.name));
  for (const c of columns) {
    if (expected.has(c.name)) continue;
    if (c.name === target) rows.push({ column: c.name, expected: null, found: c.dtype, status: 'target', note: 'compared with the predictions' });
    else if (specs) rows.push({ column: c.name, expected: null, found: c.dtype, status: 'extra', note: 'not a model input; dropped' });
  }
  return rows;
}

function compatibility(type: string, col: ParsedColumn): { status: CheckStatus; note: string } {
  const { dtype } = col;
  if (NUMERIC_SPEC.has(type)) {
    if (dtype === 'string' || dtype === 'boolean') return { status: 'mismatch', note: `a ${dtype} column cannot be read as ${type}` };
    if ((type === 'long' || type === 'integer') && dtype === 'float32') {
      const whole = columnCells(col).every((v) => v === null || Number.isInteger(v));
      return whole ? { status: 'converted', note: 'whole numbers; read as integers' } : { status: 'mismatch', note: `fractional values cannot be converted to ${type} safely` };
    }
    if ((type === 'double' || type === 'float') && dtype === 'int32') return { status: 'converted', note: 'integers converted to floating point' };
    return { status: 'ok', note: '' };
  }
  if (type === 'string') return dtype === 'string' ? { status: 'ok', note: '' } : { status: 'converted', note: `${dtype} values read as text` };
  if (type === 'boolean') return dtype === 'boolean' ? { status: 'ok', note: '' } : { status: 'mismatch', note: `a ${dtype} column is not boolean` };
  return { status: 'ok', note: '' };
}

export function checkPasses(rows: readonly CheckRow[]): boolean {
  return rows.every((r) => r.status !== 'missing' && r.status !== 'mismatch');
}

/** A default target: the one CSV column that is not a model input (or null when that is ambiguous). */
export function guessTarget(specs: readonly InputSpec[] | null, columns: readonly ParsedColumn[], outputName?: string): string | null {
  if (outputName && columns.some((c) => c.name === outputName)) return outputName;
  if (!specs) return null;
  const inputs = new Set(specs.map((s) => s.name));
  const rest = columns.filter((c) => !inputs.has(c.name));
  return rest.length === 1 ? rest[0]!.name : null;
}

/**
 * A model's output as named columns: a vector is `predictions` (MLflow's batch column name); rows of
 * several values are `predictions_0`, `predictions_1`…; records keep their keys.
 */
export function predictionColumns(output: unknown, rows: number): Array<{ name: string; cells: Cell[] }> {
  let values: unknown = output;
  const maybe = values as { values?: unknown; toArray?: () => unknown } | null;
  if (maybe && !Array.isArray(values) && !ArrayBuffer.isView(values)) {
    if (typeof maybe.toArray === 'function') values = maybe.toArray();
    else if (Array.isArray(maybe.values)) values = maybe.values;
  }
  const list = Array.from(values as ArrayLike<unknown>);
  if (list.length !== rows) throw new Error(`The model returned ${list.length} predictions for ${rows} rows.`);
  const first = list[0];
  if (Array.isArray(first) || ArrayBuffer.isView(first)) {
    const width = (first as ArrayLike<unknown>).length;
    return Array.from({ length: width }, (_, j) => ({ name: `predictions_${j}`, cells: list.map((r) => toCell((r as ArrayLike<unknown>)[j])) }));
  }
  if (first && typeof first === 'object') {
    return Object.keys(first).map((k) => ({ name: k, cells: list.map((r) => toCell((r as Record<string, unknown>)[k])) }));
  }
  return [{ name: 'predictions', cells: list.map(toCell) }];
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}

export interface ErrorStats {
  n: number;
  kind: 'regression' | 'classification';
  mae?: number;
  rmse?: number;
  r2?: number;
  maxError?: number;
  accuracy?: number;
}

/** Scores of predictions against the target, over rows where both are present. */
export function errorStats(target: readonly Cell[], predicted: readonly Cell[]): ErrorStats {
  const pairs: Array<[Cell, Cell]> = [];
  for (let i = 0; i < target.length; i++) if (target[i] !== null && predicted[i] !== null && predicted[i] !== undefined) pairs.push([target[i]!, predicted[i]!]);
  const numeric = pairs.length > 0 && pairs.every(([t, p]) => typeof t === 'number' && typeof p === 'number');
  if (!numeric) {
    const hits = pairs.filter(([t, p]) => String(t) === String(p)).length;
    return { n: pairs.length, kind: 'classification', accuracy: pairs.length ? hits / pairs.length : NaN };
  }
  const n = pairs.length;
  let abs = 0;
  let sq = 0;
  let max = 0;
  let mean = 0;
  for (const [t] of pairs) mean += t as number;
  mean /= n;
  let tot = 0;
  for (const [t, p] of pairs) {
    const e = (t as number) - (p as number);
    abs += Math.abs(e);
    sq += e * e;
    max = Math.max(max, Math.abs(e));
    tot += ((t as number) - mean) ** 2;
  }
  const stats: ErrorStats = { n, kind: 'regression', mae: abs / n, rmse: Math.sqrt(sq / n), r2: tot === 0 ? NaN : 1 - sq / tot, maxError: max };
  // Integer labels predicted as integers (a classifier with numeric classes): accuracy says more.
  if (pairs.every(([t, p]) => Number.isInteger(t) && Number.isInteger(p))) stats.accuracy = pairs.filter(([t, p]) => t === p).length / n;
  return stats;
}

function csvField(v: Cell): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The input columns with the prediction columns appended, as CSV text (RFC 4180, "\n" line ends). */
export function toCsv(columns: ReadonlyArray<{ name: string; cells: readonly Cell[] }>): string {
  const rows = columns[0]?.cells.length ?? 0;
  const lines = [columns.map((c) => csvField(c.name)).join(',')];
  for (let i = 0; i < rows; i++) lines.push(columns.map((c) => csvField(c.cells[i] ?? null)).join(','));
  return lines.join('\n') + '\n';
}

// The one place that knows danfojs: DataFrame / Series ⇄ Table.
//
// danfojs guesses a column's dtype from its first 500 values, so a column whose decimals start at
// row 1000 is declared int32. Its dtype is therefore only a hint: the Table's type comes from all the
// values (infer.ts), and where they disagree the values win. The one thing a dtype adds is "float":
// a float32 column of whole numbers stays float64, as a float column does in pandas.
//
// danfojs keeps a column-major copy of a frame in `$dataIncolumnFormat` (protected in its typings);
// reading it is what makes a 50,000 × 100 frame cost one pass instead of 100 Series. No other file
// reads it (`grep -rn '\$dataIncolumnFormat' src` finds only this one).
//
// danfojs itself (which brings TensorFlow.js) is imported lazily, only to build a frame.
import type { DataFrame } from 'danfojs';
import { DataError } from '../lib/errors';
import { inferColumn } from './infer';
import { Table, type Dtype } from './table';

/** The parts of a danfojs DataFrame or Series this adapter reads (its public getters, and the column store). */
interface DanfoNdFrame {
  $isSeries: boolean;
  columns: string[];
  shape: number[];
  dtypes: string[];
  values: unknown[];
  $dataIncolumnFormat?: unknown[];
  iloc(rows: unknown): unknown;
}

function ndFrame(x: unknown): DanfoNdFrame | null {
  const f = x as Partial<DanfoNdFrame> | null;
  return f &&
    typeof f === 'object' &&
    typeof f.$isSeries === 'boolean' &&
    Array.isArray(f.shape) &&
    Array.isArray(f.columns)
    ? (f as DanfoNdFrame)
    : null;
}

/** A danfojs DataFrame (recognised by shape, not class: the browser bundle's names are minified). */
export function isDanfoFrame(x: unknown): boolean {
  return ndFrame(x)?.$isSeries === false;
}

export function isDanfoSeries(x: unknown): boolean {
  return ndFrame(x)?.$isSeries === true;
}

/** A danfojs DataFrame or Series as a Table (a Series is one column). */
export function tableFromDanfo(x: unknown): Table {
  const f = ndFrame(x);
  if (!f) throw new DataError('Expected a danfojs DataFrame or Series.');
  if (f.$isSeries) {
    const { name, values } = danfoSeriesValues(f);
    return new Table([{ name, ...inferColumn(values, { float: f.dtypes?.[0] === 'float32' }) }]);
  }
  const names = f.columns.map(String);
  const cols = columnStore(f);
  return new Table(
    names.map((name, j) => ({ name, ...inferColumn(cols[j]!, { float: f.dtypes?.[j] === 'float32' }) })),
    f.shape[0] ?? 0,
  );
}

/**
 * A frame's columns as they are (danfojs's own arrays, not copied) with its names: what `toMatrix`
 * reads in one pass when an estimator needs numbers and no column types.
 */
export function danfoColumns(x: unknown): { names: string[]; columns: ArrayLike<unknown>[]; rows: number } {
  const f = ndFrame(x)!;
  if (f.$isSeries) {
    const { name, values } = danfoSeriesValues(f);
    return { names: [name], columns: [values], rows: values.length };
  }
  return { names: f.columns.map(String), columns: columnStore(f), rows: f.shape[0] ?? 0 };
}

/** A danfojs Series' values and name (danfojs keeps the name as its one column). */
export function danfoSeriesValues(x: unknown): { name: string; values: unknown[] } {
  const f = ndFrame(x)!;
  return { name: String(f.columns?.[0] ?? '0'), values: f.values };
}

/** A frame's columns as arrays: danfojs's own column store when it has one, else the rows transposed. */
function columnStore(f: DanfoNdFrame): unknown[][] {
  const cols = f.$dataIncolumnFormat as unknown[][] | undefined;
  if (Array.isArray(cols) && cols.length === f.columns.length && cols.every(Array.isArray)) return cols;
  const rows = f.values as unknown[][];
  return f.columns.map((_, j) => rows.map((r) => r[j]));
}

/** Rows `idx` of a danfojs DataFrame or Series, as the same kind of object (`iloc`). */
export function danfoTakeRows<T>(x: T, idx: ArrayLike<number>): T {
  const f = ndFrame(x)!;
  const rows = Array.from(idx);
  return (f.$isSeries ? f.iloc(rows) : f.iloc({ rows })) as T;
}

let danfo: Promise<typeof import('danfojs')> | undefined;

/** The danfojs module, imported on first use. */
export function loadDanfo(): Promise<typeof import('danfojs')> {
  return (danfo ??= import('danfojs'));
}

/** danfojs's dtype names for ours (danfojs calls every JS number int32 or float32). */
const DANFO_DTYPES: Record<Dtype, string> = { float64: 'float32', int64: 'int32', bool: 'boolean', string: 'string' };

/**
 * A danfojs DataFrame with the Table's columns and types (dtypes given explicitly, so danfojs does not
 * guess them from a sample). Built from rows: danfojs keeps a row and a column copy and transposes rows
 * once, whereas handing it `{name: values}` costs it two transposes.
 */
export async function tableToDanfo(table: Table, options: { index?: Array<string | number> } = {}): Promise<DataFrame> {
  const { rows, data } = table;
  const cols = data.length;
  // Row by row: each row array is filled once, in order (twice as fast as filling them column-wise).
  const out: unknown[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const row = new Array(cols);
    for (let j = 0; j < cols; j++) row[j] = data[j]![i];
    out[i] = row;
  }
  return danfoFromRows(out, {
    columns: [...table.columns],
    dtypes: table.dtypes.map((d) => DANFO_DTYPES[d]),
    ...options,
  });
}

/**
 * A danfojs DataFrame from rows of values as they are, with the dtypes given: for frames whose columns
 * mix kinds of values, as pandas' object columns do (describeFrame's statistics, one row each).
 */
export async function danfoFromRows(
  rows: unknown[][],
  options: { columns: string[]; dtypes: string[]; index?: Array<string | number> },
): Promise<DataFrame> {
  const { DataFrame } = await loadDanfo();
  return new DataFrame(rows, {
    columns: options.columns,
    dtypes: options.dtypes,
    ...(options.index ? { index: options.index } : {}),
  });
}

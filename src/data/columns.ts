// Parsed columns, the shape every loader (CSV, sample datasets) hands to danfojs, and the one place a
// danfojs DataFrame is built from them. danfojs is imported lazily: it brings TensorFlow.js with it, and
// a page that never loads data shouldn't pay for that.
import type { DataFrame } from 'danfojs';
import { frameColumns, type FrameLike } from './frame';

/** danfojs's dtype names for the kinds of column we produce. */
export type ColumnDtype = 'int32' | 'float32' | 'boolean' | 'string';

/**
 * One column. Numeric columns hold numbers with NaN for missing; boolean columns hold 1/0 with NaN for
 * missing (turned into true/false/null when the frame is built); string columns hold strings with null
 * for missing.
 */
export interface ParsedColumn {
  name: string;
  dtype: ColumnDtype;
  data: Float64Array | (string | null)[];
  /** How many cells are missing. */
  missing: number;
}

let danfo: Promise<typeof import('danfojs')> | undefined;

/** The danfojs module, imported on first use. */
export function loadDanfo(): Promise<typeof import('danfojs')> {
  return (danfo ??= import('danfojs'));
}

/**
 * A danfojs DataFrame from columns, with dtypes set explicitly (danfojs would otherwise guess them
 * from the first 20 rows). Rows are built here because danfojs keeps both a row and a column copy and
 * transposes rows once, whereas handing it `{name: values}` costs it two transposes.
 */
export async function frameFromColumns(columns: ParsedColumn[]): Promise<DataFrame> {
  const { DataFrame } = await loadDanfo();
  const rows = columns.length ? columns[0]!.data.length : 0;
  const cols = columns.length;
  const sources: ArrayLike<unknown>[] = columns.map(({ data, dtype }) =>
    dtype === 'boolean' ? Array.from(data as Float64Array, (v) => (Number.isNaN(v) ? null : v === 1)) : data,
  );
  // Row by row: each row array is filled once, in order (twice as fast as filling them column-wise).
  const out: unknown[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const row = new Array(cols);
    for (let j = 0; j < cols; j++) row[j] = sources[j]![i];
    out[i] = row;
  }
  return new DataFrame(out, { columns: columns.map((c) => c.name), dtypes: columns.map((c) => c.dtype) });
}

/**
 * Make header names usable and unique the way pandas does, so a pandas user finds the names they
 * expect: surrounding spaces trimmed, an empty name becomes `Unnamed: j` (j 0-based: pandas writes its
 * index that way), and a repeated name gets `.1`, `.2`, … (skipping names already taken).
 */
export function uniqueNames(raw: string[]): string[] {
  const names = raw.map((r, j) => {
    const t = r.trim();
    return t === '' ? `Unnamed: ${j}` : t;
  });
  const taken = new Set(names);
  const seen = new Set<string>();
  return names.map((name) => {
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    let k = 1;
    while (taken.has(`${name}.${k}`)) k++;
    const unique = `${name}.${k}`;
    taken.add(unique);
    seen.add(unique);
    return unique;
  });
}

/**
 * What describe and datasetInfo read from a frame. A danfojs DataFrame fits as it is (its column store
 * is `protected` in its typings, which is why frame.ts's FrameLike doesn't accept it without a cast).
 */
export interface TypedFrame {
  columns: string[];
  shape: number[];
  dtypes: string[];
  values: unknown;
}

/** A frame's columns as arrays (danfojs's own column store when it has one; no Series built). */
export function columnsOf(df: TypedFrame): unknown[][] {
  return frameColumns(df as unknown as FrameLike);
}

// The one tabular shape at Kiroku's data boundary: named columns, each typed from its values the way
// pandas types them, stored column by column. Everything that reads tabular data — estimators, the
// signature and its enforcement, dataset digests, input examples, the notebook's table output, the
// Predict page — reads a Table; everything a user may hand in (a danfojs DataFrame or Series, rows,
// records, typed arrays, a Matrix) becomes one in table-from.ts.
//
// Column types are pandas' dtypes, with the storage each needs:
//   float64  Float64Array, NaN for missing
//   int64    Float64Array of whole numbers (safe integers), never missing — pandas turns an integer
//            column with a gap into float64, and so do we
//   bool     (boolean | null)[]
//   string   (string | null)[]
// A Table never changes after it is made: methods return new Tables (sharing column arrays where
// they can, as pandas views do).
import { DataError } from '../lib/errors';

export type Dtype = 'float64' | 'int64' | 'bool' | 'string';

export type ColumnData = Float64Array | (boolean | null)[] | (string | null)[];

/** One cell as a plain value: missing is null (never NaN). */
export type Cell = number | boolean | string | null;

export interface TableColumn {
  name: string;
  dtype: Dtype;
  data: ColumnData;
}

/** Python's list repr, as pandas' and MLflow's messages print names: ['alcohol', 'pH']. */
export function pyList(names: readonly string[]): string {
  return `[${names.map((n) => `'${n.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`;
}

export function isNumericDtype(dtype: Dtype): boolean {
  return dtype === 'float64' || dtype === 'int64';
}

export class Table {
  /** Column names, in order (pandas' `df.columns`). */
  readonly columns: readonly string[];
  /** Column types, in order (pandas' `df.dtypes`). */
  readonly dtypes: readonly Dtype[];
  /** Column values, in order; see the header for each type's storage. */
  readonly data: readonly ColumnData[];
  /** Number of rows (pandas' `len(df)`). */
  readonly rows: number;
  private readonly missingCounts: (number | undefined)[];

  /**
   * A Table from typed columns. The dtypes must describe the values (an int64 column holds whole
   * numbers and no NaN); to type columns from their values, use `toTable`.
   */
  constructor(columns: readonly TableColumn[], rows?: number) {
    const names = columns.map((c) => String(c.name));
    const seen = new Set<string>();
    for (const n of names) {
      if (seen.has(n)) throw new DataError(`Duplicate column name '${n}': every column of a table needs its own name.`);
      seen.add(n);
    }
    const n = rows ?? columns[0]?.data.length ?? 0;
    for (const c of columns) {
      const numeric = isNumericDtype(c.dtype);
      if (numeric !== c.data instanceof Float64Array || (!numeric && !Array.isArray(c.data))) {
        throw new DataError(
          `Column '${c.name}' of dtype ${c.dtype} must hold ${numeric ? 'a Float64Array' : 'an array'}.`,
        );
      }
      if (c.data.length !== n) {
        throw new DataError(
          `Column '${c.name}' has ${c.data.length} values; the table has ${n} rows. All columns must be the same ` +
            `length.`,
        );
      }
    }
    this.columns = names;
    this.dtypes = columns.map((c) => c.dtype);
    this.data = columns.map((c) => c.data);
    this.rows = n;
    this.missingCounts = new Array(columns.length);
  }

  /** [rows, columns], as pandas' `df.shape`. */
  get shape(): [number, number] {
    return [this.rows, this.columns.length];
  }

  /** Position of a column, or -1. */
  indexOf(name: string): number {
    return this.columns.indexOf(name);
  }

  /** The values of a column by name (or position). */
  column(name: string | number): ColumnData {
    return this.data[this.position(name)]!;
  }

  dtype(name: string | number): Dtype {
    return this.dtypes[this.position(name)]!;
  }

  /** Missing cells in column j (NaN in numeric columns, null otherwise); counted once. */
  missing(j: number): number {
    let count = this.missingCounts[j];
    if (count === undefined) {
      count = 0;
      const col = this.data[j]!;
      if (col instanceof Float64Array) {
        if (this.dtypes[j] !== 'int64') for (let i = 0; i < col.length; i++) if (col[i] !== col[i]) count++;
      } else {
        for (let i = 0; i < col.length; i++) if (col[i] === null) count++;
      }
      this.missingCounts[j] = count;
    }
    return count;
  }

  /** Cell (i, j) as a plain value; missing is null. */
  cell(i: number, j: number): Cell {
    const v = this.data[j]![i]!;
    return typeof v === 'number' && v !== v ? null : v;
  }

  /** Rows as arrays of cells (pandas' `df.values`); builds every row, so meant for small tables. */
  get values(): Cell[][] {
    return Array.from({ length: this.rows }, (_, i) => this.data.map((_, j) => this.cell(i, j)));
  }

  /** Rows as records `{column: cell}` (pandas' `df.to_dict('records')`). */
  toRecords(): Array<Record<string, Cell>> {
    return Array.from({ length: this.rows }, (_, i) =>
      Object.fromEntries(this.columns.map((c, j) => [c, this.cell(i, j)])),
    );
  }

  /** The named columns, in the order given. */
  select(names: readonly string[]): Table {
    return this.pick(names.map((n) => this.position(n)));
  }

  /** Columns by position. */
  pick(positions: readonly number[]): Table {
    return new Table(
      positions.map((j) => this.spec(j)),
      this.rows,
    );
  }

  /** Rows [start, end); numeric columns are views, not copies. */
  slice(start = 0, end = this.rows): Table {
    const from = Math.max(0, Math.min(this.rows, start));
    const to = Math.max(from, Math.min(this.rows, end));
    return new Table(
      this.columns.map((name, j) => {
        const d = this.data[j]!;
        return {
          name,
          dtype: this.dtypes[j]!,
          data: d instanceof Float64Array ? d.subarray(from, to) : d.slice(from, to),
        };
      }),
      to - from,
    );
  }

  /** The first n rows (pandas' `df.head(n)`). */
  head(n = 5): Table {
    return this.slice(0, n);
  }

  /** The given rows, in the given order (for splits and folds). */
  take(indices: ArrayLike<number>): Table {
    const n = indices.length;
    return new Table(
      this.columns.map((name, j) => {
        const d = this.data[j]!;
        let data: ColumnData;
        if (d instanceof Float64Array) {
          const out = new Float64Array(n);
          for (let k = 0; k < n; k++) out[k] = d[indices[k]!]!;
          data = out;
        } else {
          const out = new Array(n);
          for (let k = 0; k < n; k++) out[k] = d[indices[k]!];
          data = out;
        }
        return { name, dtype: this.dtypes[j]!, data };
      }),
      n,
    );
  }

  /** This table with more columns on the right (names must be new). */
  withColumns(columns: readonly TableColumn[]): Table {
    return new Table([...this.columns.map((_, j) => this.spec(j)), ...columns], this.rows);
  }

  /** Column j as the spec it was made from. */
  spec(j: number): TableColumn {
    return { name: this.columns[j]!, dtype: this.dtypes[j]!, data: this.data[j]! };
  }

  /** A short text rendering of the first rows, as pandas prints a frame. */
  toString(maxRows = 10): string {
    const shown = Math.min(this.rows, maxRows);
    const header = ['', ...this.columns];
    const lines = Array.from({ length: shown }, (_, i) => [
      String(i),
      ...this.columns.map((_, j) => formatCell(this.cell(i, j))),
    ]);
    const grid = [header, ...lines];
    const widths = header.map((_, k) => Math.max(...grid.map((r) => r[k]!.length)));
    const text = grid.map((r) => r.map((s, k) => s.padStart(widths[k]!)).join('  ')).join('\n');
    const more = this.rows > shown ? '\n...' : '';
    return `${text}${more}\n\n[${this.rows} rows x ${this.columns.length} columns]`;
  }

  private position(name: string | number): number {
    if (typeof name === 'number') {
      if (!Number.isInteger(name) || name < 0 || name >= this.columns.length) {
        throw new DataError(`Column position ${name} is out of range; the table has ${this.columns.length} columns.`);
      }
      return name;
    }
    const j = this.columns.indexOf(name);
    if (j < 0) throw new DataError(`Column '${name}' is not in the table; its columns are ${pyList(this.columns)}.`);
    return j;
  }
}

function formatCell(v: Cell): string {
  if (v === null) return 'NaN';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

// Builds one CSV column as it is read, inferring its type on the way: integers, floats, booleans
// (true/false in any case) or strings, with missing markers counted apart. A numeric cell is parsed in
// place from the text and goes straight into a Float64Array, so a 50 MB numeric file never exists as
// millions of little strings (that alone made parsing 4× slower).
//
// A column that looked numeric (or boolean) and then meets text becomes a string column, like pandas'
// object columns; its earlier cells must then be the original text ("007" stays "007", not 7), which
// the numbers no longer hold. The column notes the row where that happened (`textFrom`) and the reader
// re-reads those earlier cells in one extra pass at the end (see csv.ts), for all such columns at once.
import type { TableColumn, Dtype } from './table';
import type { CsvTokenizer } from './csv-tokenizer';
import { scanNumber, scanned, NOT_A_NUMBER, INTEGER } from './csv-number';

const EMPTY = 0; // only missing cells so far
const INT = 1;
const FLOAT = 2;
const BOOL = 3;
const TEXT = 4;
type Kind = typeof EMPTY | typeof INT | typeof FLOAT | typeof BOOL | typeof TEXT;

/** Missing-value markers, with what the fast path needs to know about them. */
export class NaMarkers {
  readonly set: ReadonlySet<string>;
  /** Whether an empty cell is missing. */
  readonly empty: boolean;
  /** Whether some marker looks like a number ("-999"): then numeric cells must be checked too. */
  readonly numeric: boolean;

  constructor(values: readonly string[]) {
    this.set = new Set(values);
    this.empty = this.set.has('');
    this.numeric = values.some((v) => {
      scanNumber(v, 0, v.length);
      return scanned.kind !== NOT_A_NUMBER;
    });
  }
}

export class ColumnBuilder {
  length = 0;
  missing = 0;
  /** Rows before this one were stored as numbers and must be re-read as text; -1 when none. */
  textFrom = -1;
  private kind: Kind = EMPTY;
  private nums = new Float64Array(1024);
  private strs: (string | null)[] = [];

  constructor(
    readonly name: string,
    private readonly na: NaMarkers,
  ) {}

  /** Add field j of the tokenizer's current record. */
  push(tok: CsvTokenizer, j: number): void {
    if (this.kind !== TEXT && !this.na.numeric && tok.cooked[j] === undefined) {
      const start = tok.starts[j]!;
      const end = tok.ends[j]!;
      if (start === end && this.na.empty) return this.pushMissing();
      const v = scanNumber(tok.text, start, end);
      if (scanned.kind !== NOT_A_NUMBER && this.kind !== BOOL) return this.pushNumber(v, scanned.kind === INTEGER);
    }
    this.pushText(tok.field(j));
  }

  /** Add a cell given as a string (the slow path, and the only one for string columns). */
  pushText(cell: string): void {
    if (this.na.set.has(cell)) return this.pushMissing();
    if (this.kind === TEXT) {
      this.strs.push(cell);
      this.length++;
      return;
    }
    const v = scanNumber(cell, 0, cell.length);
    if (scanned.kind !== NOT_A_NUMBER) {
      if (this.kind === BOOL) return this.toText(cell);
      return this.pushNumber(v, scanned.kind === INTEGER);
    }
    const bool = asBool(cell);
    if (bool >= 0 && (this.kind === EMPTY || this.kind === BOOL)) {
      this.kind = BOOL;
      this.setNum(this.length++, bool);
      return;
    }
    this.toText(cell);
  }

  /** Set a recovered original cell of a column that turned into text (row < textFrom). */
  recover(row: number, cell: string): void {
    this.strs[row] = this.na.set.has(cell) ? null : cell;
  }

  /** The column, typed by pandas' rules (see infer.ts), as the Table stores it. */
  finish(): TableColumn {
    const { name } = this;
    if (this.kind === TEXT) return { name, dtype: 'string', data: this.strs };
    // The grown buffer as it is when little of it is unused (a copy of a million rows takes a while).
    const nums =
      this.length * 4 >= this.nums.length * 3 ? this.nums.subarray(0, this.length) : this.nums.slice(0, this.length);
    if (this.kind === BOOL) return { name, dtype: 'bool', data: Array.from(nums, (v) => (v !== v ? null : v === 1)) };
    // pandas turns an integer column with gaps into floats (NaN is a float); so do we. An all-missing
    // column is float too, as in pandas.
    const dtype: Dtype = this.kind === INT && this.missing === 0 ? 'int64' : 'float64';
    return { name, dtype, data: nums };
  }

  private pushMissing(): void {
    this.missing++;
    if (this.kind === TEXT) this.strs.push(null);
    else this.setNum(this.length, NaN);
    this.length++;
  }

  private pushNumber(v: number, integer: boolean): void {
    if (integer) {
      if (this.kind === EMPTY || this.kind === INT) this.kind = Number.isSafeInteger(v) ? INT : FLOAT;
    } else {
      this.kind = FLOAT;
    }
    this.setNum(this.length++, v);
  }

  private setNum(i: number, v: number): void {
    if (i === this.nums.length) {
      const grown = new Float64Array(this.nums.length * 2);
      grown.set(this.nums);
      this.nums = grown;
    }
    this.nums[i] = v;
  }

  private toText(cell: string): void {
    const i = this.length++;
    // Earlier cells: missing ones are already known (NaN); the others are recovered by the reader.
    const strs: (string | null)[] = new Array(i + 1);
    for (let r = 0; r < i; r++) strs[r] = null;
    strs[i] = cell;
    this.strs = strs;
    if (i > 0 && this.kind !== EMPTY) this.textFrom = i;
    this.kind = TEXT;
    this.nums = new Float64Array(0);
  }
}

/** 1 for true, 0 for false (any letter case), -1 otherwise. */
function asBool(s: string): number {
  if (s.length !== 4 && s.length !== 5) return -1;
  const l = s.toLowerCase();
  return l === 'true' ? 1 : l === 'false' ? 0 : -1;
}

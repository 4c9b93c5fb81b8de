// The one CSV parser: text in, typed Table columns out, fed piece by piece so a file can be parsed
// while it is still being read (csv.ts streams Files, Blobs and URLs through it; CSV text is one piece).
// Records come from csv-records.ts (which handles pieces, pauses and the abort signal); each field
// goes straight into its column builder (typed numbers, or strings), never into row objects.
import { DATA_ERROR_CODES, capitalized, dataError } from './errors';
import type { CsvTokenizer } from './csv-tokenizer';
import { ColumnBuilder, NaMarkers } from './csv-column';
import { uniqueNames } from './column-names';
import { RecordReader, STOP } from './csv-records';
import { Table } from './table';

/** pandas' default missing-value markers (read_csv's `na_values`), so files load as they do there. */
export const DEFAULT_NA_VALUES: readonly string[] = [
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
];

export interface CsvParseOptions {
  /** One character; sniffed among `,` `;` tab `|` when absent. */
  delimiter?: string;
  /** Whether the first record names the columns (default true); without it columns are "0", "1", … */
  header?: boolean;
  /**
   * Cells that mean "missing"; replaces DEFAULT_NA_VALUES (spread it to extend:
   * `[...DEFAULT_NA_VALUES, '?']`). Matched exactly, after unquoting.
   */
  naValues?: readonly string[];
  /** Characters parsed between two yields to the event loop (default 128 KiB worth: a few milliseconds of work). */
  chunkSize?: number;
  /** Aborting rejects with the signal's reason (an AbortError by default). */
  signal?: AbortSignal;
}

const DEFAULT_CHUNK = 1 << 17;
/**
 * Reads CSV text piece by piece into typed columns. The text itself is not kept: in the one case that
 * needs it again (a column that turns from numbers to text partway, see csv-column.ts), `end` is
 * given a way to read the source once more.
 */
export class CsvParser {
  private readonly reader: RecordReader;
  private readonly na: NaMarkers;
  private builders: ColumnBuilder[] | null = null;
  private names: string[] = [];

  /** `label` names the source in messages ("data.csv", "the CSV text"); `onPause` runs at each yield. */
  constructor(
    private readonly label: string,
    private readonly options: CsvParseOptions = {},
    onPause?: () => void,
  ) {
    this.na = new NaMarkers(options.naValues ?? DEFAULT_NA_VALUES);
    const chunk = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK);
    this.reader = new RecordReader(options.delimiter, chunk, (tok, n) => this.record(tok, n), options.signal, onPause);
  }

  /** Characters parsed so far (for progress). */
  get consumed(): number {
    return this.reader.consumed;
  }

  /** More text; whole records in it are parsed now, a record cut at its end waits for the next piece. */
  async push(text: string): Promise<void> {
    await this.reader.push(text);
  }

  /**
   * The end of the text: parse what is left and return the table. `reread` gives the text again,
   * piece by piece, should a column need the original text of its earlier cells.
   */
  async end(reread: () => AsyncIterable<string>): Promise<Table> {
    await this.reader.push('', true);
    if (!this.builders) {
      throw dataError(
        `The file is empty: ${this.label} has no header line and no rows. Check that you picked the right file.`,
        DATA_ERROR_CODES.emptyFile,
      );
    }
    const builders = this.builders;
    if (builders[0]!.length === 0) {
      const width = this.names.length;
      const shown =
        this.names
          .slice(0, 5)
          .map((s) => JSON.stringify(s))
          .join(', ') + (width > 5 ? ', …' : '');
      throw dataError(
        `${capitalized(this.label)} has a header line (${width} column${width === 1 ? '' : 's'}: ${shown}) but no ` +
          `data rows. ` +
          `Add rows below the header, or check that you picked the right file.`,
        DATA_ERROR_CODES.noRows,
      );
    }
    await this.recoverText(builders, reread);
    return new Table(builders.map((b) => b.finish()));
  }

  private record(tok: CsvTokenizer, n: number): void {
    const builders = this.builders;
    if (!builders) return this.header(tok, n);
    if (n !== builders.length)
      throw raggedRow(tok.recordLine, n, builders.length, this.options.header !== false, this.reader.delimiter!);
    for (let j = 0; j < n; j++) builders[j]!.push(tok, j);
  }

  /** The first record: the column names (or, without a header, the first row). */
  private header(tok: CsvTokenizer, n: number): void {
    // A line of spaces before anything else is a blank line (so a file of only those is empty).
    if (n === 1 && tok.field(0).trim() === '') return;
    const header = this.options.header !== false;
    this.names = header ? uniqueNames(tok.fields(n)) : Array.from({ length: n }, (_, j) => String(j));
    this.builders = this.names.map((name) => new ColumnBuilder(name, this.na));
    if (!header) this.record(tok, n);
  }

  /**
   * Columns that turned from numbers to text partway (see csv-column.ts) get their earlier cells back
   * as the original text, in one more pass over the source that stops at the last row needed.
   */
  private async recoverText(builders: ColumnBuilder[], reread: () => AsyncIterable<string>): Promise<void> {
    const pending = builders.map((b, j) => ({ b, j })).filter(({ b }) => b.textFrom > 0);
    if (pending.length === 0) return;
    const rows = Math.max(...pending.map(({ b }) => b.textFrom));
    const header = this.options.header !== false;
    let row = header ? -1 : 0;
    let started = false;
    const again = new RecordReader(
      this.reader.delimiter,
      Math.max(1, this.options.chunkSize ?? DEFAULT_CHUNK),
      (tok, n) => {
        if (!started) {
          if (n === 1 && tok.field(0).trim() === '') return;
          started = true;
          if (header) return void (row = 0);
        }
        for (const { b, j } of pending) if (row < b.textFrom) b.recover(row, tok.field(j));
        return ++row >= rows ? STOP : undefined;
      },
      this.options.signal,
    );
    for await (const piece of reread()) if (!(await again.push(piece))) return;
    await again.push('', true);
  }
}

function raggedRow(line: number, got: number, want: number, header: boolean, delimiter: string) {
  return dataError(
    `Line ${line} has ${got} field${got === 1 ? '' : 's'}; ${
      header ? 'the header has' : 'the first row has'
    } ${want}. ` +
      `Check that line (and the one before it) for a missing or extra ${JSON.stringify(delimiter)} ` +
      `or an unclosed quote.`,
    DATA_ERROR_CODES.raggedRow,
  );
}

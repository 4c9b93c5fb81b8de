// The one CSV parser: text in, typed Table columns out, fed piece by piece so a file can be parsed
// while it is still being read (csv.ts streams Files, Blobs and URLs through it; CSV text is one piece).
//
// Each piece is tokenized one record at a time and each field goes straight into its column builder
// (typed numbers, or strings), never into row objects. A record that runs to the end of the text read
// so far may continue in the next piece, so it is left for then. Every `chunkSize` characters the
// parser yields to the event loop and checks the abort signal, so a 50 MB file parses without
// freezing the page.
import { DATA_ERROR_CODES, capitalized, dataError } from './errors';
import { CsvTokenizer } from './csv-tokenizer';
import { sniffDelimiter } from './csv-sniff';
import { ColumnBuilder, NaMarkers } from './csv-column';
import { uniqueNames } from './column-names';
import { Table } from './table';
import { yieldToEventLoop } from './yield';

/** pandas' default missing-value markers (read_csv's `na_values`), so files load as they do there. */
export const DEFAULT_NA_VALUES: readonly string[] = [
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>',
  'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null',
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
/** Text the delimiter is sniffed from (csv-sniff.ts reads at most this much). */
const SNIFF_CHARS = 64 * 1024;

/** Text already parsed, kept for the one case that reads it again (see `recoverText`). */
interface Segment {
  text: string;
  start: number;
  end: number;
  line: number;
}

export class CsvParser {
  /** Characters parsed so far (for progress). */
  consumed = 0;
  private pending = '';
  /** Line number at the start of `pending`. */
  private line = 1;
  private delimiter: string | undefined;
  private readonly na: NaMarkers;
  private readonly chunk: number;
  private builders: ColumnBuilder[] | null = null;
  private names: string[] = [];
  private readonly segments: Segment[] = [];

  /** `label` names the source in messages ("data.csv", "the CSV text"); `onPause` runs at each yield. */
  constructor(
    private readonly label: string,
    private readonly options: CsvParseOptions = {},
    private readonly onPause?: () => void,
  ) {
    this.na = new NaMarkers(options.naValues ?? DEFAULT_NA_VALUES);
    this.chunk = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK);
    if (options.delimiter !== undefined) checkDelimiter(options.delimiter);
    this.delimiter = options.delimiter;
  }

  /** More text; whole records in it are parsed now, a record cut at its end waits for the next piece. */
  async push(text: string): Promise<void> {
    this.pending = this.pending ? this.pending + text : text;
    await this.parse(false);
  }

  /** The end of the text: parse what is left and return the table. */
  async end(): Promise<Table> {
    await this.parse(true);
    if (!this.builders) {
      throw dataError(
        `The file is empty: ${this.label} has no header line and no rows. Check that you picked the right file.`,
        DATA_ERROR_CODES.emptyFile,
      );
    }
    const builders = this.builders;
    if (builders[0]!.length === 0) {
      const width = this.names.length;
      const shown = this.names.slice(0, 5).map((s) => JSON.stringify(s)).join(', ') + (width > 5 ? ', …' : '');
      throw dataError(
        `${capitalized(this.label)} has a header line (${width} column${width === 1 ? '' : 's'}: ${shown}) but no data rows. ` +
          `Add rows below the header, or check that you picked the right file.`,
        DATA_ERROR_CODES.noRows,
      );
    }
    await this.recoverText(builders);
    return new Table(builders.map((b) => b.finish()));
  }

  private async parse(final: boolean): Promise<void> {
    const text = this.pending;
    if (this.delimiter === undefined) {
      if (!final && text.length < SNIFF_CHARS) return;
      this.delimiter = sniffDelimiter(text);
    }
    const { signal } = this.options;
    const tok = new CsvTokenizer(text, this.delimiter, 0, this.line);
    if (!this.builders && !this.readHeader(tok, final)) return;
    const builders = this.builders!;
    const width = builders.length;
    const segment: Segment = { text, start: tok.pos, end: tok.pos, line: tok.line };
    let nextPause = tok.pos + this.chunk;
    for (;;) {
      const at = tok.pos;
      const line = tok.line;
      const n = this.nextRecord(tok, final);
      if (n < 0) {
        tok.pos = at;
        tok.line = line;
        break;
      }
      if (n !== width) throw raggedRow(tok.recordLine, n, width, this.options.header !== false, this.delimiter);
      for (let j = 0; j < width; j++) builders[j]!.push(tok, j);
      if (tok.pos >= nextPause) {
        nextPause = tok.pos + this.chunk;
        this.consumed += tok.pos - segment.end;
        segment.end = tok.pos;
        this.onPause?.();
        await yieldToEventLoop();
        signal?.throwIfAborted();
      }
    }
    this.consumed += tok.pos - segment.end;
    segment.end = tok.pos;
    if (segment.end > segment.start) this.segments.push(segment);
    this.pending = text.slice(tok.pos);
    this.line = tok.line;
  }

  /** The next complete record's field count; -1 at the end of the text or at a record cut by it. */
  private nextRecord(tok: CsvTokenizer, final: boolean): number {
    let n: number;
    try {
      n = tok.next();
    } catch (e) {
      // A quote still open at the end of a piece may close in the next one.
      if (!final && (e as { code?: string }).code === DATA_ERROR_CODES.unclosedQuote) return -1;
      throw e;
    }
    if (n >= 0 && !final && !tok.terminated) return -1;
    return n;
  }

  /** Read the header (or, without one, size the columns from the first record); false to wait for more text. */
  private readHeader(tok: CsvTokenizer, final: boolean): boolean {
    if (tok.text.trim() === '') return false; // only blank text so far (at the end: an empty file)
    const start = { pos: tok.pos, line: tok.line };
    const width = this.nextRecord(tok, final);
    if (width < 0) {
      tok.pos = start.pos;
      tok.line = start.line;
      return false;
    }
    const header = this.options.header !== false;
    this.names = header ? uniqueNames(tok.fields(width)) : Array.from({ length: width }, (_, j) => String(j));
    this.builders = this.names.map((name) => new ColumnBuilder(name, this.na));
    if (!header) {
      // The first record is data: read it again as the first row.
      tok.pos = start.pos;
      tok.line = start.line;
    }
    return true;
  }

  /**
   * Columns that turned from numbers to text partway (see csv-column.ts) get their earlier cells back
   * as the original text, in one extra pass over just the rows needed.
   */
  private async recoverText(builders: ColumnBuilder[]): Promise<void> {
    const pending = builders.map((b, j) => ({ b, j })).filter(({ b }) => b.textFrom > 0);
    if (pending.length === 0) return;
    const rows = Math.max(...pending.map(({ b }) => b.textFrom));
    let row = 0;
    for (const s of this.segments) {
      const tok = new CsvTokenizer(s.text, this.delimiter!, s.start, s.line);
      let nextPause = tok.pos + this.chunk;
      while (row < rows && tok.pos < s.end) {
        tok.next();
        for (const { b, j } of pending) if (row < b.textFrom) b.recover(row, tok.field(j));
        row++;
        if (tok.pos >= nextPause) {
          nextPause = tok.pos + this.chunk;
          await yieldToEventLoop();
          this.options.signal?.throwIfAborted();
        }
      }
      if (row >= rows) break;
    }
  }
}

function checkDelimiter(d: string): void {
  if (d.length !== 1 || d === '"' || d === '\n' || d === '\r') {
    throw dataError(
      `Invalid delimiter ${JSON.stringify(d)}: use one character other than a quote or a line break, ` +
        `such as "," ";" "\\t" or "|".`,
      DATA_ERROR_CODES.badOption,
    );
  }
}

function raggedRow(line: number, got: number, want: number, header: boolean, delimiter: string) {
  return dataError(
    `Line ${line} has ${got} field${got === 1 ? '' : 's'}; ${header ? 'the header has' : 'the first row has'} ${want}. ` +
      `Check that line (and the one before it) for a missing or extra ${JSON.stringify(delimiter)} ` +
      `or an unclosed quote.`,
    DATA_ERROR_CODES.raggedRow,
  );
}

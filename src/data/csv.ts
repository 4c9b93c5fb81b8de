// readCSV: a CSV file (File, Blob, URL or text) to a danfojs DataFrame, in Node and in the browser.
//
// The text is tokenized one record at a time and each field goes straight into its column builder
// (typed numbers, or strings), never into row objects. Every `chunkSize` characters the reader reports
// progress, checks the abort signal and yields to the event loop, so a 50 MB file parses without
// freezing the page. See source.ts for how a string is told apart from an address.
import type { DataFrame } from 'danfojs';
import { DATA_ERROR_CODES, capitalized, dataError } from './errors';
import { readSourceText, sourceLabel, type DataSource } from './source';
import { CsvTokenizer } from './csv-tokenizer';
import { sniffDelimiter } from './csv-sniff';
import { ColumnBuilder, NaMarkers } from './csv-column';
import { frameFromColumns, uniqueNames, type ParsedColumn } from './columns';
import { yieldToEventLoop } from './yield';

/** pandas' default missing-value markers (read_csv's `na_values`), so files load as they do there. */
export const DEFAULT_NA_VALUES: readonly string[] = [
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>',
  'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null',
];

export interface ReadCSVOptions {
  /** One character; sniffed among `,` `;` tab `|` when absent. */
  delimiter?: string;
  /** Whether the first record names the columns (default true); without it columns are "0", "1", … */
  header?: boolean;
  /** Called with increasing fractions in (0, 1] as parsing advances; the last call is 1. */
  onProgress?: (fraction: number) => void;
  /** Aborting rejects the returned promise with the signal's reason (an AbortError by default). */
  signal?: AbortSignal;
  /**
   * Cells that mean "missing"; replaces DEFAULT_NA_VALUES (spread it to extend:
   * `[...DEFAULT_NA_VALUES, '?']`). Matched exactly, after unquoting.
   */
  naValues?: readonly string[];
  /** Characters parsed between two yields to the event loop (default 1 MiB worth). */
  chunkSize?: number;
}

const DEFAULT_CHUNK = 1 << 20;

/**
 * Read CSV into a DataFrame with per-column dtypes: `int32`, `float32` (numbers; NaN for missing),
 * `boolean` (null for missing) or `string` (null for missing).
 *
 * `source` is a File or Blob, a URL, an address string (one line that starts with http(s):, file:, …
 * or ends in .csv/.tsv/.txt), or CSV text (anything else, and anything with a line break).
 */
export async function readCSV(source: DataSource, options: ReadCSVOptions = {}): Promise<DataFrame> {
  const { signal } = options;
  const label = sourceLabel(source);
  const text = await readSourceText(source, signal);
  const columns = await parseColumns(text, label, options);
  const frame = await frameFromColumns(columns);
  signal?.throwIfAborted();
  options.onProgress?.(1);
  return frame;
}

/** The parsing half of readCSV, exposed for callers that already have text and want raw columns. */
export async function parseColumns(text: string, label: string, options: ReadCSVOptions = {}): Promise<ParsedColumn[]> {
  const { signal, onProgress, header = true } = options;
  const chunk = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK);
  const na = new NaMarkers(options.naValues ?? DEFAULT_NA_VALUES);
  const delimiter = options.delimiter ?? sniffDelimiter(text);
  checkDelimiter(delimiter);

  const tok = new CsvTokenizer(text, delimiter);
  const width = text.trim() === '' ? -1 : tok.next();
  if (width < 0) {
    throw dataError(
      `The file is empty: ${label} has no header line and no rows. Check that you picked the right file.`,
      DATA_ERROR_CODES.emptyFile,
    );
  }
  const names = header ? uniqueNames(tok.fields(width)) : Array.from({ length: width }, (_, j) => String(j));
  const builders = names.map((name) => new ColumnBuilder(name, na));
  const dataStart = header ? { pos: tok.pos, line: tok.line } : { pos: 0, line: 1 };
  if (!header) for (let j = 0; j < width; j++) builders[j]!.push(tok, j);

  let nextPause = tok.pos + chunk;
  let reported = 0;
  for (;;) {
    const n = tok.next();
    if (n < 0) break;
    if (n !== width) throw raggedRow(tok.recordLine, n, width, header, delimiter);
    for (let j = 0; j < width; j++) builders[j]!.push(tok, j);
    if (tok.pos >= nextPause) {
      nextPause = tok.pos + chunk;
      const fraction = tok.pos / text.length;
      if (onProgress && fraction < 1 && fraction > reported) onProgress((reported = fraction));
      await yieldToEventLoop();
      signal?.throwIfAborted();
    }
  }
  if (builders[0]!.length === 0) {
    const shown = names.slice(0, 5).map((s) => JSON.stringify(s)).join(', ') + (width > 5 ? ', …' : '');
    throw dataError(
      `${capitalized(label)} has a header line (${width} column${width === 1 ? '' : 's'}: ${shown}) but no data rows. ` +
        `Add rows below the header, or check that you picked the right file.`,
      DATA_ERROR_CODES.noRows,
    );
  }
  await recoverText(text, delimiter, dataStart, builders, chunk, signal);
  return builders.map((b) => b.finish());
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

/**
 * Columns that turned from numbers to text partway (see csv-column.ts) get their earlier cells back as
 * the original text, in one extra pass over just the rows needed.
 */
async function recoverText(
  text: string,
  delimiter: string,
  start: { pos: number; line: number },
  builders: ColumnBuilder[],
  chunk: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const pending = builders.map((b, j) => ({ b, j })).filter(({ b }) => b.textFrom > 0);
  if (pending.length === 0) return;
  const rows = Math.max(...pending.map(({ b }) => b.textFrom));
  const tok = new CsvTokenizer(text, delimiter, start.pos, start.line);
  let nextPause = tok.pos + chunk;
  for (let row = 0; row < rows; row++) {
    tok.next();
    for (const { b, j } of pending) if (row < b.textFrom) b.recover(row, tok.field(j));
    if (tok.pos >= nextPause) {
      nextPause = tok.pos + chunk;
      await yieldToEventLoop();
      signal?.throwIfAborted();
    }
  }
}

// readTable / readCSV: a CSV file (File, Blob, URL or text) to a Table (or a danfojs DataFrame), in
// Node and in the browser.
//
// Files, Blobs and URLs are streamed: bytes are decoded strictly (decode.ts) and parsed (csv-parser.ts)
// piece by piece as they arrive, with progress by bytes read, so the page keeps responding and a large
// file never exists twice in memory as bytes and text. CSV text is parsed as one piece. See source.ts
// for how a string is told apart from an address.
import type { DataFrame } from 'danfojs';
import { CsvParser, type CsvParseOptions } from './csv-parser';
import { tableToDanfo } from './danfo';
import { StreamDecoder, stripBom } from './decode';
import { isLocation, openSource, sourceLabel, type DataSource } from './source';
import type { Table } from './table';
import { yieldToEventLoop } from './yield';

export { DEFAULT_NA_VALUES } from './csv-parser';

export interface ReadCSVOptions extends CsvParseOptions {
  /** Called with increasing fractions in (0, 1] as reading advances; the last call is 1. */
  onProgress?: (fraction: number) => void;
}

const PIECE_CHARS = 1 << 17;

/**
 * Read CSV into a Table whose column types come from all the values, as pandas' `read_csv` types
 * them: `int64`, `float64` (NaN for missing), `bool` or `string` (null for missing).
 *
 * `source` is a File or Blob, a URL, an address string (one line that starts with http(s):, file:, …
 * or ends in .csv/.tsv/.txt), or CSV text (anything else, and anything with a line break).
 */
export async function readTable(source: DataSource, options: ReadCSVOptions = {}): Promise<Table> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const label = sourceLabel(source);
  let reported = 0;
  const progress = (fraction: number) => {
    if (onProgress && fraction < 1 && fraction > reported) onProgress((reported = fraction));
  };
  let table: Table;
  if (typeof source === 'string' && !isLocation(source)) {
    const text = stripBom(source);
    const parser: CsvParser = new CsvParser(label, options, () => progress(parser.consumed / text.length));
    await parser.push(text);
    table = await parser.end();
  } else {
    const { reader, size } = await openSource(source, signal);
    const decoder = new StreamDecoder(label);
    const parser = new CsvParser(label, options);
    const pieceChars = Math.max(1, options.chunkSize ?? PIECE_CHARS);
    let bytes = 0;
    let buffered = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        signal?.throwIfAborted();
        bytes += value.length;
        buffered += decoder.decode(value);
        if (buffered.length >= pieceChars) {
          await parser.push(buffered);
          buffered = '';
          if (size) progress(bytes / size);
          await yieldToEventLoop();
        }
      }
      await parser.push(buffered + decoder.end());
    } catch (err) {
      void reader.cancel().catch(() => {});
      throw err;
    }
    table = await parser.end();
  }
  signal?.throwIfAborted();
  onProgress?.(1);
  return table;
}

/**
 * Read CSV into a danfojs DataFrame, typed as `readTable` types it (danfojs names the types int32,
 * float32, boolean and string, but holds the same JS numbers).
 */
export async function readCSV(source: DataSource, options: ReadCSVOptions = {}): Promise<DataFrame> {
  const table = await readTable(source, options);
  const frame = await tableToDanfo(table);
  options.signal?.throwIfAborted();
  return frame;
}

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
    table = await parser.end(async function* () {
      yield text;
    });
  } else {
    const { reader, size } = await openSource(source, signal);
    const parser = new CsvParser(label, options);
    const pieceChars = Math.max(1, options.chunkSize ?? PIECE_CHARS);
    // The bytes of a fetched file are kept (as a Blob, outside the JavaScript heap) in case a second
    // pass needs them; a File or Blob can simply be read again.
    const kept: Uint8Array[] | null = source instanceof Blob ? null : [];
    let bytes = 0;
    for await (const piece of decodedPieces(reader, label, pieceChars, signal, (chunk) => {
      bytes += chunk.length;
      kept?.push(chunk);
    })) {
      await parser.push(piece);
      if (size) progress(bytes / size);
      await yieldToEventLoop();
    }
    const again = kept ? new Blob(kept as Uint8Array<ArrayBuffer>[]) : (source as Blob);
    table = await parser.end(() => decodedPieces(again.stream().getReader(), label, pieceChars, signal));
  }
  signal?.throwIfAborted();
  onProgress?.(1);
  return table;
}

/**
 * A byte stream as text pieces of about `pieceChars` characters, decoded strictly; `onBytes` sees each
 * chunk of bytes as it arrives. The stream is cancelled if the reading stops early.
 */
async function* decodedPieces(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  label: string,
  pieceChars: number,
  signal?: AbortSignal,
  onBytes?: (chunk: Uint8Array) => void,
): AsyncGenerator<string> {
  const decoder = new StreamDecoder(label);
  let buffered = '';
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      signal?.throwIfAborted();
      onBytes?.(value);
      buffered += decoder.decode(value);
      if (buffered.length >= pieceChars) {
        yield buffered;
        buffered = '';
      }
    }
    finished = true;
    yield buffered + decoder.end();
  } finally {
    if (!finished) void reader.cancel().catch(() => {});
  }
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

// CSV text fed piece by piece, out as complete records: the part of reading a file that knows about
// pieces. A record that runs to the end of the text read so far may continue in the next piece (a
// quoted field still open, a line not yet ended, a \r whose \n is still to come), so it is kept and
// read again with that piece. Every `chunk` characters it yields to the event loop and checks the
// abort signal, so a 50 MB file is read without freezing the page.
import { DATA_ERROR_CODES, dataError } from './errors';
import { CsvTokenizer } from './csv-tokenizer';
import { sniffDelimiter } from './csv-sniff';
import { yieldToEventLoop } from './yield';

/** Text the delimiter is sniffed from (csv-sniff.ts reads at most this much). */
const SNIFF_CHARS = 64 * 1024;

/** Stops a reading early, from inside `onRecord` (a second pass that has what it needs). */
export const STOP = Symbol('stop reading');

export class RecordReader {
  /** Characters of complete records read so far (for progress). */
  consumed = 0;
  private pending = '';
  /** Line number at the start of `pending`. */
  private line = 1;

  /**
   * `onRecord(tok, fields)` is called for each complete record with the tokenizer positioned on it; it
   * may return STOP. `onPause` runs before each yield.
   */
  constructor(
    public delimiter: string | undefined,
    private readonly chunk: number,
    // biome-ignore lint/suspicious/noConfusingVoidType: `void` lets a void method be passed as it is
    private readonly onRecord: (tok: CsvTokenizer, fields: number) => void | typeof STOP,
    private readonly signal?: AbortSignal,
    private readonly onPause?: () => void,
  ) {
    if (delimiter !== undefined) checkDelimiter(delimiter);
  }

  /** More text (`final` for the last piece); false once `onRecord` has asked to stop. */
  async push(text: string, final = false): Promise<boolean> {
    const all = this.pending ? this.pending + text : text;
    if (this.delimiter === undefined) {
      if (!final && all.length < SNIFF_CHARS) {
        this.pending = all;
        return true;
      }
      this.delimiter = sniffDelimiter(all);
    }
    const tok = new CsvTokenizer(all, this.delimiter, 0, this.line);
    let done = 0;
    let nextPause = this.chunk;
    let going = true;
    for (;;) {
      const at = tok.pos;
      const line = tok.line;
      const n = nextRecord(tok, final);
      if (n < 0) {
        tok.pos = at;
        tok.line = line;
        break;
      }
      if (this.onRecord(tok, n) === STOP) {
        going = false;
        break;
      }
      if (tok.pos >= nextPause) {
        nextPause = tok.pos + this.chunk;
        this.consumed += tok.pos - done;
        done = tok.pos;
        this.onPause?.();
        await yieldToEventLoop();
        this.signal?.throwIfAborted();
      }
    }
    this.consumed += tok.pos - done;
    this.pending = going && tok.pos < all.length ? all.slice(tok.pos) : '';
    this.line = tok.line;
    return going;
  }
}

/** The next complete record's field count; -1 at the end of the text or at a record cut by it. */
function nextRecord(tok: CsvTokenizer, final: boolean): number {
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

function checkDelimiter(d: string): void {
  if (d.length !== 1 || d === '"' || d === '\n' || d === '\r') {
    throw dataError(
      `Invalid delimiter ${JSON.stringify(d)}: use one character other than a quote or a line break, ` +
        `such as "," ";" "\\t" or "|".`,
      DATA_ERROR_CODES.badOption,
    );
  }
}

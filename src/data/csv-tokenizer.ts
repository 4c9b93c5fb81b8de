// Splits CSV text into records, one at a time, RFC 4180 style: fields may be quoted with `"`, a quoted
// field may hold delimiters and line breaks, and `""` inside quotes is one quote. Lines may end in \n,
// \r\n or \r. Blank lines are skipped, as pandas does.
//
// It reads one record per call so the caller can stop between records (to yield to the event loop,
// check an abort signal, or report progress) without the tokenizer keeping any mid-field state, and it
// counts physical lines so errors can name the line a person sees in their editor.
//
// Like pandas and spreadsheets, it is lenient where RFC 4180 is strict: a quote inside an unquoted
// field is kept as a character, and text after a closing quote is appended to the field.
import { DATA_ERROR_CODES, dataError } from './errors';

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvTokenizer {
  /** Offset of the next unread character. */
  pos: number;
  /** 1-based line number at `pos`. */
  line: number;
  /** 1-based line on which the record last returned by `next` starts. */
  recordLine = 0;
  // The last record's fields as bounds into `text` (quotes excluded), so a numeric cell can be parsed
  // in place without becoming a string first. A field that isn't one contiguous run of text (it held
  // `""`, or text after its closing quote) is in `cooked` instead; elsewhere `cooked` is undefined.
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly cooked: (string | undefined)[] = [];
  /** Quoted fields so far with text after the closing quote: a sign of a wrongly guessed delimiter. */
  strayText = 0;
  /**
   * Whether the last record ended with a line break. A record that ran to the end of the text may
   * continue in text not yet read (a streamed file): the streaming reader reads it again later.
   */
  terminated = false;
  private readonly delim: number;

  constructor(
    readonly text: string,
    delimiter: string,
    start = 0,
    line = 1,
  ) {
    this.delim = delimiter.charCodeAt(0);
    this.pos = start;
    this.line = line;
  }

  /** Field j of the last record as a string. */
  field(j: number): string {
    return this.cooked[j] ?? this.text.slice(this.starts[j], this.ends[j]);
  }

  /** The last record's first `count` fields as strings. */
  fields(count: number): string[] {
    return Array.from({ length: count }, (_, j) => this.field(j));
  }

  /** Read the next non-blank record and return its field count, or -1 at the end of the text. */
  next(): number {
    const text = this.text;
    const n = text.length;
    const d = this.delim;
    const { starts, ends, cooked } = this;
    let pos = this.pos;
    let line = this.line;
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === LF) line++;
      else if (c === CR) {
        if (pos + 1 < n && text.charCodeAt(pos + 1) === LF) pos++;
        line++;
      } else break;
      pos++;
    }
    if (pos >= n) {
      this.pos = pos;
      this.line = line;
      return -1;
    }
    this.recordLine = line;
    this.terminated = false;
    let count = 0;
    for (;;) {
      if (pos < n && text.charCodeAt(pos) === QUOTE) {
        const openLine = line;
        const contentStart = ++pos;
        let segment = pos;
        let value: string | undefined;
        let contentEnd: number;
        for (;;) {
          const q = text.indexOf('"', pos);
          if (q < 0) {
            throw dataError(
              `The quoted field that starts on line ${openLine} is never closed: the file ends inside it. ` +
                `Add the missing closing quote (") or remove the stray opening one.`,
              DATA_ERROR_CODES.unclosedQuote,
            );
          }
          line += countLineBreaks(text, pos, q);
          if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
            value = (value ?? '') + text.slice(segment, q + 1);
            pos = segment = q + 2;
          } else {
            if (value !== undefined) value += text.slice(segment, q);
            contentEnd = q;
            pos = q + 1;
            break;
          }
        }
        const rest = pos;
        while (pos < n) {
          const c = text.charCodeAt(pos);
          if (c === d || c === LF || c === CR) break;
          pos++;
        }
        if (pos > rest) {
          value = (value ?? text.slice(contentStart, contentEnd)) + text.slice(rest, pos);
          this.strayText++;
        }
        starts[count] = contentStart;
        ends[count] = contentEnd;
        cooked[count] = value;
      } else {
        starts[count] = pos;
        while (pos < n) {
          const c = text.charCodeAt(pos);
          if (c === d || c === LF || c === CR) break;
          pos++;
        }
        ends[count] = pos;
        cooked[count] = undefined;
      }
      count++;
      if (pos >= n) break;
      const c = text.charCodeAt(pos++);
      if (c === d) continue;
      if (c === CR && pos < n && text.charCodeAt(pos) === LF) pos++;
      line++;
      // A lone \r at the very end may be the first half of \r\n split across two reads.
      this.terminated = !(c === CR && pos === n);
      break;
    }
    this.pos = pos;
    this.line = line;
    return count;
  }
}

/** Line breaks in text[from, to): \n, \r\n and a lone \r each count once. */
function countLineBreaks(text: string, from: number, to: number): number {
  let lines = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) lines++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) lines++;
  }
  return lines;
}

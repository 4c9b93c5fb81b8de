// Bytes → text for data files. UTF-8 is decoded strictly: a Latin-1 or Windows-1252 file decoded leniently
// would load with U+FFFD in place of every accented letter and nobody would notice until the model did,
// so we refuse it and say which line holds the first bad byte. A UTF-8 BOM (Excel's "CSV UTF-8") is
// dropped; a UTF-16 BOM (Excel's "Unicode text") switches the decoder instead of failing.
import { DATA_ERROR_CODES, capitalized, dataError } from './errors';

/** Decode a data file's bytes; `label` names the file in error messages. */
export function decodeText(bytes: Uint8Array, label: string): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes, label);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes, label);
  return decodeWith('utf-8', bytes, label);
}

function decodeWith(encoding: string, bytes: Uint8Array, label: string): string {
  try {
    // ignoreBOM: false (the default) makes the decoder strip the BOM that matches its encoding.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    const line = lineOfFirstBadByte(encoding, bytes);
    throw dataError(
      `${capitalized(label)} is not valid ${encoding.toUpperCase()} text (the first undecodable byte is on ` +
        `line ${line}). ` +
        `It was probably saved in another encoding such as Windows-1252 or Latin-1: ` +
        `save it again as UTF-8 (in Excel: "CSV UTF-8") and load it again.`,
      DATA_ERROR_CODES.badEncoding,
    );
  }
}

/** Only on the error path: a lenient decode marks bad bytes with U+FFFD, so its line is the bad one. */
function lineOfFirstBadByte(encoding: string, bytes: Uint8Array): number {
  const text = new TextDecoder(encoding).decode(bytes);
  const at = Math.max(0, text.indexOf('\uFFFD'));
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Text handed over as a string may still start with a BOM (read by FileReader, pasted from a file). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Decodes a file's bytes piece by piece, as strictly as `decodeText`: the encoding is chosen from the
 * first bytes (a UTF-16 BOM switches it; a UTF-8 BOM is dropped), and a byte that is not valid text
 * fails with the line it is on.
 */
export class StreamDecoder {
  private decoder: TextDecoder | null = null;
  private encoding = 'utf-8';
  /** Line breaks in the text decoded so far (to name the line of a bad byte). */
  private lines = 0;

  constructor(private readonly label: string) {}

  /** The text of the next bytes (possibly empty: a character may span two pieces). */
  decode(bytes: Uint8Array): string {
    if (!this.decoder) {
      if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) this.encoding = 'utf-16le';
      else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) this.encoding = 'utf-16be';
      this.decoder = new TextDecoder(this.encoding, { fatal: true });
    }
    return this.count(this.run(bytes, true));
  }

  /** The text of bytes held back at the end (an incomplete last character fails here). */
  end(): string {
    return this.decoder ? this.count(this.run(new Uint8Array(0), false)) : '';
  }

  private run(bytes: Uint8Array, stream: boolean): string {
    try {
      return this.decoder!.decode(bytes, { stream });
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      const line = this.lines + (bytes.length ? lineOfFirstBadByte(this.encoding, bytes) : 1);
      throw dataError(
        `${capitalized(this.label)} is not valid ${this.encoding.toUpperCase()} text (the first undecodable byte ` +
          `is on line ${line}). ` +
          `It was probably saved in another encoding such as Windows-1252 or Latin-1: ` +
          `save it again as UTF-8 (in Excel: "CSV UTF-8") and load it again.`,
        DATA_ERROR_CODES.badEncoding,
      );
    }
  }

  private count(text: string): string {
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) this.lines++;
    return text;
  }
}

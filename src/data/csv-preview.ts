// The first rows of a CSV as text, for previews (an artifact on a run's page): the same tokenizer and
// delimiter sniffing as the reader, but no types, no missing markers and no refusals — a preview shows
// what the file holds, ragged rows and all, and stops at an unclosed quote.
import { CsvTokenizer } from './csv-tokenizer';
import { sniffDelimiter } from './csv-sniff';
import { stripBom } from './decode';

export interface CsvPreview {
  header: string[];
  rows: string[][];
  /** True when the text has more rows than were read. */
  truncated: boolean;
}

export function previewCSV(text: string, maxRows = 500): CsvPreview {
  const body = stripBom(text);
  const tok = new CsvTokenizer(body, sniffDelimiter(body));
  const records: string[][] = [];
  let truncated = false;
  try {
    for (;;) {
      const n = tok.next();
      if (n < 0) break;
      if (records.length > maxRows) {
        truncated = true;
        break;
      }
      records.push(tok.fields(n));
    }
  } catch {
    truncated = true; // a quote that never closes: show the rows before it
  }
  const [header = [], ...rows] = records;
  return { header, rows, truncated };
}

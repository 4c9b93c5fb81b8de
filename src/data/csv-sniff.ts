// Which delimiter a CSV file uses, guessed from its first records. Europe's spreadsheets write `;`
// (the comma is their decimal mark), UCI's wine-quality file too; tab-separated exports are common;
// `|` shows up in database dumps. The guess tokenizes the first records with each candidate, quotes
// respected, and keeps the candidate that splits every record into the same number (> 1) of fields;
// among those, the one giving the most fields, then the earlier in CANDIDATE_DELIMITERS. A candidate
// that leaves text right after a closing quote (`"a,b";"c"` read with `,`) is ranked below all others:
// in a well-formed file a closing quote is followed by the delimiter or a line end.
import { CsvTokenizer } from './csv-tokenizer';

export const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_RECORDS = 20;

/** The likely delimiter of `text` (from offset `start`); `,` when nothing splits the lines. */
export function sniffDelimiter(text: string, start = 0): string {
  const end = Math.min(text.length, start + SAMPLE_CHARS);
  const truncated = end < text.length;
  // Cut the sample at a line break so the last record isn't a fragment, unless one line is that long.
  let cut = end;
  if (truncated) {
    const lastBreak = Math.max(text.lastIndexOf('\n', end), text.lastIndexOf('\r', end));
    if (lastBreak > start) cut = lastBreak;
  }
  const sample = text.slice(start, cut);

  let best: { delimiter: string; score: number[] } | undefined;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const { counts, clean } = fieldCounts(sample, delimiter);
    if (counts.length === 0) continue;
    const fields = counts[0]!;
    if (fields < 2) continue;
    const consistent = counts.filter((c) => c === fields).length / counts.length;
    const score = [clean ? 1 : 0, consistent, fields];
    if (!best || isBetter(score, best.score)) best = { delimiter, score };
  }
  return best?.delimiter ?? ',';
}

function isBetter(a: number[], b: number[]): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! > b[k]!;
  return false;
}

function fieldCounts(sample: string, delimiter: string): { counts: number[]; clean: boolean } {
  const tok = new CsvTokenizer(sample, delimiter);
  const counts: number[] = [];
  try {
    while (counts.length < SAMPLE_RECORDS) {
      const n = tok.next();
      if (n < 0) break;
      counts.push(n);
    }
  } catch {
    // A quote left open by the sample's cut (or by a wrong guess of delimiter): judge what we have.
  }
  return { counts, clean: tok.strayText === 0 };
}

// A Table as CSV text (RFC 4180, "\n" line ends), as pandas' `to_csv(index=False)` writes it: numbers
// in their shortest exact form, missing cells empty, booleans True/False, fields with the delimiter, a
// quote or a line break quoted.
//
// Cells that a spreadsheet would run as a formula are neutralized, as OWASP recommends against CSV
// injection: a text cell (or a column name) that starts with = + - @, a tab or a carriage return is
// prefixed with a single quote and quoted, so `=HYPERLINK(…)` arrives as text. Numbers are never
// touched (-1.5 in a numeric column is a number), nor is text that is a plain number ("-1.5").
import { scanNumber, scanned, NOT_A_NUMBER } from './csv-number';
import type { Table } from './table';
import { yieldToEventLoop } from './yield';

const FORMULA_START = /^[=+\-@\t\r]/;

function isPlainNumber(s: string): boolean {
  scanNumber(s, 0, s.length);
  return scanned.kind !== NOT_A_NUMBER;
}

/** One text field: neutralized when it could run as a formula, quoted when it must be. */
export function csvText(s: string, delimiter = ','): string {
  if (FORMULA_START.test(s) && !isPlainNumber(s)) return `"'${s.replace(/"/g, '""')}"`;
  if (s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r') || /^\s|\s$/.test(s)) {
    return `"${s.replace(/"/g, '""')}"`;
  }
  return s;
}

/** Cell i of every column, as one CSV line (without its line end). */
function line(table: Table, i: number, delimiter: string): string {
  let out = '';
  for (let j = 0; j < table.data.length; j++) {
    if (j > 0) out += delimiter;
    const v = table.data[j]![i];
    if (v === null || v === undefined) continue;
    if (typeof v === 'number') out += v === v ? String(v) : '';
    else if (typeof v === 'boolean') out += v ? 'True' : 'False';
    else out += csvText(v, delimiter);
  }
  return out;
}

export interface WriteCSVOptions {
  delimiter?: string;
  /** Rows written between two yields to the event loop (default 5,000: a few milliseconds of work). */
  chunkRows?: number;
  /** Called with the fraction of rows written, 0 … 1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** The table as CSV text, at once: for small tables. */
export function toCSV(table: Table, delimiter = ','): string {
  const lines = [table.columns.map((c) => csvText(c, delimiter)).join(delimiter)];
  for (let i = 0; i < table.rows; i++) lines.push(line(table, i, delimiter));
  return lines.join('\n') + '\n';
}

/**
 * The table as a CSV Blob, written in chunks with the page kept responsive between them. Each chunk's
 * text becomes a Blob at once, so the file's text never piles up in the JavaScript heap (where every
 * garbage collection would copy it again).
 */
export async function writeCSV(table: Table, options: WriteCSVOptions = {}): Promise<Blob> {
  const delimiter = options.delimiter ?? ',';
  const chunk = Math.max(1, options.chunkRows ?? 5_000);
  const parts: Blob[] = [new Blob([table.columns.map((c) => csvText(c, delimiter)).join(delimiter) + '\n'])];
  for (let start = 0; start < table.rows; start += chunk) {
    const end = Math.min(table.rows, start + chunk);
    let text = '';
    for (let i = start; i < end; i++) text += line(table, i, delimiter) + '\n';
    parts.push(new Blob([text]));
    options.onProgress?.(end / table.rows);
    if (end < table.rows) {
      await yieldToEventLoop();
      options.signal?.throwIfAborted();
    }
  }
  return new Blob(parts, { type: 'text/csv' });
}

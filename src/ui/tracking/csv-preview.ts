// A small CSV reader for previews (an artifact, a prediction input's first rows): RFC 4180 quoting,
// the delimiter sniffed from the first line, and a row limit so a 50 MB file previews instantly.
// The full, typed reader is `data/csv.ts`; this one only has to show text in a table.

export interface CsvPreview {
  header: string[];
  rows: string[][];
  /** True when the text has more rows than were read. */
  truncated: boolean;
}

export function sniffDelimiter(firstLine: string): string {
  let best = ',';
  let most = 0;
  for (const d of [',', ';', '\t', '|']) {
    const n = firstLine.split(d).length - 1;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

export function parseCsvPreview(text: string, maxRows = 500): CsvPreview {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const nl = body.indexOf('\n');
  const delimiter = sniffDelimiter(nl === -1 ? body : body.slice(0, nl));
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  let truncated = false;
  const endRow = () => {
    row.push(field);
    field = '';
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (i < body.length) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRow();
      if (rows.length > maxRows) {
        truncated = i + 1 < body.length;
        break;
      }
    } else field += c;
    i++;
  }
  if (i >= body.length && (field !== '' || row.length)) endRow();
  const [header = [], ...data] = rows;
  if (data.length > maxRows) {
    data.length = maxRows;
    truncated = true;
  }
  return { header, rows: data, truncated };
}

// `#/open?url=…`: a notebook (.ipynb) or a CSV file fetched from another host, which must allow it
// (CORS). The page shows the result read-only, as a shared link; nothing runs until the user opens a
// copy and runs it. A CSV becomes a small notebook that reads it with readCSV — the data is fetched
// again only when that cell runs.
import { codeCell, fromIpynb, markdownCell, newNotebook, type NotebookDoc } from './document';

export class OpenUrlError extends Error {
  override name = 'OpenUrlError';
}

/** Larger answers are refused: a notebook this size is not something to read in a page. */
const MAX_NOTEBOOK_BYTES = 64 * 1024 * 1024;

export async function openFromUrl(raw: string | null, fetcher: typeof fetch = fetch): Promise<NotebookDoc> {
  if (!raw)
    throw new OpenUrlError(
      'This link names no file to open: it needs "#/open?url=" followed by the address of an .ipynb or a .csv file.',
    );
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OpenUrlError(
      `"${raw}" is not a web address: give the full address of an .ipynb or a .csv file, starting with https://.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new OpenUrlError(`Kiroku opens files from http(s) addresses only, not ${url.protocol} ones.`);
  const name = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? url.host);
  let response: Response;
  try {
    response = await fetcher(url.href, { credentials: 'omit' });
  } catch {
    throw new OpenUrlError(
      `Could not fetch ${url.href}: the host is unreachable, or it does not allow other sites to read the file (it ` +
        `sends no CORS header such as Access-Control-Allow-Origin). Download the file and open it with "Import ` +
        `.ipynb" or the Files panel instead.`,
    );
  }
  if (!response.ok)
    throw new OpenUrlError(
      `Could not fetch ${url.href}: the host ` +
        `answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`,
    );
  if (Number(response.headers.get('content-length')) > MAX_NOTEBOOK_BYTES)
    throw new OpenUrlError(
      `${name} is larger than ${MAX_NOTEBOOK_BYTES / 1024 / 1024} MB: download it and open it from the Files panel ` +
        `instead.`,
    );
  const text = await response.text();
  const kind = kindOf(name, response.headers.get('content-type') ?? '', text);
  if (kind === 'ipynb') {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new OpenUrlError(
        `${name} is not a notebook Kiroku can read: not JSON (${err instanceof Error ? err.message : String(err)}).`,
      );
    }
    try {
      return fromIpynb(json, name.replace(/\.ipynb$/i, ''));
    } catch (err) {
      throw new OpenUrlError(
        `${name} is not a notebook Kiroku can read: ${err instanceof Error ? err.message : String(err)}.`,
      );
    }
  }
  if (kind === 'csv') return csvNotebook(url.href, name);
  throw new OpenUrlError(`${name} is neither a notebook (.ipynb) nor a CSV file: Kiroku opens those two from a link.`);
}

function kindOf(name: string, contentType: string, text: string): 'ipynb' | 'csv' | undefined {
  if (/\.ipynb$/i.test(name) || /json/i.test(contentType)) return 'ipynb';
  if (/\.(csv|tsv)$/i.test(name) || /text\/(csv|tab-separated-values)/i.test(contentType)) return 'csv';
  // No telling name or type (a gist's raw link, a data API): a notebook is JSON; anything else that is
  // not HTML is tried as a CSV — readCSV reports what is wrong with it when the cell runs.
  if (/^\s*\{/.test(text)) return 'ipynb';
  if (/^\s*</.test(text)) return undefined;
  return /^text\/plain\b/i.test(contentType) || !contentType ? 'csv' : undefined;
}

function csvNotebook(href: string, name: string): NotebookDoc {
  return newNotebook(name, [
    markdownCell('The data file this link opened. Run the cell below to read it, then explore it in new cells.'),
    codeCell(`const df = await readCSV(${JSON.stringify(href)});\ndescribe(df)`),
  ]);
}

// Where data comes from: a File the user picked, a Blob, a URL, or a string. Everything is read to
// bytes and decoded here, so the CSV parser only ever sees text.
//
// A string is ambiguous (CSV text or an address?), so the rule is: a string with a line break is CSV
// text, always; a one-line string is an address when it starts with a URL scheme (http:, https:,
// file:, blob:, data:) or ends in .csv, .tsv or .txt (query or hash allowed after it). That can't
// misread real CSV text, because one line is at most a header, and a header alone is no table.
// Pass a `URL` object to say "fetch this" without relying on the rule.
//
// Addresses are fetched with `fetch`, resolved against the page (or worker) in a browser. In Node, which
// has no page and whose `fetch` can't read files, relative paths resolve against the working directory
// and file: URLs are read with node:fs, loaded through a specifier bundlers can't see.
import { DATA_ERROR_CODES, dataError } from './errors';

export type DataSource = File | Blob | string | URL;

const SCHEME = /^(https?|file|blob|data):/i;
const DATA_FILE = /\.(csv|tsv|txt)([?#].*)?$/i;

/** True when `readCSV(s)` would fetch `s` rather than parse it. */
export function isLocation(s: string): boolean {
  if (s.includes('\n') || s.includes('\r')) return false;
  const t = s.trim();
  return SCHEME.test(t) || DATA_FILE.test(t);
}

/** How a source is named in messages: a file's name, a URL, or "the CSV text". */
export function sourceLabel(source: DataSource): string {
  if (source instanceof URL) return source.href;
  if (typeof source === 'string') return isLocation(source) ? source.trim() : 'the CSV text';
  if (typeof File !== 'undefined' && source instanceof File) return `"${source.name}"`;
  return 'the blob';
}

/** The bytes of a file, a blob or an address, as a stream of pieces, with the total size when known. */
export interface ByteSource {
  reader: ReadableStreamDefaultReader<Uint8Array>;
  size: number | undefined;
}

/** Open a File, Blob, URL or address string for reading piece by piece (CSV text is not a byte source). */
export async function openSource(source: DataSource, signal?: AbortSignal): Promise<ByteSource> {
  signal?.throwIfAborted();
  if (typeof source === 'string' || source instanceof URL) {
    const url = resolveLocation(source);
    if (url.protocol === 'file:') {
      const bytes = await readLocation(url, signal);
      return { reader: new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().getReader(), size: bytes.length };
    }
    const response = await fetchLocation(url, signal);
    const length = Number(response.headers.get('content-length'));
    const body = response.body ?? new Blob([]).stream();
    return { reader: body.getReader(), size: length > 0 ? length : undefined };
  }
  if (typeof Blob !== 'undefined' && source instanceof Blob)
    return { reader: source.stream().getReader(), size: source.size };
  throw dataError(
    `Can't read data from ${describeValue(source)}; pass a File, a Blob, a URL, or CSV text.`,
    DATA_ERROR_CODES.badOption,
  );
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return `a ${(v as object).constructor?.name ?? 'object'}`;
  return `a ${typeof v}`;
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** A string address or URL as an absolute URL. */
export function resolveLocation(location: string | URL): URL {
  if (location instanceof URL) return location;
  const s = location.trim();
  if (SCHEME.test(s)) return new URL(s);
  const base = (globalThis as { location?: { href: string } }).location?.href;
  if (base) return new URL(s, (globalThis as { document?: { baseURI: string } }).document?.baseURI ?? base);
  if (isNode) return new URL(s, `file://${process.cwd().replace(/\/?$/, '/')}`);
  throw dataError(`Can't resolve the relative path "${s}" here; pass an absolute URL.`, DATA_ERROR_CODES.badOption);
}

/** The bytes at a URL: fetched, or read from disk for file: URLs in Node. */
export async function readLocation(url: URL, signal?: AbortSignal): Promise<Uint8Array> {
  if (url.protocol === 'file:') {
    if (!isNode) {
      throw dataError(
        `Can't read ${url.href} in the browser: pages can't open file: URLs. ` +
          `Choose the file with the file picker (or drop it on the page) instead.`,
        DATA_ERROR_CODES.unreadable,
      );
    }
    return readNodeFile(url);
  }
  return new Uint8Array(await (await fetchLocation(url, signal)).arrayBuffer());
}

/** A successful response for an http(s), blob: or data: URL, or a message that says what to check. */
async function fetchLocation(url: URL, signal?: AbortSignal): Promise<Response> {
  if (typeof fetch !== 'function') {
    throw dataError(`Can't load ${url.href}: this environment has no fetch.`, DATA_ERROR_CODES.unreadable);
  }
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    throw dataError(
      `Could not load ${url.href}: ${(e as Error).message}. Check the address; a file on another site ` +
        `must allow cross-origin requests (CORS) to be loaded from this page.`,
      DATA_ERROR_CODES.unreadable,
    );
  }
  if (!response.ok) {
    throw dataError(
      `Could not load ${url.href}: HTTP ${response.status} ${response.statusText}. Check the address.`,
      DATA_ERROR_CODES.unreadable,
    );
  }
  return response;
}

// Kept in a variable so bundlers leave the import alone: this branch only runs in Node.
const NODE_FS = 'node:fs/promises';

async function readNodeFile(url: URL): Promise<Uint8Array> {
  const fs = (await import(/* @vite-ignore */ NODE_FS)) as typeof import('node:fs/promises');
  try {
    return new Uint8Array(await fs.readFile(url));
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw dataError(`Could not read ${decodeURIComponent(url.pathname)}: ${why}.`, DATA_ERROR_CODES.unreadable);
  }
}

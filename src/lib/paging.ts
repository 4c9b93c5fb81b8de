// Reading every page of a paged listing, and stopping — saying why — when its pages would never end: a
// page token seen before, items already read (a server that ignores the token and answers the first
// page again), a run of empty pages, or more pages than any real listing has. Without these bounds a
// misbehaving server (or a proxy that drops the token) keeps a view loading forever, hundreds of
// requests a second.
import { KirokuError } from './errors';

export const PAGING_LOOP = 'SERVER_PAGING_LOOP';

/** Empty pages in a row that still name a next page: no real listing needs more than a couple. */
const MAX_EMPTY_PAGES = 3;

export interface PagingOptions<T> {
  /** What is read, for messages: "runs/search". */
  what: string;
  /**
   * Each item's identity (a run id): an item read again means the pages loop. Without one (metric
   * points may repeat), a page equal to an earlier one does.
   */
  key?: (item: T) => string;
  /** The most pages any real listing of this kind takes. */
  maxPages: number;
}

function loop(what: string, why: string): KirokuError {
  return new KirokuError(
    `The answers to ${what} never end: ${why}. Stopped reading; check the server (or a proxy in front of it that ` +
      `drops page_token).`,
    PAGING_LOOP,
  );
}

/** Every item of every page; `page(token)` reads one (no token: the first page). */
export async function readPages<T>(
  page: (token: string | undefined) => Promise<{ items: T[]; next: string | null | undefined }>,
  o: PagingOptions<T>,
): Promise<T[]> {
  const out: T[] = [];
  const tokens = new Set<string>();
  const keys = new Set<string>();
  const pages = new Set<string>();
  let token: string | undefined;
  let empty = 0;
  for (let n = 1; ; n++) {
    const { items, next } = await page(token);
    for (const item of items) {
      if (o.key) {
        const k = o.key(item);
        if (keys.has(k)) throw loop(o.what, `page ${n} holds '${k}' again, from an earlier page`);
        keys.add(k);
      }
      out.push(item);
    }
    if (!o.key && items.length) {
      const fingerprint = JSON.stringify(items);
      if (pages.has(fingerprint)) throw loop(o.what, `page ${n} is an earlier page again`);
      pages.add(fingerprint);
    }
    token = next || undefined;
    if (!token) return out;
    if (tokens.has(token)) throw loop(o.what, `page ${n} names next_page_token '${token.slice(0, 40)}' again`);
    tokens.add(token);
    empty = items.length ? 0 : empty + 1;
    if (empty >= MAX_EMPTY_PAGES) throw loop(o.what, `${empty} empty pages in a row each name a next page`);
    if (n >= o.maxPages) throw loop(o.what, `more than ${o.maxPages.toLocaleString('en-US')} pages`);
  }
}

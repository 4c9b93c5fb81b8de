// Every page of a paged MLflow REST call (lib/paging.ts stops a server whose pages never end).
import { readPages } from '../../lib/paging';
import { list, str, type Json } from './json';

export { PAGING_LOOP } from '../../lib/paging';

export interface RestPaging<T> {
  /** The call, for messages: "runs/search". */
  endpoint: string;
  /** The list field of an answer: "runs". */
  field: string;
  map: (raw: unknown) => T;
  key?: (item: T) => string;
  maxPages: number;
}

/** Every item of every page; `page(token)` makes one request (no token: the first page). */
export function readAllPages<T>(page: (token: string | undefined) => Promise<Json>, o: RestPaging<T>): Promise<T[]> {
  return readPages(
    async (token) => {
      const answer = await page(token);
      return { items: list(answer[o.field]).map(o.map), next: str(answer.next_page_token) };
    },
    { what: o.endpoint, maxPages: o.maxPages, ...(o.key ? { key: o.key } : {}) },
  );
}

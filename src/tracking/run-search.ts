// MLflow's search_runs over a TrackingStore: the filter and order are parsed here (so a bad one is
// refused with its position, whatever the store), then a store that searches itself (a server) answers
// the page, or the runs are filtered, sorted and paged here.
import { TrackingError } from '../lib/errors';
import type { Run } from './entities';
import { decodePageToken, encodePageToken } from './page-token';
import { compileFilter, compileOrderBy } from './search';
import type { TrackingStore, ViewType } from './store';

export interface SearchRunsOptions {
  experimentIds: string[];
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string | null;
  runViewType?: ViewType;
}

/** A page of results, like MLflow's PagedList: an array with the token of the next page. */
export type PagedList<T> = T[] & { token: string | null };

export async function searchRuns(
  store: TrackingStore,
  options: SearchRunsOptions,
  flush: () => Promise<void>,
): Promise<PagedList<Run>> {
  const predicate = compileFilter(options.filter);
  const compare = compileOrderBy(options.orderBy);
  const maxResults = options.maxResults ?? 1000;
  if (!Number.isInteger(maxResults) || maxResults <= 0 || maxResults > 50_000) {
    throw new TrackingError(
      `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be at most 50000.`,
    );
  }
  await flush(); // earlier logging calls are part of what is searched
  const experimentIds = options.experimentIds.map(String);
  const viewType = options.runViewType ?? 'ACTIVE_ONLY';
  if (store.searchRuns) {
    try {
      const found = await store.searchRuns({
        experimentIds,
        viewType,
        maxResults,
        ...(options.filter ? { filter: options.filter } : {}),
        ...(options.orderBy?.length ? { orderBy: options.orderBy } : {}),
        ...(options.pageToken ? { pageToken: options.pageToken } : {}),
      });
      return Object.assign(found.runs, { token: found.nextPageToken });
    } catch (err) {
      // A filter the store cannot run (a server without OR, say) is run here instead: it parsed above.
      if ((err as { code?: string }).code !== 'INVALID_PARAMETER_VALUE' || !options.filter) throw err;
    }
  }
  const runs = (await store.listRuns(experimentIds, viewType)).filter(predicate);
  runs.sort(compare);
  const offset = decodePageToken(options.pageToken);
  const page = runs.slice(offset, offset + maxResults) as PagedList<Run>;
  page.token = offset + maxResults < runs.length ? encodePageToken(offset + maxResults) : null;
  return page;
}

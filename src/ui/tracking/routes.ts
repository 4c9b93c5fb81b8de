// The tracking views' URLs. Every view — a set of experiments, a run and its tab, a comparison — has a
// hash route, so a link (or a reload) reopens exactly what the user was looking at. Pure functions: the
// pages parse with `parseTrackingRoute` and link with the `*Href` builders, and tests cover both.

export type RunTab = 'overview' | 'metrics' | 'artifacts';
export const RUN_TABS: readonly RunTab[] = ['overview', 'metrics', 'artifacts'];

export type TrackingRoute =
  /** No experiment named: the page picks one (the first active experiment). */
  { view: 'runs'; experimentIds: string[] } | { view: 'run'; experimentId: string; runId: string; tab: RunTab };

const enc = encodeURIComponent;

function withQuery(path: string, query?: Record<string, string | undefined>): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** `#/experiments/1,4` — several experiments side by side; ids are joined by commas. */
export function experimentsHref(experimentIds: readonly string[], query?: Record<string, string | undefined>): string {
  return withQuery(`#/experiments${experimentIds.length ? '/' + experimentIds.map(enc).join(',') : ''}`, query);
}

/** `#/experiments/1/runs/<runId>` (overview) or `…/<runId>/metrics`, `…/<runId>/artifacts?path=model/MLmodel`. */
export function runHref(
  experimentId: string,
  runId: string,
  tab: RunTab = 'overview',
  query?: Record<string, string | undefined>,
): string {
  const base = `#/experiments/${enc(experimentId)}/runs/${enc(runId)}`;
  return withQuery(tab === 'overview' ? base : `${base}/${tab}`, query);
}

/** `#/compare?runs=a,b,c` */
export function compareHref(runIds: readonly string[]): string {
  return `#/compare?runs=${runIds.map(enc).join(',')}`;
}

/** The notebook cell that logged a run (tags `kiroku.notebook.id` and `kiroku.cell.id`), if known. */
export function cellHref(tags: Record<string, string>): string | null {
  const notebook = tags['kiroku.notebook.id'];
  const cell = tags['kiroku.cell.id'];
  if (!notebook || !cell) return null;
  return `#/notebook/${enc(notebook)}/cell/${enc(cell)}`;
}

/** Segments after `experiments` (already decoded by the router) → the view they name. */
export function parseTrackingRoute(segments: readonly string[]): TrackingRoute {
  const [ids = '', kind, runId, tab] = segments;
  const experimentIds = ids
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (kind === 'runs' && runId && experimentIds.length) {
    return {
      view: 'run',
      experimentId: experimentIds[0]!,
      runId,
      tab: RUN_TABS.includes(tab as RunTab) ? (tab as RunTab) : 'overview',
    };
  }
  return { view: 'runs', experimentIds: [...new Set(experimentIds)] };
}

/** `?runs=a,b,c` → ['a', 'b', 'c'] without blanks or repeats. */
export function parseRunIds(value: string | null): string[] {
  return [
    ...new Set(
      (value ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * Replace the query of the current hash route without a navigation: the sort, filter and column
 * choices of a view belong in its URL, but typing into a filter must not push history entries or
 * re-route.
 */
export function replaceQuery(query: Record<string, string | undefined>): void {
  const [path = ''] = location.hash.split('?', 1);
  const next = withQuery(path || '#/', query);
  if (next !== location.hash) history.replaceState(history.state, '', next);
}

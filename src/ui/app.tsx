// The app shell: top navigation and one page per route. Pages load lazily so the first paint only
// pays for the shell and the page the user opened.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { href, useRoute } from './router';
import { ErrorBoundary } from './components/error-boundary';
import { ServerWaits } from './components/server-waits';
import { StorageNotices } from './settings/storage-notices';
import { UpdateNotice } from './settings/update-notice';
import { subscribe } from '../tracking/events';
import { requestPersistenceOnce } from '../workspace/storage';
import { loadMonaco } from './notebook/monaco-loader';

type PageModule = { default: ComponentType<{ segments: string[]; query: URLSearchParams }> };

// `inNav: false` pages have a route but no tab of their own (`#/compare?runs=…` belongs to Experiments).
const PAGES: Array<{ id: string; label: string; load: () => Promise<PageModule>; inNav?: false; section?: string }> = [
  // The notebook's editor (Monaco, the largest download) starts with the page's chunk, not after it.
  { id: 'notebook', label: 'Notebook', load: () => (void loadMonaco().catch(() => undefined), import('./pages/notebook-page')) },
  { id: 'experiments', label: 'Experiments', load: () => import('./pages/experiments-page') },
  { id: 'models', label: 'Models', load: () => import('./pages/models-page') },
  { id: 'predict', label: 'Predict', load: () => import('./pages/predict-page') },
  { id: 'compare', label: 'Compare runs', load: () => import('./tracking/compare-page'), inNav: false, section: 'experiments' },
  { id: 'settings', label: 'Settings', load: () => import('./settings/settings-page'), inNav: false },
  // A notebook from a link (`#/shared?nb=…`) or another host (`#/open?url=…`), read-only.
  { id: 'shared', label: 'Shared notebook', load: () => import('./shared/shared-page'), inNav: false, section: 'notebook' },
  { id: 'open', label: 'Shared notebook', load: () => import('./shared/shared-page'), inNav: false, section: 'notebook' },
];

// The first run this tab sees created asks the browser to keep storage persistent (a workspace that
// lives only in IndexedDB must not be evicted under disk pressure). Chromium answers without a prompt.
const stopAsking = subscribe((m) => {
  if (m.type !== 'run-created') return;
  requestPersistenceOnce();
  stopAsking();
});

/** `server`: the MLflow tracking server the page works against (main.ts applied it), or null for this browser. */
export function App({ server = null, startupProblem = null }: { server?: string | null; startupProblem?: string | null } = {}) {
  const route = useRoute();
  const current = PAGES.find((p) => p.id === route.segments[0]) ?? PAGES[0]!;
  const [page, setPage] = useState<{ id: string; mod: PageModule } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    current.load().then(
      (mod) => live && setPage({ id: current.id, mod }),
      (err: unknown) => live && setError(`Could not load the ${current.label} page: ${String(err)}`),
    );
    document.title = `${current.label} · Kiroku 記録`;
    return () => {
      live = false;
    };
  }, [current.id]);

  const Page = page?.id === current.id ? page.mod.default : null;
  return (
    <>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="topbar">
        <a class="brand" href={href('notebook')} aria-label="Kiroku home">
          <span aria-hidden="true">記録</span> Kiroku
        </a>
        <nav aria-label="Main">
          <ul>
            {PAGES.filter((p) => p.inNav !== false).map((p) => (
              <li key={p.id}>
                <a href={href(p.id)} aria-current={p.id === (current.section ?? current.id) ? 'page' : undefined}>
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {server && (
          <a class="server-badge" href={href('settings')} title={`Runs and models are on the MLflow tracking server ${server}`}>
            MLflow server: {hostOf(server)}
          </a>
        )}
        <a class="settings-link" href={href('settings')} aria-current={current.id === 'settings' ? 'page' : undefined}>Settings</a>
      </header>
      {startupProblem && <p class="storage-notice" role="alert">{startupProblem}</p>}
      <StorageNotices />
      <ServerWaits />
      <UpdateNotice />
      <main id="main" tabIndex={-1}>
        {error ? <p role="alert">{error}</p> : Page ? (
          // A page that fails to render says so here; the navigation above stays, and another route tries again.
          <ErrorBoundary what={`the ${current.label} page`} resetKey={`${route.segments.join('/')}?${route.query}`}>
            <Page segments={route.segments.slice(1)} query={route.query} />
          </ErrorBoundary>
        ) : <p aria-busy="true">Loading…</p>}
      </main>
    </>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

// The app shell: top navigation and one page per route. Pages load lazily so the first paint only
// pays for the shell and the page the user opened.
import type { ComponentType } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { href, parseHash, useRoute } from './router';
import { ErrorBoundary } from './components/error-boundary';
import { ServerWaits } from './components/server-waits';
import { StorageNotices } from './settings/storage-notices';
import { UpdateNotice } from './settings/update-notice';
import { dropPrerendered } from './prerendered';
import { notebooksStore } from './notebook/notebooks-db';
import { subscribe } from '../tracking/events';
import { requestPersistenceOnce } from '../workspace/storage';
import { t, type MessageKey } from './i18n/t';

type PageModule = { default: ComponentType<{ segments: string[]; query: URLSearchParams }> };

/** A page's import, started once (a failed one is tried again on the next visit). */
function once(load: () => Promise<PageModule>): () => Promise<PageModule> {
  let loading: Promise<PageModule> | undefined;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));
}

// `inNav: false` pages have a route but no tab of their own (`#/compare?runs=…` belongs to Experiments).
type Page = { id: string; label: MessageKey; load: () => Promise<PageModule>; inNav?: false; section?: string };
const PAGES = (
  [
    // The notebook's chunks and its editor (Monaco) are module preloads of the built page (vite.config.ts).
    { id: 'notebook', label: 'nav.notebook', load: () => import('./pages/notebook-page') },
    { id: 'experiments', label: 'nav.experiments', load: () => import('./pages/experiments-page') },
    { id: 'models', label: 'nav.models', load: () => import('./pages/models-page') },
    { id: 'predict', label: 'nav.predict', load: () => import('./pages/predict-page') },
    {
      id: 'compare',
      label: 'nav.compare',
      load: () => import('./tracking/compare-page'),
      inNav: false,
      section: 'experiments',
    },
    { id: 'settings', label: 'nav.settings', load: () => import('./settings/settings-page'), inNav: false },
    // A notebook from a link (`#/shared?nb=…`) or another host (`#/open?url=…`), read-only.
    {
      id: 'shared',
      label: 'nav.shared',
      load: () => import('./shared/shared-page'),
      inNav: false,
      section: 'notebook',
    },
    { id: 'open', label: 'nav.shared', load: () => import('./shared/shared-page'), inNav: false, section: 'notebook' },
  ] satisfies Page[]
).map((p): Page => ({ ...p, load: once(p.load) }));
const pageOf = (id: string | undefined) => PAGES.find((p) => p.id === id) ?? PAGES[0]!;
// The page the address names is imported now, while the shell renders, not from the shell's first effect;
// the notebook page's database opens meanwhile too.
const firstPage = pageOf(parseHash(location.hash).segments[0]);
void firstPage.load().catch(() => undefined);
if (firstPage.id === 'notebook') void notebooksStore().catch(() => undefined);

// The first run this tab sees created asks the browser to keep storage persistent (a workspace that
// lives only in IndexedDB must not be evicted under disk pressure). Chromium answers without a prompt.
const stopAsking = subscribe((m) => {
  if (m.type !== 'run-created') return;
  requestPersistenceOnce();
  stopAsking();
});

/** `server`: the MLflow tracking server the page works against (main.ts applied it), or null for this browser. */
export function App({
  server = null,
  startupProblem = null,
}: {
  server?: string | null;
  startupProblem?: string | null;
} = {}) {
  const route = useRoute();
  const current = pageOf(route.segments[0]);
  const [page, setPage] = useState<{ id: string; mod: PageModule } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    current.load().then(
      (mod) => live && setPage({ id: current.id, mod }),
      (err: unknown) => live && setError(t('shell.loadFailed', { page: t(current.label), error: String(err) })),
    );
    document.title = `${t(current.label)} · Kiroku 記録`;
    return () => {
      live = false;
    };
    // `current` is one of PAGES' constant entries: it changes exactly when the page's id does.
  }, [current]);

  const Page = page?.id === current.id ? page.mod.default : null;
  // index.html's prerendered notebook view (a first visit) stays until the notebook page replaces it
  // with its own; any other page, or an error, replaces it at once.
  const showsOtherPage = !!error || (!!Page && current.id !== 'notebook');
  useLayoutEffect(() => {
    if (showsOtherPage) dropPrerendered();
  }, [showsOtherPage]);
  return (
    <>
      <a class="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header class="topbar">
        <a class="brand" href={href('notebook')} title={t('shell.home')}>
          <span aria-hidden="true">記録</span> Kiroku
        </a>
        <nav aria-label={t('nav.main')}>
          <ul>
            {PAGES.filter((p) => p.inNav !== false).map((p) => (
              <li key={p.id}>
                <a href={href(p.id)} aria-current={p.id === (current.section ?? current.id) ? 'page' : undefined}>
                  {t(p.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {server && (
          <a class="server-badge" href={href('settings')} title={t('shell.serverTitle', { server })}>
            {t('shell.serverBadge', { host: hostOf(server) })}
          </a>
        )}
        <a class="settings-link" href={href('settings')} aria-current={current.id === 'settings' ? 'page' : undefined}>
          {t('nav.settings')}
        </a>
      </header>
      {startupProblem && (
        <p class="storage-notice" role="alert">
          {startupProblem}
        </p>
      )}
      <StorageNotices />
      <ServerWaits />
      <UpdateNotice />
      <main id="main" tabIndex={-1}>
        {error ? (
          <p role="alert">{error}</p>
        ) : Page ? (
          // A page that fails to render says so here; the navigation above stays, and another route tries again.
          <ErrorBoundary
            what={t('shell.pageWhat', { page: t(current.label) })}
            resetKey={`${route.segments.join('/')}?${route.query}`}>
            <Page segments={route.segments.slice(1)} query={route.query} />
          </ErrorBoundary>
        ) : (
          <p aria-busy="true">{t('shell.loading')}</p>
        )}
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

// "Sync to MLflow": send the selected runs to an MLflow tracking server (its REST API), with
// progress and a report. The server URL is remembered; the token only in this page's memory (never in
// sessionStorage, which Chromium writes to disk), until a reload.
import { useRef, useState } from 'preact/hooks';
import { Dialog } from '../components/dialog';
import { mlflow } from '../../tracking/default';
import type { SyncReport } from '../../interop/rest/sync';
import { registryClient } from './registry/registry';
import { t } from '../i18n/t';

const URL_KEY = 'kiroku.sync.url';
/** Where earlier versions kept the token (sessionStorage): removed. */
const OLD_TOKEN_KEY = 'kiroku.sync.token';
/** The token last used here, for the next sync from this page. */
let lastToken = '';

function stored(storage: Storage | undefined, key: string): string {
  try {
    return storage?.getItem(key) ?? '';
  } catch {
    return '';
  }
}

export function SyncDialog({ runIds, onClose }: { runIds: string[]; onClose: () => void }) {
  const [url, setUrl] = useState(() => stored(globalThis.localStorage, URL_KEY) || 'http://localhost:5000');
  const [token, setToken] = useState(() => lastToken);
  const [progress, setProgress] = useState<{ done: number; total: number; stage: string } | null>(null);
  const [report, setReport] = useState<SyncReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [withModels, setWithModels] = useState(true);
  const abort = useRef<AbortController | null>(null);

  const start = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setReport(null);
    try {
      localStorage.setItem(URL_KEY, url);
      sessionStorage.removeItem(OLD_TOKEN_KEY);
    } catch {
      // storage blocked: nothing to remember
    }
    lastToken = token;
    abort.current = new AbortController();
    setProgress({ done: 0, total: runIds.length, stage: 'starting' });
    try {
      const { syncRuns } = await import('../../interop/rest/sync');
      const result = await syncRuns(mlflow.client(), {
        baseUrl: url.trim(),
        ...(token ? { token } : {}),
        runIds,
        ...(withModels ? { registry: await registryClient() } : {}),
        signal: abort.current.signal,
        onProgress: (p) => setProgress({ done: p.done, total: p.total, stage: p.stage }),
      });
      setReport(result);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };

  return (
    <Dialog
      title={t('sync.title', { count: runIds.length })}
      onClose={() => {
        abort.current?.abort();
        onClose();
      }}>
      <form method="dialog" onSubmit={start}>
        <label for="sync-url">{t('srv.url')}</label>
        <input id="sync-url" type="url" value={url} required onInput={(e) => setUrl(e.currentTarget.value)} />
        <label for="sync-token">{t('srv.token')}</label>
        <input
          id="sync-token"
          type="password"
          value={token}
          autocomplete="off"
          onInput={(e) => setToken(e.currentTarget.value)}
        />
        <label class="toggle">
          <input type="checkbox" checked={withModels} onChange={(e) => setWithModels(e.currentTarget.checked)} />{' '}
          {t('sync.withModels')}
        </label>
        <p class="muted">{t('sync.cors')}</p>
        {progress && (
          <p role="status">
            <progress max={progress.total} value={progress.done} aria-label={t('sync.progress')} />{' '}
            {t('sync.count', { done: progress.done, total: progress.total })} · {progress.stage}
          </p>
        )}
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        {report && (
          <div role="status" class="sync-report">
            <p>
              {t('sync.result', {
                synced: t('sync.synced', { count: report.synced.length }),
                failed: report.failed.length ? t('sync.failed', { count: report.failed.length }) : '',
              })}
              {modelsLine(report)}
            </p>
            {report.failed.length > 0 && (
              <ul>
                {report.failed.map((f) => (
                  <li key={f.runId}>
                    <code>{f.runId.slice(0, 8)}</code> {f.code}: {f.error}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div class="dialog-actions">
          {progress ? (
            <button type="button" onClick={() => abort.current?.abort()}>
              {t('sync.cancel')}
            </button>
          ) : (
            <button type="button" onClick={onClose}>
              {t('common.close')}
            </button>
          )}
          <button type="submit" class="primary" disabled={!!progress || !url.trim()}>
            {report ? t('sync.again') : t('sync.start')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function modelsLine(report: SyncReport): string {
  const n = report.synced.reduce((sum, r) => sum + r.modelVersionsSent, 0);
  return n ? t('sync.models', { count: n }) : '';
}

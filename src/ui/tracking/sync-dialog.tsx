// "Sync to MLflow": send the selected runs to an MLflow tracking server (its REST API), with
// progress and a report. The server URL is remembered; the token only in this page's memory (never in
// sessionStorage, which Chromium writes to disk), until a reload.
import { useRef, useState } from 'preact/hooks';
import { Dialog } from '../components/dialog';
import { mlflow } from '../../tracking/default';
import type { SyncReport } from '../../interop/rest/sync';
import { registryClient } from './registry/registry';

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
    <Dialog title={`Sync ${runIds.length} run${runIds.length === 1 ? '' : 's'} to MLflow`} onClose={() => (abort.current?.abort(), onClose())}>
      <form method="dialog" onSubmit={start}>
        <label for="sync-url">Tracking server URL</label>
        <input id="sync-url" type="url" value={url} required onInput={(e) => setUrl(e.currentTarget.value)} />
        <label for="sync-token">Token (optional, kept in memory only)</label>
        <input id="sync-token" type="password" value={token} autocomplete="off" onInput={(e) => setToken(e.currentTarget.value)} />
        <label class="toggle">
          <input type="checkbox" checked={withModels} onChange={(e) => setWithModels(e.currentTarget.checked)} /> Also register their model versions and aliases
        </label>
        <p class="muted">The server must allow requests from this page (CORS); see the README.</p>
        {progress && (
          <p role="status">
            <progress max={progress.total} value={progress.done} aria-label="Sync progress" /> {progress.done} of {progress.total} runs · {progress.stage}
          </p>
        )}
        {error && <p class="form-error" role="alert">{error}</p>}
        {report && (
          <div role="status" class="sync-report">
            <p>{report.synced.length} synced{report.failed.length ? `, ${report.failed.length} failed` : ''}.{modelsLine(report)}</p>
            {report.failed.length > 0 && (
              <ul>
                {report.failed.map((f) => <li key={f.runId}><code>{f.runId.slice(0, 8)}</code> {f.code}: {f.error}</li>)}
              </ul>
            )}
          </div>
        )}
        <div class="dialog-actions">
          {progress ? (
            <button type="button" onClick={() => abort.current?.abort()}>Cancel sync</button>
          ) : (
            <button type="button" onClick={onClose}>Close</button>
          )}
          <button type="submit" class="primary" disabled={!!progress || !url.trim()}>{report ? 'Sync again' : 'Start sync'}</button>
        </div>
      </form>
    </Dialog>
  );
}

function modelsLine(report: SyncReport): string {
  const n = report.synced.reduce((sum, r) => sum + r.modelVersionsSent, 0);
  return n ? ` ${n} model version${n === 1 ? '' : 's'} registered.` : '';
}

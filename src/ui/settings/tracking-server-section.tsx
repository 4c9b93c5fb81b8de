// Settings → Tracking server: keep runs in this browser, or work against a team's MLflow tracking
// server — its experiments, runs and models in these views, and new notebook kernels logging to it.
import { useState } from 'preact/hooks';
import { currentServer, switchToServer, switchToThisBrowser } from '../tracking-server';
import { savedServer } from '../server-choice';
import { t } from '../i18n/t';
import { rich } from '../i18n/rich';

export function TrackingServerSection() {
  const server = currentServer();
  const [url, setUrl] = useState(() => savedServer()?.url ?? 'http://localhost:5000');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const connect = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await switchToServer(url, token); // on success, the app is mounted again against the server
    } catch (err) {
      setError(t('srv.useFailed', { url: url.trim(), error: (err as Error).message }));
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="server-h">
      <h2 id="server-h">{t('srv.title')}</h2>
      {server ? (
        <>
          <p>{rich('srv.onServer', { server: <code>{server}</code> })}</p>
          <button type="button" onClick={switchToThisBrowser}>
            {t('srv.useBrowser')}
          </button>
        </>
      ) : (
        <form onSubmit={connect}>
          <p>{t('srv.explain')}</p>
          <label for="server-url">{t('srv.url')}</label>
          <input id="server-url" type="url" required value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
          <label for="server-token">{t('srv.token')}</label>
          <input
            id="server-token"
            type="password"
            autocomplete="off"
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
          />
          <div class="settings-actions">
            <button type="submit" disabled={busy}>
              {busy ? t('srv.connecting') : t('srv.use')}
            </button>
          </div>
          {error && <p role="alert">{error}</p>}
        </form>
      )}
    </section>
  );
}

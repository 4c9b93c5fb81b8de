// Settings → Tracking server: keep runs in this browser, or work against a team's MLflow tracking
// server — its experiments, runs and models in these views, and new notebook kernels logging to it.
import { useState } from 'preact/hooks';
import { currentServer, switchToServer, switchToThisBrowser } from '../tracking-server';
import { savedServer } from '../server-choice';

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
      setError(`Could not use ${url.trim()}: ${(err as Error).message}`);
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="server-h">
      <h2 id="server-h">Tracking server</h2>
      {server ? (
        <>
          <p>
            Runs, metrics, artifacts and registered models are on the MLflow tracking server <code>{server}</code>;
            new notebook kernels log there too. This browser's own runs are kept and come back when you switch back.
          </p>
          <button type="button" onClick={switchToThisBrowser}>Use this browser instead</button>
        </>
      ) : (
        <form onSubmit={connect}>
          <p>
            Runs are kept in this browser. To work with a team's MLflow tracking server instead — its experiments,
            runs and models in these views, notebook runs logged to it — give its address. The server must allow
            requests from this page (CORS); see the README.
          </p>
          <label for="server-url">Tracking server URL</label>
          <input id="server-url" type="url" required value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
          <label for="server-token">Token (optional, kept in memory only)</label>
          <input id="server-token" type="password" autocomplete="off" value={token} onInput={(e) => setToken(e.currentTarget.value)} />
          <div class="settings-actions">
            <button type="submit" disabled={busy}>{busy ? 'Connecting…' : 'Use this server'}</button>
          </div>
          {error && <p role="alert">{error}</p>}
        </form>
      )}
    </section>
  );
}

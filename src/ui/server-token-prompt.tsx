// After a reload, a page set to work against a tracking server that needs a token asks for it again
// before its first view: the token is kept in memory only (server-choice.ts), never on disk. The
// user gives it (checked against the server first) or goes back to this browser's runs.
import { useState } from 'preact/hooks';
import { forgetServer } from './server-choice';

export function ServerTokenPrompt({ url, onDone }: { url: string; onDone: (server: string | null, problem: string | null) => void }) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { checkTrackingServer } = await import('../interop/rest/connect');
      await checkTrackingServer(url, { token });
      const { applySavedServer } = await import('./tracking-server');
      const problem = await applySavedServer(token);
      onDone(problem ? null : url, problem);
    } catch (err) {
      setError(`Could not use ${url}: ${(err as Error).message}`);
      setBusy(false);
    }
  };

  return (
    <main class="page token-prompt" aria-labelledby="token-prompt-title">
      <h1 id="token-prompt-title">Token for the MLflow tracking server</h1>
      <p>
        This page works against the MLflow tracking server <code>{url}</code>. Its token is kept in the page's
        memory only, never stored, so it is asked for again after a reload.
      </p>
      <form onSubmit={submit}>
        <label for="prompt-token">Token for {url}</label>
        <input id="prompt-token" type="password" autocomplete="off" required value={token} onInput={(e) => setToken(e.currentTarget.value)} />
        <div class="settings-actions">
          <button type="submit" disabled={busy}>{busy ? 'Connecting…' : 'Use the server'}</button>
          <button type="button" onClick={() => {
            forgetServer();
            onDone(null, null);
          }}>Use this browser instead</button>
        </div>
        {error && <p role="alert">{error}</p>}
      </form>
    </main>
  );
}

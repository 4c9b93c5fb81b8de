// After a reload, a page set to work against a tracking server that needs a token asks for it again
// before its first view: the token is kept in memory only (server-choice.ts), never on disk. The
// user gives it (checked against the server first) or goes back to this browser's runs.
import { useState } from 'preact/hooks';
import { forgetServer } from './server-choice';
import { t } from './i18n/t';
import { rich } from './i18n/rich';

export function ServerTokenPrompt({
  url,
  onDone,
}: {
  url: string;
  onDone: (server: string | null, problem: string | null) => void;
}) {
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
      setError(t('srv.useFailed', { url, error: (err as Error).message }));
      setBusy(false);
    }
  };

  return (
    <main class="page token-prompt" aria-labelledby="token-prompt-title">
      <h1 id="token-prompt-title">{t('tok.title')}</h1>
      <p>{rich('tok.explain', { url: <code>{url}</code> })}</p>
      <form onSubmit={submit}>
        <label for="prompt-token">{t('tok.label', { url })}</label>
        <input
          id="prompt-token"
          type="password"
          autocomplete="off"
          required
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
        />
        <div class="settings-actions">
          <button type="submit" disabled={busy}>
            {busy ? t('srv.connecting') : t('tok.use')}
          </button>
          <button
            type="button"
            onClick={() => {
              forgetServer();
              onDone(null, null);
            }}>
            {t('srv.useBrowser')}
          </button>
        </div>
        {error && <p role="alert">{error}</p>}
      </form>
    </main>
  );
}

// Where this page's runs are: this browser (the default) or an MLflow tracking server chosen in
// Settings. The server's URL is remembered (localStorage); its token only in this page's memory, so it
// is asked for again after a reload (server-token-prompt.tsx). A switch to a server happens in place:
// the shell mounts every view again and open notebooks restart their kernels against it, so none keeps
// the old store's data. Switching back reloads the page.
import { mlflow } from '../tracking/default';
import { isServerUri } from '../lib/server-options';
import { announceServerSwitch, forgetServer, rememberServer, savedServer } from './server-choice';
import { t } from './i18n/t';

/** The server the page works against, or null for this browser. */
export function currentServer(): string | null {
  const uri = mlflow.getTrackingUri();
  return isServerUri(uri) ? uri : null;
}

/**
 * At start, before the first view (main.ts loads this module only then): point the page at the saved server. Returns a
 * problem to show, if any.
 */
export async function applySavedServer(token?: string): Promise<string | null> {
  const saved = savedServer();
  if (!saved) return null;
  try {
    const { connectTrackingServer } = await import('../interop/rest/connect');
    connectTrackingServer(mlflow, saved.url, token ? { token } : {});
    return null;
  } catch (err) {
    return t('misc.serverFailed', { url: saved.url, error: (err as Error).message });
  }
}

/** Check the server answers (with this token), then point the page at it (in place) and remember it. */
export async function switchToServer(url: string, token: string): Promise<void> {
  const clean = url.trim().replace(/\/+$/, '');
  const { checkTrackingServer, connectTrackingServer } = await import('../interop/rest/connect');
  await checkTrackingServer(clean, token ? { token } : {});
  connectTrackingServer(mlflow, clean, token ? { token } : {});
  rememberServer(clean, !!token);
  announceServerSwitch(clean);
}

export function switchToThisBrowser(): void {
  forgetServer();
  location.reload();
}

// Where this page's runs are: this browser (the default) or an MLflow tracking server chosen in
// Settings. The server's URL is remembered (localStorage), its token only for this tab
// (sessionStorage). Switching reloads the page, so every view, the registry and new notebook kernels
// start against the new store and none keeps the old one's data.
import { mlflow } from '../tracking/default';
import { isServerUri } from '../lib/server-options';
import { forgetServer, rememberServer, savedServer } from './server-choice';

/** The server the page works against, or null for this browser. */
export function currentServer(): string | null {
  const uri = mlflow.getTrackingUri();
  return isServerUri(uri) ? uri : null;
}

/** At start, before the first view (main.ts loads this module only then): point the page at the saved server. Returns a problem to show, if any. */
export async function applySavedServer(): Promise<string | null> {
  const saved = savedServer();
  if (!saved) return null;
  try {
    const { connectTrackingServer } = await import('../interop/rest/connect');
    connectTrackingServer(mlflow, saved.url, saved.token ? { token: saved.token } : {});
    return null;
  } catch (err) {
    return `Could not use the tracking server ${saved.url}: ${(err as Error).message}. Runs stay in this browser; see Settings.`;
  }
}

/** Check the server answers (with this token), then remember it and reload onto it. */
export async function switchToServer(url: string, token: string): Promise<void> {
  const clean = url.trim().replace(/\/+$/, '');
  const { checkTrackingServer } = await import('../interop/rest/connect');
  await checkTrackingServer(clean, token ? { token } : {});
  rememberServer(clean, token);
  location.reload();
}

export function switchToThisBrowser(): void {
  forgetServer();
  location.reload();
}

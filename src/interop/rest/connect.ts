// Pointing a fluent API (the page's, or a kernel's) at an MLflow tracking server: the http(s) schemes
// registered, the server's options (credentials, patience) set, and — before anyone switches — a check
// that the server answers, so a wrong URL or token is said at once instead of by every view.
import { isServerUri, setServerOptions, type ServerOptions } from '../../lib/server-options';
import type { Fluent } from '../../tracking/fluent';
import { api } from './http';
import './schemes';

export function connectTrackingServer(fluent: Fluent, url: string, options: ServerOptions = {}): void {
  setServerOptions(url, options);
  fluent.setTrackingUri(url);
}

/** Throws the server's (or the network's) error when `url` is not an MLflow tracking server we can use. */
export async function checkTrackingServer(url: string, options: ServerOptions = {}): Promise<void> {
  if (!isServerUri(url)) throw new Error(`'${url}' is not an http(s) URL of an MLflow tracking server.`);
  await api(
    { baseUrl: url, ...options, retries: 0, timeoutMs: options.timeoutMs ?? 10_000 },
    'POST',
    'experiments/search',
    { max_results: 1 },
  );
}

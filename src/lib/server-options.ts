// How to reach a tracking server: credentials and patience, per server URL. Kept in this page's
// memory only — a token saved in IndexedDB or localStorage would outlive the session and be readable
// by anything that ever runs in this origin.

export interface ServerOptions {
  /** Sent as `Authorization: Bearer <token>` (MLFLOW_TRACKING_TOKEN). */
  token?: string;
  /** Basic auth for MLflow's auth app (MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD). */
  username?: string;
  password?: string;
  /** Per request (MLFLOW_HTTP_REQUEST_TIMEOUT); 15 s by default. */
  timeoutMs?: number;
  /** Retries of a request that may pass on a second try (MLFLOW_HTTP_REQUEST_MAX_RETRIES); 5 by default. */
  retries?: number;
  /** First backoff delay, doubled each retry; 500 ms by default. */
  backoffMs?: number;
}

const byServer = new Map<string, ServerOptions>();

const key = (uri: string) => uri.replace(/\/+$/, '');

export function setServerOptions(uri: string, options: ServerOptions): void {
  byServer.set(key(uri), { ...options });
}

export function serverOptions(uri: string): ServerOptions {
  return { ...byServer.get(key(uri)) };
}

/** Whether a tracking URI names an MLflow tracking server (http or https), not a store in this browser. */
export function isServerUri(uri: string): boolean {
  return /^https?:\/\//i.test(uri);
}

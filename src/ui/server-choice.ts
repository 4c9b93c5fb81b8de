// The tracking server this browser chose in Settings, as stored: its URL (localStorage) and whether it
// was used with a token. The token itself is never stored — not in localStorage, not in
// sessionStorage (which Chromium writes to the profile on disk): it lives in the page's memory, goes
// to the kernel in its init message, and is asked for again after a reload. No tracking code here:
// main.ts reads this before the first paint, and a page that keeps runs in this browser loads nothing more.
const URL_KEY = 'kiroku.trackingServer.url';
/** 'token' when the server was used with one (so a reload asks for it again). */
const AUTH_KEY = 'kiroku.trackingServer.auth';
/** Where earlier versions kept the token (sessionStorage): removed when read. */
const OLD_TOKEN_KEY = 'kiroku.trackingServer.token';

function read(storage: Storage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function remove(storage: Storage | undefined, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // storage unavailable: nothing stored there either
  }
}

export function savedServer(): { url: string; needsToken: boolean } | null {
  // A token an earlier version left in sessionStorage is deleted, and asked for like any other.
  const oldToken = read(globalThis.sessionStorage, OLD_TOKEN_KEY);
  remove(globalThis.sessionStorage, OLD_TOKEN_KEY);
  const url = read(globalThis.localStorage, URL_KEY);
  if (!url) return null;
  if (oldToken) localStorage.setItem(AUTH_KEY, 'token');
  return { url, needsToken: read(globalThis.localStorage, AUTH_KEY) === 'token' };
}

export function rememberServer(url: string, withToken: boolean): void {
  localStorage.setItem(URL_KEY, url);
  if (withToken) localStorage.setItem(AUTH_KEY, 'token');
  else localStorage.removeItem(AUTH_KEY);
}

export function forgetServer(): void {
  localStorage.removeItem(URL_KEY);
  localStorage.removeItem(AUTH_KEY);
  remove(globalThis.sessionStorage, OLD_TOKEN_KEY);
}

// A switch to a server happens in place (a reload would lose the token): the shell mounts its views
// again and open notebooks restart their kernels, each told here.
const switchListeners = new Set<(server: string) => void>();

export function onServerSwitch(listener: (server: string) => void): () => void {
  switchListeners.add(listener);
  return () => switchListeners.delete(listener);
}

export function announceServerSwitch(server: string): void {
  switchListeners.forEach((l) => l(server));
}

// The tracking server this browser chose in Settings, as stored: its URL (localStorage) and token
// (sessionStorage, this tab only). No tracking code here: main.ts reads it before the first paint,
// and a page that keeps runs in this browser loads nothing more.
const URL_KEY = 'kiroku.trackingServer.url';
const TOKEN_KEY = 'kiroku.trackingServer.token';

function read(storage: Storage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function savedServer(): { url: string; token: string | null } | null {
  const url = read(globalThis.localStorage, URL_KEY);
  return url ? { url, token: read(globalThis.sessionStorage, TOKEN_KEY) } : null;
}

export function rememberServer(url: string, token: string): void {
  localStorage.setItem(URL_KEY, url);
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function forgetServer(): void {
  localStorage.removeItem(URL_KEY);
  sessionStorage.removeItem(TOKEN_KEY);
}

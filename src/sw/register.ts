// Registers the service worker that vite-plugin-pwa generates (production builds only) and tells the
// page when a new version has taken over: the worker activates at once (skipWaiting, clientsClaim),
// so this tab keeps running what it loaded, and its next reload runs the new version.

export type UpdateListener = () => void;

let updated = false;
let failed = false;
const listeners = new Set<UpdateListener>();

/**
 * Whether this page works offline. The development server (`npm start`, `npm run dev`) has no service
 * worker and never saves the app; the built app saves itself on its first visit ('saving' until its
 * worker controls the page).
 */
export type OfflineState = 'development' | 'unsupported' | 'failed' | 'saving' | 'saved';

export function offlineState(): OfflineState {
  if (import.meta.env.DEV) return 'development';
  if (!('serviceWorker' in navigator)) return 'unsupported';
  if (navigator.serviceWorker.controller) return 'saved';
  return failed ? 'failed' : 'saving';
}

/** Hear when a new version has been installed while this page was open (called at most once). */
export function onAppUpdated(listener: UpdateListener): () => void {
  if (updated) listener();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function announce(): void {
  if (updated) return;
  updated = true;
  for (const l of listeners) l();
}

export function registerServiceWorker(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  const base = import.meta.env.BASE_URL;
  // A page that was already controlled sees a controller change only when a new version took over.
  const hadController = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (hadController) announce();
  });
  // The first install downloads the whole precache (~20 MB): start it once the page has loaded and the
  // browser is idle, so it does not compete with the first paint and the notebook's editor.
  const register = () =>
    navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).then(
      (reg) => {
        // Look for a new version when the tab comes back, and hourly for tabs left open.
        const check = () => void reg.update().catch(() => {});
        document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && check());
        setInterval(check, 3600_000);
      },
      (err: unknown) => {
        failed = true;
        console.warn('kiroku: the service worker could not be registered; the app works, but not offline', err);
      },
    );
  const whenIdle = () =>
    'requestIdleCallback' in globalThis
      ? requestIdleCallback(() => void register(), { timeout: 3000 })
      : setTimeout(() => void register(), 1000);
  if (document.readyState === 'complete') whenIdle();
  else addEventListener('load', whenIdle, { once: true });
}

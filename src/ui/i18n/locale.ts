// The language of the UI: English or Japanese. Chosen from the browser's languages (navigator.languages,
// ja* → Japanese) unless the user picked one in Settings (kept in localStorage). `<html lang>` follows it,
// so screen readers and fonts treat the text as what it is. main.ts remounts the app on a change, so a
// switch applies without a reload.
export type Locale = 'en' | 'ja';
export const LOCALES: readonly Locale[] = ['en', 'ja'];

const KEY = 'kiroku.locale';

/** The UI language for a list of browser languages: the first that Kiroku speaks, else English. */
export function localeFor(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ja') return 'ja';
    if (base === 'en') return 'en';
  }
  return 'en';
}

/** The language the user picked in Settings, or null to follow the browser. */
export function savedLocale(): Locale | null {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return v === 'en' || v === 'ja' ? v : null;
  } catch {
    return null;
  }
}

function browserLocale(): Locale {
  const nav = globalThis.navigator;
  return localeFor(nav?.languages?.length ? nav.languages : nav?.language ? [nav.language] : []);
}

let current: Locale = savedLocale() ?? browserLocale();
const listeners = new Set<(l: Locale) => void>();

export const locale = (): Locale => current;

/** Applies `<html lang>` for the current language (main.ts calls it before the first paint). */
export function applyDocumentLocale(): void {
  if (globalThis.document) document.documentElement.lang = current;
}

/** Picks a language (null: follow the browser again), remembers it, and tells the listeners. */
export function setLocale(choice: Locale | null): void {
  try {
    if (choice) localStorage.setItem(KEY, choice);
    else localStorage.removeItem(KEY);
  } catch {
    // storage unavailable: the choice holds for this page only
  }
  const next = choice ?? browserLocale();
  if (next === current) return;
  current = next;
  applyDocumentLocale();
  for (const fn of listeners) fn(next);
}

export function onLocaleChange(fn: (l: Locale) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

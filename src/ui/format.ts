// Display formatting for the whole UI, in the UI's language (i18n/locale.ts): dates and numbers through
// Intl, units from the message catalog. Each function takes the language, defaulting to the current one.
// A value that cannot be shown as what it should be (a time that is not one, from a server or an old
// import) is shown as "—", never thrown about: one odd run must not take the view down with it.
import { isTimeMs } from '../lib/time';
import { locale, type Locale } from './i18n/locale';
import { translate } from './i18n/t';

/** A time worth showing: 0 is protobuf's default, what a server sends (and REST reads) for a time not set. */
export const isShownTime = (ms: unknown): ms is number => isTimeMs(ms) && ms > 0;

// `Date#toLocaleString(locale, options)` builds a new Intl.DateTimeFormat on every call (~0.8 ms in
// Chromium: 30 ms for one screen of runs); one cached formatter per language gives the same text in
// a few microseconds.
const dateTimes = new Map<Locale, Intl.DateTimeFormat>();
const numbers = new Map<string, Intl.NumberFormat>();

function cachedNumberFormat(lang: Locale, digits: number | null): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let f = numbers.get(key);
  if (!f)
    numbers.set(
      key,
      (f = new Intl.NumberFormat(
        lang,
        digits === null
          ? { maximumFractionDigits: 0 }
          : { minimumFractionDigits: digits, maximumFractionDigits: digits },
      )),
    );
  return f;
}

export function formatTime(ms: number | null | undefined, lang: Locale = locale()): string {
  if (!isShownTime(ms)) return '—';
  let f = dateTimes.get(lang);
  if (!f) dateTimes.set(lang, (f = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' })));
  return f.format(ms);
}

/** A time in a table's row: the same text as formatTime, named for where it is used. */
export const formatCreated = formatTime;

/** The `datetime` attribute of a <time> element, or undefined when the value is not a time. */
export function isoTime(ms: number | null | undefined): string | undefined {
  return isShownTime(ms) ? new Date(ms).toISOString() : undefined;
}

export function formatDuration(start: number, end: number | null, now = Date.now(), lang: Locale = locale()): string {
  if (!isShownTime(start)) return '—';
  return formatElapsed((end ?? now) - start, lang);
}

/** A length of time in milliseconds ('850 ms', '1.5 s', '2 min 5 s'), not measured from a stored start time. */
export function formatElapsed(ms: number, lang: Locale = locale()): string {
  if (!Number.isFinite(ms)) return '—';
  const int = (n: number) => cachedNumberFormat(lang, null).format(n);
  if (ms < 1000) return translate(lang, 'fmt.ms', { n: int(Math.max(0, Math.round(ms))) });
  const s = ms / 1000;
  if (s < 60) return translate(lang, 'fmt.s', { n: cachedNumberFormat(lang, 1).format(s) });
  const m = Math.floor(s / 60);
  if (m < 60) return translate(lang, 'fmt.minS', { m: int(m), s: int(Math.round(s % 60)) });
  return translate(lang, 'fmt.hMin', { h: int(Math.floor(m / 60)), m: int(m % 60) });
}

/** A whole number with the language's digit grouping (12,345). */
export function formatInteger(n: number, lang: Locale = locale()): string {
  return cachedNumberFormat(lang, null).format(n);
}

/** File sizes as people read them: 1.2 MB, 834 KB, 12 B (decimal units, as file managers show). */
export function formatBytes(n: number, lang: Locale = locale()): string {
  if (!Number.isFinite(n) || n < 0) return '—';
  if (n < 1000) return `${cachedNumberFormat(lang, null).format(n)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = -1;
  do {
    v /= 1000;
    i++;
  } while (v >= 1000 && i < units.length - 1);
  return `${cachedNumberFormat(lang, v < 10 ? 1 : null).format(v)} ${units[i]}`;
}

/** A number shortened for reading (4 significant digits, exponent when tiny or huge); `String(x)` has it in full. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e6)) return x.toExponential(3);
  return String(Number(x.toPrecision(4)));
}

/** A share as a percentage for the language (0.5 → "50%"; two decimals below 1%). */
export function formatPercent(share: number, lang: Locale = locale()): string {
  return new Intl.NumberFormat(lang, {
    style: 'percent',
    maximumFractionDigits: share < 0.01 ? 2 : 0,
    minimumFractionDigits: share < 0.01 ? 2 : 0,
  }).format(share);
}

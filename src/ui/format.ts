// Display formatting shared by the tracking views. A value that cannot be shown as what it should be (a
// time that is not one, from a server or an old import) is shown as "—", never thrown about: one odd
// run must not take the view down with it.
import { isTimeMs } from '../lib/time';

/** A time worth showing: 0 is protobuf's default, what a server sends (and REST reads) for a time not set. */
export const isShownTime = (ms: unknown): ms is number => isTimeMs(ms) && ms > 0;

export function formatTime(ms: number | null | undefined): string {
  if (!isShownTime(ms)) return '—';
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The `datetime` attribute of a <time> element, or undefined when the value is not a time. */
export function isoTime(ms: number | null | undefined): string | undefined {
  return isShownTime(ms) ? new Date(ms).toISOString() : undefined;
}

export function formatDuration(start: number, end: number | null, now = Date.now()): string {
  if (!isShownTime(start)) return '—';
  return formatElapsed((end ?? now) - start);
}

/** A length of time in milliseconds ('850 ms', '1.5 s', '2 min 5 s'), not measured from a stored start time. */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** A number shortened for reading (4 significant digits, exponent when tiny or huge); `String(x)` has it in full. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e6)) return x.toExponential(3);
  return String(Number(x.toPrecision(4)));
}

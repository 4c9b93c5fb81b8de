// The requests this page is waiting on (calls to a tracking server), so that every wait has a cancel:
// a server that answered the connection check and then hangs would otherwise leave views "Loading…"
// through every timeout and retry (well over a minute) with nothing to do but wait. The page shows the
// waits that last (ui/components/server-waits.tsx); its Cancel aborts them all, and each fails with
// code CANCELLED.
import { KirokuError } from './errors';

export interface WaitInfo {
  /** Who is waited on: a server's host. */
  what: string;
  /** performance.now() when the wait began. */
  since: number;
}

interface Entry extends WaitInfo {
  controller: AbortController;
}

const waits = new Set<Entry>();
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());

export const CANCELLED = 'CANCELLED';

export function cancelledError(what: string): KirokuError {
  return new KirokuError(`Cancelled: stopped waiting for ${what}.`, CANCELLED);
}

/** A wait on `what` until `end()`; `signal` aborts (with a CANCELLED error as its reason) when the user cancels. */
export function beginWait(what: string): { signal: AbortSignal; end: () => void } {
  const entry: Entry = { what, since: performance.now(), controller: new AbortController() };
  waits.add(entry);
  changed();
  return {
    signal: entry.controller.signal,
    end: () => {
      if (waits.delete(entry)) changed();
    },
  };
}

/** The waits now, oldest first. */
export function currentWaits(): WaitInfo[] {
  return [...waits].map(({ what, since }) => ({ what, since }));
}

/** Stop every wait now: each one's request fails with a CANCELLED error. */
export function cancelWaits(): void {
  const all = [...waits];
  waits.clear();
  for (const w of all) w.controller.abort(cancelledError(w.what));
  changed();
}

/** Called whenever a wait begins, ends or is cancelled; returns the unsubscribe function. */
export function onWaitsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

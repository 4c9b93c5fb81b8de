// Tracking data for a view, loaded again whenever this tab or another announces a change (views stay
// live without polling, except on a tracking server, whose other clients announce nothing here: there
// views look again every few seconds). Only the events that concern the view trigger a reload (a run
// page ignores other runs' training loops), and reloads are throttled with one in flight at a time (a 10,000-run table
// is not re-read 60 times a second while a loop logs). Answers that arrive out of order are dropped; changing `deps`
// shows "loading" again rather than the previous run's data.
import { useEffect, useRef, useState } from 'preact/hooks';
import { mlflow } from '../../tracking/default';
import type { TrackingClient } from '../../tracking/client';
import { subscribe, type TrackingMessage } from '../../tracking/events';
import { currentServer } from '../tracking-server';
import { CANCELLED } from '../../lib/waits';

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: Error };

export interface LiveOptions {
  /** Which events reload the view (default: every event of this store). */
  relevant?: (message: TrackingMessage) => boolean;
  /** Least time between two reloads, in ms (default 100). */
  minInterval?: number;
  /** On a tracking server, look again every few seconds (default true; off for costly, rarely-changing loads). */
  poll?: boolean;
}

export function useLive<T>(
  load: (client: TrackingClient) => Promise<T>,
  deps: unknown[],
  options: LiveOptions = {},
): Loaded<T> & { reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const reloadRef = useRef<() => void>(() => {});
  const optionsRef = useRef(options);
  optionsRef.current = options;

  useEffect(() => {
    let live = true;
    let seq = 0;
    let inFlight = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastStart = 0;
    let lastEnd = 0;
    let lastDuration = 0;
    let cancelled = false;
    setState({ status: 'loading' });

    const run = () => {
      timer = undefined;
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      again = false;
      cancelled = false;
      lastStart = performance.now();
      const mine = ++seq;
      load(mlflow.client())
        .then(
          (value) => live && mine === seq && setState({ status: 'ready', value }),
          (error: unknown) => {
            // A load the user cancelled (a server that hangs) is not polled again until something changes.
            cancelled = (error as { code?: string })?.code === CANCELLED;
            if (live && mine === seq)
              setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
          },
        )
        .finally(() => {
          inFlight = false;
          lastEnd = performance.now();
          lastDuration = lastEnd - lastStart;
          if (live && again) schedule();
        });
    };
    const schedule = () => {
      if (timer !== undefined) return;
      const wait = Math.max(0, (optionsRef.current.minInterval ?? 100) - (performance.now() - lastStart));
      timer = setTimeout(run, wait);
    };
    reloadRef.current = schedule;
    run();
    const stop = subscribe((m) => {
      if (m.store !== mlflow.getTrackingUri()) return;
      if (optionsRef.current.relevant && !optionsRef.current.relevant(m)) return;
      schedule();
    });
    // A load that takes long (a big experiment on a server) is repeated less often: at most a tenth
    // of the time is spent reloading.
    const poll =
      optionsRef.current.poll === false
        ? () => {}
        : pollRemote(() => {
            if (!cancelled && performance.now() - lastEnd >= 9 * lastDuration) schedule();
          });
    return () => {
      live = false;
      if (timer !== undefined) clearTimeout(timer);
      stop();
      poll();
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps, checked at each call (`hooks` option)
  }, deps);

  return { ...state, reload: () => reloadRef.current() } as Loaded<T> & { reload: () => void };
}

/** Events about one run (or any run, when a run was created: it may be a child of this one). */
export function aboutRun(runId: string): (m: TrackingMessage) => boolean {
  return (m) => (m.type === 'run-updated' && m.runId === runId) || m.type === 'run-created';
}

/** How often a view on a tracking server looks again: its other clients announce nothing to this tab. */
export const REMOTE_POLL_MS = 5000;

/** On a server, call `reload` every few seconds while the tab is visible; returns the stop function. */
function pollRemote(reload: () => void): () => void {
  if (!currentServer()) return () => {};
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') reload();
  }, REMOTE_POLL_MS);
  return () => clearInterval(timer);
}

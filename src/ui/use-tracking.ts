// Load tracking data for a view and load it again whenever this tab or another announces a change,
// so views stay live without polling — except on a tracking server, whose other clients announce
// nothing here: there views look again every few seconds. Reloads are coalesced: a training loop's
// stream of updates costs one reload per animation frame at most.
import { useEffect, useState } from 'preact/hooks';
import { subscribe } from '../tracking/events';
import { mlflow } from '../tracking/default';
import type { TrackingClient } from '../tracking/client';
import { pollRemote } from './tracking/use-live';
import { CANCELLED } from '../lib/waits';

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: Error };

export function useTracking<T>(load: (client: TrackingClient) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    let scheduled = false;
    let cancelled = false;
    let loading = 0;
    const run = () => {
      scheduled = false;
      cancelled = false;
      loading++;
      load(mlflow.client())
        .then(
          (value) => live && setState({ status: 'ready', value }),
          (error: unknown) => {
            // A load the user cancelled (a server that hangs) is not polled again until something changes.
            cancelled = (error as { code?: string })?.code === CANCELLED;
            if (live) setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
          },
        )
        .finally(() => loading--);
    };
    run();
    const stop = subscribe((m) => {
      if (m.store !== mlflow.getTrackingUri() || scheduled) return;
      scheduled = true;
      requestAnimationFrame(run);
    });
    // A poll waits for the load before it: on a slow server (or a listing of many requests) loads
    // would otherwise pile up, each asking the server everything again.
    const poll = pollRemote(() => {
      if (!scheduled && !cancelled && loading === 0) run();
    });
    return () => {
      live = false;
      stop();
      poll();
    };
  }, deps);
  return state;
}

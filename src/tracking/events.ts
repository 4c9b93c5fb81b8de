// Every change to runs, experiments and registered models is announced on the BroadcastChannel
// "kiroku", so the tracking UI in this tab and in every other tab (and a notebook's kernel) refreshes
// without a reload. This is the listening side; the clients announce (announce.ts), and only they.
import { eventChannel, type Listener, listeners } from './event-channel';

export type TrackingEvent =
  | { type: 'experiment-changed'; experimentId: string }
  | { type: 'run-created'; runId: string; experimentId: string }
  | { type: 'run-updated'; runId: string }
  | { type: 'model-registered'; name: string; version?: string };

/** An event with the URI of the store it happened in (a view shows one store). */
export type TrackingMessage = TrackingEvent & { store: string };

/** Listen to changes from this tab and every other; returns the function that stops listening. */
export function subscribe(listener: Listener): () => void {
  eventChannel();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

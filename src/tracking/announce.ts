// The announcing side of tracking events (events.ts is the listening one). Only the tracking and
// registry clients import this — an architecture rule: each announces every change it makes, so code
// that wrote around a client and announced by itself would be a second way of doing it that drifts.
import { deliver, eventChannel } from './event-channel';
import type { TrackingEvent, TrackingMessage } from './events';

/** Tell this tab's listeners and every other tab that `event` happened in the store at `store`. */
export function announce(store: string, event: TrackingEvent): void {
  const message = { ...event, store } as TrackingMessage;
  deliver(message);
  eventChannel()?.postMessage(message);
}

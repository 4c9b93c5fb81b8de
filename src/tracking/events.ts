// Every change is announced on the BroadcastChannel "kiroku", so the tracking UI in this tab and in
// every other tab refreshes without a reload. Listeners in this tab are called directly too: a
// BroadcastChannel never delivers a message to the object that posted it.

export type TrackingEvent =
  | { type: 'experiment-changed'; experimentId: string }
  | { type: 'run-created'; runId: string; experimentId: string }
  | { type: 'run-updated'; runId: string }
  | { type: 'model-registered'; name: string; version?: string };

export type TrackingMessage = TrackingEvent & { store: string };

export const CHANNEL_NAME = 'kiroku';

type Listener = (message: TrackingMessage) => void;
const listeners = new Set<Listener>();
let channel: BroadcastChannel | null | undefined;

function getChannel(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;
    if (channel) {
      channel.onmessage = (e: MessageEvent<TrackingMessage>) => deliver(e.data);
      // In Node an open channel would keep the process alive; in browsers unref does not exist.
      (channel as unknown as { unref?: () => void }).unref?.();
    }
  }
  return channel;
}

function deliver(message: TrackingMessage): void {
  for (const l of listeners) {
    try {
      l(message);
    } catch (err) {
      console.error('kiroku: a tracking event listener failed', err);
    }
  }
}

export function announce(store: string, event: TrackingEvent): void {
  const message = { ...event, store } as TrackingMessage;
  deliver(message);
  getChannel()?.postMessage(message);
}

/** Listen to changes from this tab and every other; returns the function that stops listening. */
export function subscribe(listener: Listener): () => void {
  getChannel();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

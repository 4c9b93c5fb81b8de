// The two sides of tracking events meet here: the BroadcastChannel "kiroku" and this tab's listeners.
// Only announce.ts (the clients post) and events.ts (views and the kernel listen) import it — an
// architecture rule — so that the clients, which announce every change they make, are the only source.
import type { TrackingMessage } from './events';

export const CHANNEL_NAME = 'kiroku';

export type Listener = (message: TrackingMessage) => void;

/** This tab's listeners: a BroadcastChannel never delivers a message to the object that posted it. */
export const listeners = new Set<Listener>();
let channel: BroadcastChannel | null | undefined;

/** The channel, opened on first use (null where there is no BroadcastChannel). */
export function eventChannel(): BroadcastChannel | null {
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

/** Call every listener of this tab; one that throws does not keep the message from the others. */
export function deliver(message: TrackingMessage): void {
  for (const l of listeners) {
    try {
      l(message);
    } catch (err) {
      console.error('kiroku: a tracking event listener failed', err);
    }
  }
}

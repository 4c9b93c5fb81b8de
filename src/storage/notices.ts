// Storage situations the user must hear about (another tab holds an old version of the database
// open, or wants to upgrade it; the disk is full). The UI subscribes and shows a notice; nothing here touches the DOM.

export type StorageNotice =
  | { type: 'upgrade-blocked'; database: string }
  | { type: 'closed-for-upgrade'; database: string }
  /** The browser refused a write for space; `reserveUsed`: the write went through on the reserve (reserve.ts). */
  | { type: 'disk-full'; database: string; reserveUsed: boolean };

type Listener = (notice: StorageNotice) => void;
const listeners = new Set<Listener>();

export function onStorageNotice(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notify(notice: StorageNotice): void {
  if (listeners.size === 0) console.warn(`kiroku: ${notice.type} (${notice.database})`);
  for (const l of listeners) l(notice);
}

// A way out on a full disk. When the disk is full, Chromium refuses every write — even the few bytes
// that end a run or mark it deleted — but still runs transactions that only delete (measured on a
// 64 MB tmpfs profile: every put failed with QuotaExceededError, deletes committed and freed space at
// once). So each Kiroku database holds back RESERVE_BYTES in the `reserve` store: a write that must
// not fail (a run's end, its deletion, orphan recovery) that the browser refuses for space gives the
// reserve up — a delete — and is tried once more, and the user is told to free space. The reserve is
// taken back as soon as there is room again (after a purge or artifact deletion, or at the next start).
import type { IDBPDatabase } from 'idb';
import { notify } from './notices';

export const RESERVE_BYTES = 2 * 1024 * 1024;
const KEY = 'reserve';

export function isQuotaError(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name;
  return name === 'QuotaExceededError' || (err as { code?: number | string } | null)?.code === 22;
}

interface ReserveDB {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get(store: 'reserve', key: string): Promise<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  put(store: 'reserve', value: any): Promise<unknown>;
  delete(store: 'reserve', key: string): Promise<void>;
}

/** Hold the reserve back if it is not (best effort: on a full disk it simply stays given up). */
export async function ensureReserve(db: IDBPDatabase<never> | ReserveDB): Promise<boolean> {
  const d = db as ReserveDB;
  // Only where a browser keeps the data on a disk that can fill up (not Node's in-memory IndexedDB).
  if (!globalThis.navigator?.storage) return false;
  try {
    if (await d.get('reserve', KEY)) return true;
    // Random bytes: a compressed store must not make the reserve smaller than it says.
    const bytes = new Uint8Array(RESERVE_BYTES);
    for (let at = 0; at < bytes.length; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
    await d.put('reserve', { key: KEY, bytes: bytes.buffer });
    return true;
  } catch {
    return false;
  }
}

/**
 * Run a write that must not fail for space. If the browser refuses it as over quota, give the reserve
 * up and try once more; the user hears that the disk is full either way.
 */
export async function withReserve<T>(
  db: IDBPDatabase<never> | ReserveDB,
  database: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!isQuotaError(err) && (err as { code?: string }).code !== 'QUOTA_EXCEEDED') throw err;
    const d = db as ReserveDB;
    const had = await d.get('reserve', KEY).catch(() => undefined);
    if (!had) {
      notify({ type: 'disk-full', database, reserveUsed: false });
      throw err;
    }
    await d.delete('reserve', KEY);
    notify({ type: 'disk-full', database, reserveUsed: true });
    return write();
  }
}

// Change versions of run rows: every write to a run row increments `meta.runsVersion` in the same
// transaction and stamps the row, so a reader that cached rows at version v fetches only newer ones.
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { KirokuDB } from '../storage/schema';

export const RUNS_VERSION = 'runsVersion';

/** Increment the store-wide run-change counter inside the caller's transaction; returns the new value. */
export async function bumpVersion(
  meta: IDBPObjectStore<KirokuDB, ArrayLike<StoreNames<KirokuDB>>, 'meta', 'readwrite'>,
): Promise<number> {
  const version = Number((await meta.get(RUNS_VERSION))?.value ?? 0) + 1;
  await meta.put({ key: RUNS_VERSION, value: version });
  return version;
}

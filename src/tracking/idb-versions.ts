// Change versions of run rows: every write to a run row increments `meta.runsVersion` in the same
// transaction and stamps the row, so a reader that cached rows at version v fetches only newer ones.
import type { IDBPDatabase, IDBPObjectStore, StoreNames } from 'idb';
import type { KirokuDB } from '../storage/schema';
import type { RunRow } from './run-row';

export const RUNS_VERSION = 'runsVersion';

/** Increment the store-wide run-change counter inside the caller's transaction; returns the new value. */
export async function bumpVersion(
  meta: IDBPObjectStore<KirokuDB, ArrayLike<StoreNames<KirokuDB>>, 'meta', 'readwrite'>,
): Promise<number> {
  const version = Number((await meta.get(RUNS_VERSION))?.value ?? 0) + 1;
  await meta.put({ key: RUNS_VERSION, value: version });
  return version;
}

/**
 * The reader's side: an in-memory copy of the run rows, brought up to date by reading only the rows
 * written since its version (the `byVersion` index), whichever tab or worker wrote them. Reading 1,000
 * rows from IndexedDB costs ~50 ms in Chromium; bringing it up to date while nothing changed, one `get`.
 */
export class RunRowCache {
  private cache: { version: number; rows: Map<string, RunRow> } | null = null;

  /** Every run row, brought up to date first (the rows changed since, or all when some were purged). */
  async rows(db: IDBPDatabase<KirokuDB>): Promise<Map<string, RunRow>> {
    const tx = db.transaction(['meta', 'runs']);
    const [version, count] = await Promise.all([
      tx
        .objectStore('meta')
        .get(RUNS_VERSION)
        .then((m) => Number(m?.value ?? 0)),
      // A purge deletes rows without a version stamp (a full disk allows deletes only): fewer rows than
      // the cache holds means some were purged, and the cache is read afresh.
      tx.objectStore('runs').count(),
    ]);
    const cache = this.cache;
    if (cache && version === cache.version && count === cache.rows.size) return cache.rows;
    if (!cache || version < cache.version || count < cache.rows.size) {
      const rows = await tx.objectStore('runs').getAll();
      this.cache = { version, rows: new Map(rows.map((r) => [r.info.runId, r])) };
    } else {
      const changed = await tx
        .objectStore('runs')
        .index('byVersion')
        .getAll(IDBKeyRange.lowerBound(cache.version, true));
      for (const r of changed) cache.rows.set(r.info.runId, r);
      cache.version = version;
      if (cache.rows.size !== count) {
        const rows = await tx.objectStore('runs').getAll();
        this.cache = { version, rows: new Map(rows.map((r) => [r.info.runId, r])) };
      }
    }
    return this.cache!.rows;
  }

  clear(): void {
    this.cache = null;
  }
}

// What every IndexedDB write of the tracking store does around its transaction: a quota error becomes a
// TrackingError that says what to do (the aborted transaction wrote nothing), and a change refused
// part-way aborts its transaction, which may already have finished.
import { TrackingError } from '../lib/errors';
import { isQuotaError } from '../storage/reserve';

/** Abort a transaction that may already be finished (then there is nothing to undo). */
export function abort(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // already committed or aborted
  }
}

/** Storage-full errors become a TrackingError the user can act on; the aborted transaction wrote nothing. */
export async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isQuotaError(err)) {
      throw new TrackingError(
        'The browser refused to store more data (storage quota exceeded). Nothing from this call was saved; ' +
          'earlier data is intact. Free space in Settings → Storage (permanently delete deleted runs) or delete ' +
          "artifacts on a run's Artifacts tab; both work on a full disk.",
        'QUOTA_EXCEEDED',
      );
    }
    throw err;
  }
}

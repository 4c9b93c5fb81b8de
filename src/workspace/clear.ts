// "Clear all data": close this page's connections, then delete the three databases. Other tabs and
// the kernel workers close theirs when told (idb's `blocking` handlers); if one does not, the
// deletion waits and `onBlocked` tells the user which tab to close, instead of hanging silently.
import { closeKirokuDB } from '../storage/connection';
import { closeStores } from '../tracking/uri';
import { files } from '../notebook/files';
import { DEFAULT_DATABASES, type WorkspaceDatabases } from './archive';

export interface ClearOptions {
  databases?: Partial<WorkspaceDatabases>;
  /** Called when another tab keeps a database open; the deletion completes once it closes. */
  onBlocked?: (database: string) => void;
  /** Close connections this caller holds that the workspace module cannot see (the notebooks store of the page). */
  beforeDelete?: () => Promise<void> | void;
}

export async function clearWorkspace(options: ClearOptions = {}): Promise<void> {
  const dbs = { ...DEFAULT_DATABASES, ...options.databases };
  await closeStores();
  await closeKirokuDB(dbs.tracking);
  if (dbs.files === files.dbName) await files.close();
  await options.beforeDelete?.();
  for (const name of [dbs.tracking, dbs.notebooks, dbs.files]) await deleteDatabase(name, options.onBlocked);
}

function deleteDatabase(name: string, onBlocked?: (database: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error ?? new Error(`could not delete database ${name}`));
    req.onblocked = () => onBlocked?.(name);
  });
}

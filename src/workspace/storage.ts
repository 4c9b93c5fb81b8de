// Persistent storage and the quota: a browser may evict "best-effort" storage under pressure, which
// for a workspace that lives only in IndexedDB means losing everything. `persist()` asks not to.

export interface StorageStatus {
  /** Bytes this origin uses (all databases and caches), when the browser says. */
  usage: number | null;
  /** Bytes this origin may use, when the browser says. */
  quota: number | null;
  /** True once the browser has granted persistence; null when the API is missing. */
  persisted: boolean | null;
  /** Chromium's breakdown: `indexedDB` (the workspace), `caches` (the offline app), … */
  details: Record<string, number>;
}

export async function storageStatus(): Promise<StorageStatus> {
  const s = globalThis.navigator?.storage;
  const [estimate, persisted] = await Promise.all([
    s?.estimate ? s.estimate().catch(() => null) : null,
    s?.persisted ? s.persisted().catch(() => null) : null,
  ]);
  const details = (estimate as { usageDetails?: Record<string, number> } | null)?.usageDetails ?? {};
  return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted, details };
}

/** Ask for persistent storage; resolves to whether it is granted (false where unsupported). */
export async function requestPersistence(): Promise<boolean> {
  const s = globalThis.navigator?.storage;
  if (!s?.persist) return false;
  if (await s.persisted?.().catch(() => false)) return true;
  return s.persist().catch(() => false);
}

let asked = false;

/** Ask once per page, quietly (on the first run or save): never blocks or throws. */
export function requestPersistenceOnce(): void {
  if (asked) return;
  asked = true;
  void requestPersistence();
}

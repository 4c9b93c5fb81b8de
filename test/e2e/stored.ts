// What the app keeps in IndexedDB, read as the page sees it, so a test of hostile input can check that
// nothing stored before it was lost or changed. Bookkeeping that changes by design (each database's
// `meta` store: counters, the last notebook opened) is left out.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** `database/store/key` → the record as JSON (binary data as its length and a checksum). */
export type Stored = Record<string, string>;

export async function storedRecords(page: Page): Promise<Stored> {
  return page.evaluate(async () => {
    const out: Record<string, string> = {};
    const encode = (v: unknown): unknown => {
      if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
        const bytes =
          v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
        let sum = 0;
        for (const b of bytes) sum = (sum * 31 + b) >>> 0;
        return { bytes: bytes.length, sum };
      }
      if (v instanceof Blob) return { blob: v.size, type: v.type };
      if (Array.isArray(v)) return v.map(encode);
      if (v && typeof v === 'object')
        return Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, x]) => [k, encode(x)]),
        );
      return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
    };
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await request(indexedDB.open(name));
      for (const store of [...db.objectStoreNames].filter((s) => s !== 'meta')) {
        const tx = db.transaction(store);
        const [keys, values] = await Promise.all([
          request(tx.objectStore(store).getAllKeys()),
          request(tx.objectStore(store).getAll()),
        ]);
        keys.forEach((k, i) => (out[`${name}/${store}/${JSON.stringify(k)}`] = JSON.stringify(encode(values[i]))));
      }
      db.close();
    }
    return out;
  });
}

/** Every record of `before` is still there, unchanged (records added since are allowed). */
export function expectKept(before: Stored, after: Stored): void {
  expect(Object.keys(before).length).toBeGreaterThan(0);
  const changed = Object.keys(before).filter((k) => after[k] !== before[k]);
  expect(changed, 'records lost or changed').toEqual([]);
}

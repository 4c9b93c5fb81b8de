// Notebooks in IndexedDB (database `kiroku-notebooks`, apart from tracking's `kiroku`, so either can be
// migrated or cleared alone). A notebook is one record, outputs included: a save is one `put`, and a
// reload shows exactly what was on screen. Deleting only marks the record (`deletedAt`), so "Undo"
// works after a reload too; marked notebooks older than a day are purged when the store opens.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { NotebookDoc } from './document';

export interface StoredNotebook extends NotebookDoc {
  /** Set when the user deleted it: hidden from the list, restorable until purged. */
  deletedAt?: number;
}

export interface NotebookSummary {
  id: string;
  name: string;
  cellCount: number;
  updatedAt: number;
  /** The built-in sample it was opened from (`metadata.kiroku.sample`), if any. */
  sample?: string;
}

interface NotebooksDB extends DBSchema {
  notebooks: { key: string; value: StoredNotebook; indexes: { byUpdated: number } };
  meta: { key: string; value: { key: string; value: unknown } };
}

export const NOTEBOOKS_DB = 'kiroku-notebooks';
const VERSION = 1;
const PURGE_AFTER_MS = 24 * 3600 * 1000;

export interface NotebooksStoreOptions {
  /** Database name (tests use their own). */
  name?: string;
  /** Another tab holds an older version open: ask the user to close it. */
  onBlocked?: () => void;
  now?: () => number;
}

export class NotebooksStore {
  private constructor(
    private readonly db: IDBPDatabase<NotebooksDB>,
    private readonly now: () => number,
  ) {}

  static async open(options: NotebooksStoreOptions = {}): Promise<NotebooksStore> {
    const db = await openDB<NotebooksDB>(options.name ?? NOTEBOOKS_DB, VERSION, {
      upgrade(db, oldVersion) {
        // Cumulative migrations: a shipped block is never edited.
        if (oldVersion < 1) {
          db.createObjectStore('notebooks', { keyPath: 'id' }).createIndex('byUpdated', 'updatedAt');
          db.createObjectStore('meta', { keyPath: 'key' });
        }
      },
      blocked: () => options.onBlocked?.(),
      // Another tab wants a newer version: let it, this tab reloads its data on next open.
      blocking: () => db.close(),
    });
    const store = new NotebooksStore(db, options.now ?? Date.now);
    await store.purge();
    return store;
  }

  /** Live notebooks, most recently changed first. */
  async list(): Promise<NotebookSummary[]> {
    return summaries(await this.db.getAllFromIndex('notebooks', 'byUpdated'));
  }

  /** A live notebook, or undefined if there is none (or it was deleted). */
  async get(id: string): Promise<NotebookDoc | undefined> {
    const n = await this.db.get('notebooks', id);
    if (!n || n.deletedAt !== undefined) return undefined;
    return n;
  }

  /** Saves the document as given (the caller sets `updatedAt`); a deleted one is revived. */
  async put(doc: NotebookDoc): Promise<void> {
    const { deletedAt: _, ...live } = doc as StoredNotebook;
    await this.db.put('notebooks', live);
  }

  async delete(id: string): Promise<void> {
    const tx = this.db.transaction('notebooks', 'readwrite');
    const n = await tx.store.get(id);
    if (n) await tx.store.put({ ...n, deletedAt: this.now() });
    await tx.done;
  }

  /** Undo a delete. Returns the notebook, or undefined if it was purged meanwhile. */
  async restore(id: string): Promise<NotebookDoc | undefined> {
    const tx = this.db.transaction('notebooks', 'readwrite');
    const n = await tx.store.get(id);
    if (!n) return undefined;
    const { deletedAt: _, ...live } = n;
    await tx.store.put(live);
    await tx.done;
    return live;
  }

  /** Removes notebooks deleted more than a day ago. */
  async purge(maxAgeMs = PURGE_AFTER_MS): Promise<number> {
    const tx = this.db.transaction('notebooks', 'readwrite');
    let removed = 0;
    for (const n of await tx.store.getAll()) {
      if (n.deletedAt !== undefined && this.now() - n.deletedAt >= maxAgeMs) {
        await tx.store.delete(n.id);
        removed++;
      }
    }
    await tx.done;
    return removed;
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await this.db.get('meta', key))?.value as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await this.db.put('meta', { key, value });
  }

  /**
   * The first-visit rule: the very first open seeds the given notebooks (the walkthrough), and the
   * list is never empty afterwards — if the user deleted every notebook, a blank one is made.
   */
  async ensureNotEmpty(seed: () => NotebookDoc[], blank: () => NotebookDoc): Promise<NotebookSummary[]> {
    return (await this.opening(seed, blank, [])).list;
  }

  /**
   * What the notebook page's first view needs, in one transaction (each IndexedDB transaction is a round
   * trip to the browser's storage process): `ensureNotEmpty`'s list, the live notebooks themselves (so
   * the one shown opens without another read) and the values of `metaKeys`.
   */
  async opening(
    seed: () => NotebookDoc[],
    blank: () => NotebookDoc,
    metaKeys: readonly string[],
  ): Promise<{ list: NotebookSummary[]; docs: Map<string, NotebookDoc>; meta: Map<string, unknown> }> {
    const tx = this.db.transaction(['notebooks', 'meta'], 'readwrite');
    const [stored, seeded, ...values] = await Promise.all([
      tx.objectStore('notebooks').index('byUpdated').getAll(),
      tx.objectStore('meta').get('seeded'),
      ...metaKeys.map((key) => tx.objectStore('meta').get(key)),
    ]);
    let live = stored.filter((n) => n.deletedAt === undefined);
    if (!live.length) {
      live = seeded?.value ? [blank()] : seed();
      // Sorted as the index would list them (oldest first), so the list reads the same as after a reload.
      live.sort((a, b) => a.updatedAt - b.updatedAt);
      await Promise.all([
        ...live.map((doc) => tx.objectStore('notebooks').put(doc)),
        tx.objectStore('meta').put({ key: 'seeded', value: true }),
      ]);
    }
    await tx.done;
    return {
      list: summaries(live),
      docs: new Map(live.map((n) => [n.id, n])),
      meta: new Map(metaKeys.map((key, i) => [key, values[i]?.value])),
    };
  }

  close(): void {
    this.db.close();
  }
}

/** Live notebooks of `all` (as the byUpdated index lists them: oldest first), most recently changed first. */
function summaries(all: readonly StoredNotebook[]): NotebookSummary[] {
  return all
    .filter((n) => n.deletedAt === undefined)
    .reverse()
    .map((n) => {
      const sample = (n.metadata?.kiroku as { sample?: unknown } | undefined)?.sample;
      return {
        id: n.id,
        name: n.name,
        cellCount: n.cells.length,
        updatedAt: n.updatedAt,
        ...(typeof sample === 'string' ? { sample } : {}),
      };
    });
}

// Runs this browser started on a server and has not seen end. A page that dies mid-run (a reload, a
// crash, a restarted kernel) leaves its server run RUNNING; the next page that opens the server ends
// those — and only those: other RUNNING runs on a shared server may be a teammate's live session.
// Kept in IndexedDB (the notebook kernel is a worker, which has no localStorage), one small database
// apart from the tracking one so it needs no migration of it.
import { openDB, type IDBPDatabase } from 'idb';

const DB_NAME = 'kiroku-server-runs';
const STORE = 'owned';

interface Owned {
  server: string;
  runId: string;
}

let db: Promise<IDBPDatabase> | null = null;

function open(): Promise<IDBPDatabase> | null {
  if (typeof indexedDB === 'undefined') return null;
  db ??= openDB(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore(STORE, { keyPath: ['server', 'runId'] }).createIndex('server', 'server');
    },
  });
  return db;
}

export class OwnedRuns {
  /** Without IndexedDB (plain Node) the record lives as long as the process. */
  private readonly memory = new Set<string>();

  constructor(private readonly server: string) {}

  async add(runId: string): Promise<void> {
    const d = open();
    if (!d) return void this.memory.add(runId);
    await (await d).put(STORE, { server: this.server, runId } satisfies Owned);
  }

  async remove(runId: string): Promise<void> {
    const d = open();
    if (!d) return void this.memory.delete(runId);
    await (await d).delete(STORE, [this.server, runId]);
  }

  async list(): Promise<string[]> {
    const d = open();
    if (!d) return [...this.memory];
    return ((await (await d).getAllFromIndex(STORE, 'server', this.server)) as Owned[]).map((o) => o.runId);
  }
}

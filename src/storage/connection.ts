// One connection per Kiroku database per page (or worker), shared by the tracking and registry
// stores. Schema upgrades never hang silently: a blocked upgrade and a connection closed for another
// tab's upgrade both become notices the UI shows.
import { openDB, type IDBPDatabase } from 'idb';
import { DB_VERSION, upgrade, type KirokuDB } from './schema';
import { notify } from './notices';

const connections = new Map<string, Promise<IDBPDatabase<KirokuDB>>>();

export function openKirokuDB(name: string): Promise<IDBPDatabase<KirokuDB>> {
  let conn = connections.get(name);
  if (!conn) {
    conn = openDB<KirokuDB>(name, DB_VERSION, {
      upgrade,
      blocked: () => notify({ type: 'upgrade-blocked', database: name }),
      blocking: () => {
        // Another tab opens a newer version: let it, and tell this tab's user to reload.
        void closeKirokuDB(name);
        notify({ type: 'closed-for-upgrade', database: name });
      },
    });
    connections.set(name, conn);
    conn.catch(() => connections.delete(name));
  }
  return conn;
}

export async function closeKirokuDB(name: string): Promise<void> {
  const conn = connections.get(name);
  connections.delete(name);
  if (conn) (await conn.catch(() => null))?.close();
}

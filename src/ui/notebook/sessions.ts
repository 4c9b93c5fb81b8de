// Open notebooks live here, not in the page component: leaving the notebook page (to look at a run)
// must not stop a cell or lose the kernel's variables. One controller and one kernel per notebook id,
// for as long as the tab lives or until the notebook is deleted.
import type { NotebookDoc } from '../../notebook/document';
import { NotebookController } from './controller';
import { connectKernel, deferredKernel } from './kernel';
import { onServerSwitch } from '../server-choice';

import { notebooksStore } from './notebooks-db';

export { notebooksStore };

const sessions = new Map<string, Promise<NotebookController>>();

/**
 * The controller of a notebook, opening it (and starting its kernel) on first use. `stored`: the
 * notebook as just read from the store in the caller's transaction (saves reading it again).
 */
export function openSession(id: string, stored?: NotebookDoc): Promise<NotebookController | undefined> {
  let session = sessions.get(id);
  if (!session) {
    session = (async () => {
      const store = await notebooksStore();
      const doc = stored?.id === id ? stored : await store.get(id);
      if (!doc) throw new Error(`no notebook ${id}`);
      // The notebook shows at once; its kernel (a chunk and a worker) starts meanwhile.
      return new NotebookController(doc, deferredKernel(connectKernel()), {
        persist: (d: NotebookDoc) => store.put(d),
      });
    })();
    sessions.set(id, session);
    session.catch(() => sessions.delete(id));
  }
  return session.catch(() => undefined);
}

/** Save every open notebook now (before unload, when the tab is hidden). */
export async function saveAll(): Promise<void> {
  await Promise.all(
    [...sessions.values()].map((s) =>
      s.then(
        (c) => c.save(),
        () => undefined,
      ),
    ),
  );
}

/** Stop a notebook's kernel and forget it (after delete). */
export async function closeSession(id: string): Promise<void> {
  const session = sessions.get(id);
  sessions.delete(id);
  const controller = await session?.catch(() => undefined);
  if (controller) {
    await controller.save();
    controller.dispose();
  }
}

// IndexedDB writes started in `beforeunload`/`visibilitychange` usually complete; the debounce would not.
addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') void saveAll();
});
addEventListener('beforeunload', () => void saveAll());

// The page switched to a tracking server (in place, see tracking-server.ts): kernels started against
// the old store restart against the new one, as a reload would have done.
onServerSwitch(() => {
  for (const session of sessions.values())
    void session.then(
      (c) => c.restart(),
      () => undefined,
    );
});

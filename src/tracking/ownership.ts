// Which live page owns a RUNNING run. A page that dies (closed tab, crash, reload mid-fit, a kernel
// worker that is restarted) cannot end its runs, so each active run holds a Web Lock named after it;
// the browser drops the lock with the page. At the next start, a RUNNING run whose lock nobody holds
// is an orphan and is ended KILLED. Where Web Locks do not exist (Node), ownership is this process's.

const PREFIX = 'kiroku-run:';
const localOwned = new Set<string>();

interface LockManagerLike {
  request(name: string, callback: () => Promise<void>): Promise<void>;
  query(): Promise<{ held?: Array<{ name?: string }> }>;
}

function locks(): LockManagerLike | undefined {
  return (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
}

/** Hold ownership of a run until the returned release function is called. */
export async function claimRun(runId: string): Promise<() => void> {
  localOwned.add(runId);
  const lm = locks();
  let releaseLock: () => void = () => {};
  if (lm) {
    await new Promise<void>((granted) => {
      void lm.request(
        PREFIX + runId,
        () =>
          new Promise<void>((release) => {
            releaseLock = release;
            granted();
          }),
      );
    });
  }
  return () => {
    localOwned.delete(runId);
    releaseLock();
  };
}

/** Run ids owned by some live page (or, without Web Locks, by this process). */
export async function liveOwnedRuns(): Promise<Set<string>> {
  const owned = new Set(localOwned);
  const lm = locks();
  if (lm) {
    const state = await lm.query();
    for (const l of state.held ?? []) if (l.name?.startsWith(PREFIX)) owned.add(l.name.slice(PREFIX.length));
  }
  return owned;
}

/**
 * Move a claim to the id the store gave the run (a server chooses its own): the run is owned under
 * its real id before the claim on the id it was built with is let go.
 */
export async function reclaim(storedId: string, builtId: string, release: () => void): Promise<() => void> {
  if (storedId === builtId) return release;
  const next = await claimRun(storedId);
  release();
  return next;
}

// Memory of a page while it works, measured from outside, sampled every 100 ms: the JS heap of the
// page's main thread and of each of its workers (CDP Runtime.getHeapUsage — the workspace's export and
// import, the kernel and batch predict run in workers, whose heaps the page's own figure leaves out),
// and the resident memory of Chromium's renderer processes (the page and its workers). Printed as
// figures for the closing notes; the tests assert only the limits the issues set.
import { readFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from 'playwright-core';

export interface MemoryPeak {
  /** The page's main thread. */
  pageHeapMB: number;
  /** The page's workers together (the highest sum of one sample). */
  workersHeapMB: number;
  /** Each worker's own peak, by the worker's name (`new Worker(…, { name })`): which workers were measured. */
  byWorker: Record<string, number>;
  /** The page and its workers together: the JS memory the page's work costs. */
  heapMB: number;
  rendererRssMB: number;
}

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * The page's dedicated workers, each asked for its heap. Playwright's CDP session speaks to one target,
 * so the workers are attached without flattening: requests and replies travel wrapped in Target messages.
 */
async function workerHeaps(cdp: CDPSession): Promise<() => Promise<Array<{ name: string; used: number }>>> {
  const workers = new Map<string, string>();
  const replies = new Map<number, (usedSize: number) => void>();
  let nextId = 0;
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') workers.set(e.sessionId, e.targetInfo.title || e.targetInfo.url);
  });
  cdp.on('Target.detachedFromTarget', (e) => {
    if (e.sessionId) workers.delete(e.sessionId);
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const message = JSON.parse(e.message) as { id?: number; result?: { usedSize: number } };
    if (message.id !== undefined) replies.get(message.id)?.(message.result?.usedSize ?? 0);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const heapOf = (sessionId: string) =>
    new Promise<number>((resolve) => {
      const id = ++nextId;
      // A worker that ends before it answers costs nothing any more.
      const gone = setTimeout(() => {
        replies.delete(id);
        resolve(0);
      }, 2000);
      const settle = (used: number) => {
        clearTimeout(gone);
        replies.delete(id);
        resolve(used);
      };
      replies.set(id, settle);
      cdp
        .send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }),
        })
        .catch(() => settle(0));
    });
  return () => Promise.all([...workers].map(async ([sessionId, name]) => ({ name, used: await heapOf(sessionId) })));
}

export async function sampleMemory(browser: Browser, page: Page): Promise<() => Promise<MemoryPeak>> {
  const cdp = await page.context().newCDPSession(page);
  const system = await browser.newBrowserCDPSession();
  const workers = await workerHeaps(cdp);
  let pageHeap = 0;
  let workersHeap = 0;
  const byWorker: Record<string, number> = {};
  let heap = 0;
  let rss = 0;
  let stopped = false;
  const tick = async () => {
    const [used, inWorkers] = await Promise.all([
      cdp
        .send('Runtime.getHeapUsage')
        .then((h) => h.usedSize)
        .catch(() => 0),
      workers().then((sizes) => {
        for (const { name, used } of sizes) byWorker[name] = Math.max(byWorker[name] ?? 0, used);
        return sizes.reduce((sum, w) => sum + w.used, 0);
      }),
    ]);
    pageHeap = Math.max(pageHeap, used);
    workersHeap = Math.max(workersHeap, inWorkers);
    heap = Math.max(heap, used + inWorkers);
    const info = await system
      .send('SystemInfo.getProcessInfo')
      .catch(() => ({ processInfo: [] as Array<{ type: string; id: number }> }));
    for (const p of info.processInfo) if (p.type === 'renderer') rss = Math.max(rss, rssOf(p.id));
  };
  const loop = (async () => {
    while (!stopped) {
      await tick();
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const mb = (bytes: number) => Math.round(bytes / 1e6);
  return async () => {
    stopped = true;
    await loop;
    await cdp.detach().catch(() => {});
    await system.detach().catch(() => {});
    return {
      pageHeapMB: mb(pageHeap),
      workersHeapMB: mb(workersHeap),
      byWorker: Object.fromEntries(Object.entries(byWorker).map(([name, used]) => [name, mb(used)])),
      heapMB: mb(heap),
      rendererRssMB: mb(rss),
    };
  };
}

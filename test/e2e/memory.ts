// Memory of a page while it works, measured from outside: the page's JS heap (CDP Runtime.getHeapUsage)
// and the resident memory of Chromium's renderer processes (the page and its workers), sampled every
// 100 ms. Printed as figures for the closing notes; the tests assert only the limits the issues set.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

export interface MemoryPeak {
  pageHeapMB: number;
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

export async function sampleMemory(browser: Browser, page: Page): Promise<() => Promise<MemoryPeak>> {
  const cdp = await page.context().newCDPSession(page);
  const system = await browser.newBrowserCDPSession();
  let heap = 0;
  let rss = 0;
  let stopped = false;
  const tick = async () => {
    const used = await cdp.send('Runtime.getHeapUsage').then((h) => h.usedSize).catch(() => 0);
    heap = Math.max(heap, used);
    const info = await system.send('SystemInfo.getProcessInfo').catch(() => ({ processInfo: [] as Array<{ type: string; id: number }> }));
    for (const p of info.processInfo) if (p.type === 'renderer') rss = Math.max(rss, rssOf(p.id));
  };
  const loop = (async () => {
    while (!stopped) {
      await tick();
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    await cdp.detach().catch(() => {});
    await system.detach().catch(() => {});
    return { pageHeapMB: Math.round(heap / 1e6), rendererRssMB: Math.round(rss / 1e6) };
  };
}

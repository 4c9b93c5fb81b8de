// Give the event loop a turn between chunks of long work, so a page stays responsive (and can deliver
// an abort click) while a big file parses. `scheduler.yield()` (Chromium) resumes ahead of other
// queued tasks and isn't clamped; nested `setTimeout(0)` is clamped to 4 ms in browsers, which is why
// it is only the fallback.
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

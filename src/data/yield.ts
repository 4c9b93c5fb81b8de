// Give the event loop a turn between chunks of long work (parsing a big file, predicting in blocks),
// so a page keeps painting and answering clicks — an abort click included. The turn is fair: the work
// resumes behind the tasks already waiting (input, rendering, other pages' messages), not ahead of
// them as `scheduler.yield()` continuations do, which could starve the page for the whole job.
// `scheduler.postTask` (Chromium) queues at normal priority without setTimeout's 4 ms clamp; nested
// `setTimeout(0)` is the fallback elsewhere.
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { postTask?: (cb: () => void) => Promise<void> } }).scheduler;
  if (typeof scheduler?.postTask === 'function') return scheduler.postTask(() => {});
  return new Promise((resolve) => setTimeout(resolve, 0));
}

// The sanitizer and markdown renderer (sanitize.ts: DOMPurify and marked) are imported after a view's
// first paint: evaluating them, and rendering every markdown cell of a notebook, is the longest task
// before a notebook shows. Until they are here a view shows the text itself (a markdown cell its
// source), never unsanitized HTML; then it redraws once. The built page fetches the chunk early
// (a module preload, vite.config.ts), so the wait is its evaluation.
import { useEffect, useState } from 'preact/hooks';

type Sanitize = typeof import('./sanitize');

let loaded: Sanitize | undefined;
let loading: Promise<Sanitize> | undefined;

export function loadSanitize(): Promise<Sanitize> {
  return (loading ??= import('./sanitize').then((m) => (loaded = m)));
}

/** sanitize.ts once it has loaded (the component redraws then), undefined before. */
export function useSanitize(): Sanitize | undefined {
  const [module, setModule] = useState(loaded);
  useEffect(() => {
    if (!module) void loadSanitize().then((m) => setModule(() => m));
  }, [module]);
  return module ?? loaded;
}

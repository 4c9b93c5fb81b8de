// Hash routes (`#/experiments/0/runs/<id>`): every view has a URL that reopens it, and the app works
// from any static host and offline without server-side rewrites.
import { useEffect, useMemo, useState } from 'preact/hooks';

export interface Route {
  /** Path segments after `#/`, decoded. */
  segments: string[];
  /** Query parameters after `?` inside the hash. */
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  return { segments: path.split('/').filter(Boolean).map(decodeSegment), query: new URLSearchParams(search) };
}

/**
 * A segment as typed or linked. A malformed percent-encoding (`%E0%A4%A`, from a hand-edited or cut
 * URL) stays as it is: the page then says it found nothing by that name, instead of the app failing.
 */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function href(...segments: Array<string | number>): string {
  return '#/' + segments.map((s) => encodeURIComponent(String(s))).join('/');
}

export function navigate(to: string): void {
  if (location.hash !== to) location.hash = to;
}

export function useRoute(): Route {
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    addEventListener('hashchange', onChange);
    // The listener comes after the first paint: a change made before it (a link followed, or a test's
    // navigation, while the app was starting) has fired its event already — read the hash again.
    onChange();
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return useMemo(() => parseHash(hash), [hash]);
}

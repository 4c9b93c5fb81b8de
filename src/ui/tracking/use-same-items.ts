// An effect's dependencies are compared by identity, and a list computed in render (ids parsed from the
// URL, a run's metric keys) is a new array at every render. This keeps the previous array while the
// items are the same, so such a list can be a dependency: the effect runs again when the items change.
import { useRef } from 'preact/hooks';

export function useSameItems<A extends readonly unknown[]>(items: A): A {
  const kept = useRef(items);
  const previous = kept.current;
  if (previous.length !== items.length || items.some((item, i) => !Object.is(item, previous[i]))) kept.current = items;
  return kept.current;
}

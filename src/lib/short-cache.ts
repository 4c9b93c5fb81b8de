// Answers kept for a short while (a server's experiments while runs start): fewer round trips, at the
// price of seeing another client's change up to `ttlMs` late.
import { now } from './time';

/** Answers kept for a short while, keyed; a pending answer is shared, a failed one is not kept. */
export class ShortCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();
  constructor(private readonly ttlMs: number) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && now() - hit.at < this.ttlMs) return hit.value.then((v) => structuredClone(v));
    const value = load();
    this.entries.set(key, { at: now(), value });
    value.catch(() => this.entries.delete(key));
    // Each caller gets its own copy, as the local stores hand out: changing one changes nothing kept.
    return value.then((v) => structuredClone(v));
  }

  clear(): void {
    this.entries.clear();
  }
}

// searchRuns page tokens: an opaque string holding the offset of the next page.
import { TrackingError } from '../lib/errors';

export function encodePageToken(offset: number): string {
  return btoa(JSON.stringify({ offset }));
}

export function decodePageToken(token: string | null | undefined): number {
  if (!token) return 0;
  try {
    const { offset } = JSON.parse(atob(token)) as { offset: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw new TrackingError(`Invalid page token: '${token}'.`);
}

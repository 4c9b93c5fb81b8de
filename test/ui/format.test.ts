// Times in views come from stores, servers and old imports: what is not a time shows as "—", never throws.
import { describe, expect, it } from 'vitest';
import { formatDuration, formatElapsed, formatTime, isoTime } from '../../src/ui/format';
import { formatCreated } from '../../src/ui/format';

// 0 is protobuf's default: a time a server did not set.
const NOT_TIMES = [
  0,
  NaN,
  Infinity,
  -1,
  1.5,
  9e15,
  'abc' as unknown as number,
  {} as unknown as number,
  undefined,
  null,
];

describe('time formatting', () => {
  it.each(NOT_TIMES.map((v) => [v]))('shows %s as "—"', (v) => {
    expect(formatTime(v)).toBe('—');
    expect(formatCreated(v)).toBe('—');
    expect(isoTime(v)).toBeUndefined();
    expect(formatDuration(v as number, 1000)).toBe('—');
  });

  it('formats real times as before', () => {
    const t = Date.UTC(2024, 0, 2, 3, 4);
    expect(isoTime(t)).toBe('2024-01-02T03:04:00.000Z');
    expect(formatCreated(t)).toBe(formatTime(t));
    expect(formatTime(t)).toMatch(/2024/);
    expect(formatDuration(t, t + 1500)).toBe('1.5 s');
    expect(formatDuration(t, NaN)).toBe('—');
  });

  it('formats a length of time (a fit took, is left) without a start time, so 0 is no unset time there', () => {
    expect(formatElapsed(850)).toBe('850 ms');
    expect(formatElapsed(1500)).toBe('1.5 s');
    expect(formatElapsed(125_000)).toBe('2 min 5 s');
    expect(formatElapsed(NaN)).toBe('—');
  });
});

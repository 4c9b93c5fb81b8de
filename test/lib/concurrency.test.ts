import { describe, expect, it } from 'vitest';
import { forEachLimit } from '../../src/lib/concurrency';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('forEachLimit', () => {
  it('does every item with at most `limit` in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await forEachLimit([1, 2, 3, 4, 5, 6, 7], 3, async (x) => {
      most = Math.max(most, ++inFlight);
      await tick();
      done.push(x);
      inFlight--;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    await expect(
      forEachLimit([1, 2, 3, 4, 5, 6], 2, async (x) => {
        started.push(x);
        await tick();
        if (x === 2) throw new Error('upload 2 failed');
      }),
    ).rejects.toThrow('upload 2 failed');
    expect(started).toEqual([1, 2, 3]);
  });

  it('does nothing for no items', async () => {
    await forEachLimit([], 4, async () => {
      throw new Error('never');
    });
  });
});

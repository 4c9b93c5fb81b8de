import { describe, expect, it } from 'vitest';
import { checkFilter, markError } from '../../../src/ui/tracking/filter-error';
import { makeRun } from './fixtures';

describe('filter errors marked at their position', () => {
  it('accepts the grammar and filters with it', () => {
    const f = checkFilter("metrics.training_r2_score > 0.3 and params.alpha = '0.02'");
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    expect(f.predicate(makeRun({ params: { alpha: '0.02' }, metrics: { training_r2_score: 0.4 } }))).toBe(true);
    expect(f.predicate(makeRun({ params: { alpha: '0.5' }, metrics: { training_r2_score: 0.4 } }))).toBe(false);
  });

  it('accepts a blank filter', () => {
    expect(checkFilter('   ').ok).toBe(true);
  });

  it('marks the word where the parser stopped', () => {
    const text = 'metrics.rmse >> 1';
    const f = checkFilter(text);
    expect(f.ok).toBe(false);
    if (f.ok) return;
    expect(f.message).toMatch(/at position \d+/);
    expect(f.mark).not.toBeNull();
    const m = f.mark!;
    expect(m.before + m.at + m.after).toBe(text);
    expect(m.position).toBe(Number(/at position (\d+)/.exec(f.message)![1]));
    expect(m.at.length).toBeGreaterThan(0);
  });

  it('marks a space past the end when the filter stops too early', () => {
    const f = checkFilter('metrics.rmse <');
    expect(f.ok).toBe(false);
    if (f.ok) return;
    expect(f.mark).toEqual({ before: 'metrics.rmse <', at: ' ', after: '', position: 14 });
  });

  it('splits the text around a whole word at the position, and clamps odd positions', () => {
    expect(markError("params.a = 'x' andd params.b = 'y'", 15)).toEqual({
      before: "params.a = 'x' ",
      at: 'andd',
      after: " params.b = 'y'",
      position: 15,
    });
    expect(markError('abc', -4)).toEqual({ before: '', at: 'abc', after: '', position: 0 });
    expect(markError('abc', 99).at).toBe(' ');
  });
});

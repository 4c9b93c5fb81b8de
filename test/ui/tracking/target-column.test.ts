import { describe, expect, it } from 'vitest';
import { guessTarget } from '../../../src/ui/tracking/predict/target-column';

describe("the Predict page's default target column", () => {
  it('is the output column, else the one column that is not an input', () => {
    const columns = ['alcohol', 'pH', 'quality'];
    expect(guessTarget(['alcohol', 'pH'], columns)).toBe('quality');
    expect(guessTarget(['alcohol'], columns)).toBeNull();
    expect(guessTarget(null, columns, 'quality')).toBe('quality');
    expect(guessTarget(null, columns)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { DataFrame } from 'danfojs';
import { isFrame, isSeries, toMatrix, toVector, vectorValues } from '../../src/data/frame';

describe('frame ⇄ matrix', () => {
  const df = new DataFrame({ alcohol: [9.4, 9.8, 10.5], quality: [5, 6, 7] });

  it('reads a danfojs Series as a vector, not as a one-column frame', () => {
    const s = df.column('quality');
    expect(isSeries(s)).toBe(true);
    expect(isFrame(s)).toBe(false);
    expect(Array.from(toVector(s))).toEqual([5, 6, 7]);
    expect(vectorValues(s).name).toBe('quality');
  });

  it('reads a one-column DataFrame as a vector and a frame as a column-major matrix', () => {
    expect(Array.from(toVector(df.loc({ columns: ['quality'] })))).toEqual([5, 6, 7]);
    const m = toMatrix(df);
    expect(m).toMatchObject({ rows: 3, cols: 2, columns: ['alcohol', 'quality'] });
    expect(Array.from(m.data)).toEqual([9.4, 9.8, 10.5, 5, 6, 7]);
  });

  it('refuses missing and non-numeric cells, naming the column and row', () => {
    expect(() => toMatrix([[1, 2], [3, NaN]])).toThrow("Column 'x1' has a missing value at row 1");
    expect(() => toVector(['a'])).toThrow("Column 'y' has the non-numeric value \"a\" at row 0");
  });
});

import { describe, expect, it } from 'vitest';
import { categoryAxis, MAX_LABEL_CHARS } from '../../../src/ui/tracking/charts/category-axis';

const width = (text: string) => text.length * 7; // 7 px a character
const LINE = 14;

describe('category axis labels', () => {
  it('stay level when each fits its slot', () => {
    const axis = categoryAxis(['a', 'bb', 'ccc'], 60, width, LINE);
    expect(axis).toMatchObject({ rotate: 0, labels: ['a', 'bb', 'ccc'], overhangLeft: 0 });
  });

  it('turn 45° when too wide for their slot, with room below for the longest', () => {
    const labels = Array.from({ length: 9 }, (_, i) => `alpha=0.0${i} l1=0.5`); // 17 characters, 119 px
    const axis = categoryAxis(labels, 60, width, LINE);
    expect(axis.rotate).toBe(45);
    expect(axis.labels).toEqual(labels);
    // Neighbours 60·sin 45° ≈ 42 px apart across the text: more than a line.
    expect(60 * Math.SQRT1_2).toBeGreaterThan(LINE);
    // Its text (119 px) and half a line (7 px) turned 45°, below the ticks and gap (15), plus a margin.
    expect(axis.size).toBe(Math.ceil(15 + 126 * Math.SQRT1_2 + 4));
    // The first label reaches 89 px left of its tick: half a slot (30 px) and the y axis (50) leave 10 to
    // add, and a margin.
    expect(axis.overhangLeft).toBe(Math.ceil(126 * Math.SQRT1_2 + 4 - 30 - 50));
  });

  it('stand upright when even turned they would touch, and skip some when slots are thinner than a line', () => {
    expect(categoryAxis(['long label one', 'long label two'], 18, width, LINE)).toMatchObject({
      rotate: 90,
      labels: ['long label one', 'long label two'],
      size: 15 + 98 + 4,
    });
    const many = Array.from({ length: 10 }, (_, i) => `run ${i}`);
    expect(categoryAxis(many, 6, width, LINE).labels).toEqual([
      'run 0',
      '',
      '',
      'run 3',
      '',
      '',
      'run 6',
      '',
      '',
      'run 9',
    ]);
  });

  it(`cut labels longer than ${MAX_LABEL_CHARS} characters with an ellipsis`, () => {
    const long = 'x'.repeat(40);
    const axis = categoryAxis([long, 'short'], 400, width, LINE);
    expect(axis.labels[0]).toBe(`${'x'.repeat(MAX_LABEL_CHARS - 1)}…`);
    expect(axis.labels[1]).toBe('short');
  });
});

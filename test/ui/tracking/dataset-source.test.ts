import { describe, expect, it } from 'vitest';
import { describeSource } from '../../../src/ui/tracking/dataset-inputs';

describe("a dataset input's source, in words", () => {
  it('names the notebook for data made in code, the address for http and files, never a bare {}', () => {
    expect(
      describeSource(
        'code',
        JSON.stringify({ tags: { 'mlflow.source.name': 'Wine walkthrough', 'mlflow.source.type': 'NOTEBOOK' } }),
      ),
    ).toBe('Code, in Wine walkthrough');
    expect(describeSource('code', '{}')).toBe('Code (built in a notebook cell or script)');
    expect(describeSource('http', '{"url": "https://example.org/wine.csv"}')).toBe(
      'http: https://example.org/wine.csv',
    );
    expect(describeSource('local', '{"uri": "/data/wine.csv"}')).toBe('local: /data/wine.csv');
    expect(describeSource('delta_table', '{"table_name": "wine", "version": 3}')).toBe('delta_table: wine');
    expect(describeSource('custom', '{"bucket": "b", "key": "k"}')).toBe('custom: bucket b, key k');
    expect(describeSource('weird', 'not json')).toBe('weird: not json');
  });
});

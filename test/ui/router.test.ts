// Hash routes come from links, bookmarks and hand-edited URLs: any of them must parse.
import { describe, expect, it } from 'vitest';
import { href, parseHash } from '../../src/ui/router';

describe('parseHash', () => {
  it('decodes each segment as href encoded it', () => {
    const name = 'wine / red? 100% 記録';
    expect(parseHash(href('experiments', name, 'runs', 'abc')).segments).toEqual(['experiments', name, 'runs', 'abc']);
  });

  it('keeps a malformed percent-encoding as it was typed instead of throwing', () => {
    expect(parseHash('#/experiments/%E0%A4%A').segments).toEqual(['experiments', '%E0%A4%A']);
    expect(parseHash('#/notebook/%/cell/%ZZ').segments).toEqual(['notebook', '%', 'cell', '%ZZ']);
    // The good segments beside a bad one are still decoded.
    expect(parseHash('#/experiments/a%20b/%E0%A4%A?path=x%2Fy').segments).toEqual(['experiments', 'a b', '%E0%A4%A']);
    expect(parseHash('#/experiments/a%20b/%E0%A4%A?path=x%2Fy').query.get('path')).toBe('x/y');
  });
});

// The in-place number parser must agree with Number() bit for bit on everything it accepts.
import { describe, expect, it } from 'vitest';
import { scanNumber, scanned, NOT_A_NUMBER, INTEGER, DECIMAL } from '../../src/data/csv-number';
import { seededRandom } from '../../src/lib/random';

function scan(s: string): [number, number] {
  const v = scanNumber(s, 0, s.length);
  return [v, scanned.kind];
}

describe('scanNumber', () => {
  it('agrees with Number() on 200,000 random decimals of every length and exponent', () => {
    const rand = seededRandom(1234);
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
    const wrong: string[] = [];
    for (let k = 0; k < 200_000; k++) {
      const sign = rand() < 0.3 ? '-' : rand() < 0.1 ? '+' : '';
      const int = digits(Math.floor(rand() * 12));
      const frac = rand() < 0.7 ? '.' + digits(Math.floor(rand() * 20)) : '';
      const exp = rand() < 0.2 ? `e${rand() < 0.5 ? '-' : ''}${Math.floor(rand() * 40)}` : '';
      const s = sign + int + frac + exp;
      if (!/\d/.test(int + frac)) continue;
      const [v, kind] = scan(s);
      if (!Object.is(v, Number(s)) || kind !== (frac || exp ? DECIMAL : INTEGER)) wrong.push(s);
    }
    expect(wrong).toEqual([]);
  });

  it('agrees with Number() on the shortest round-trip text of random doubles', () => {
    const rand = seededRandom(99);
    const wrong: string[] = [];
    for (let k = 0; k < 100_000; k++) {
      const x = (rand() - 0.5) * 10 ** Math.floor(rand() * 30 - 15);
      for (const s of [String(x), x.toFixed(4), x.toPrecision(15)])
        if (!Object.is(scan(s)[0], Number(s))) wrong.push(s);
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    '',
    ' ',
    '-',
    '+',
    '.',
    'e5',
    '1e',
    '1e+',
    '1.2.3',
    '0x1A',
    '1_000',
    '1,5',
    'NaN',
    'abc',
    '12a',
    '1 2',
    '--1',
  ])('rejects %j', (s) => {
    expect(scan(s)[1]).toBe(NOT_A_NUMBER);
  });

  it('reads only its slice of a longer string', () => {
    const text = 'x,12.5,7e1,';
    expect(scanNumber(text, 2, 6)).toBe(12.5);
    expect(scanNumber(text, 7, 10)).toBe(70);
    expect(scanned.kind).toBe(DECIMAL);
    expect(scanNumber(text, 2, 4)).toBe(12);
    expect(scanned.kind).toBe(INTEGER);
  });

  it('accepts infinities in any case', () => {
    expect(scan('inf')).toEqual([Infinity, DECIMAL]);
    expect(scan('-Infinity')).toEqual([-Infinity, DECIMAL]);
    expect(scan('+INF')).toEqual([Infinity, DECIMAL]);
  });
});

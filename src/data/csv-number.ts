// Recognise and parse a decimal number inside a string, in place (no substring), for the CSV reader's
// hot loop. Accepted: optional spaces, sign, digits with an optional decimal point, optional exponent
// ("-1.5e3", ".5", "5.", "+7"), and inf / infinity in any case, as pandas accepts them. Not accepted:
// hex, thousands separators, "NaN" (a missing marker, handled by the caller).
//
// Up to 15 significant digits and a decimal exponent within ±22, the value is mantissa × or ÷ 10^k with
// both operands exact doubles, so one IEEE operation gives the correctly rounded result (Clinger's fast
// path), identical to Number(). Anything longer goes through Number() on a substring.

export const NOT_A_NUMBER = 0;
export const INTEGER = 1;
export const DECIMAL = 2;

/** The kind of the last scanned text; a module-level slot so the hot loop allocates nothing. */
export const scanned = { kind: NOT_A_NUMBER as number };

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Parse s[start, end) as a number, setting `scanned.kind`; NaN when it isn't one. */
export function scanNumber(s: string, start: number, end: number): number {
  scanned.kind = NOT_A_NUMBER;
  let i = start;
  while (i < end && s.charCodeAt(i) === 32) i++;
  while (end > i && s.charCodeAt(end - 1) === 32) end--;
  if (i === end) return NaN;
  const first = i;
  let c = s.charCodeAt(i);
  let negative = false;
  if (c === 45 || c === 43) {
    negative = c === 45;
    if (++i === end) return NaN;
    c = s.charCodeAt(i);
  }
  let mantissa = 0;
  let significant = 0;
  let digits = 0;
  let exponent = 0;
  while (c >= 48 && c <= 57) {
    if (mantissa !== 0 || c !== 48) significant++;
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    if (++i === end) break;
    c = s.charCodeAt(i);
  }
  let decimal = false;
  if (i < end && c === 46) {
    decimal = true;
    i++;
    c = i < end ? s.charCodeAt(i) : -1;
    while (c >= 48 && c <= 57) {
      if (mantissa !== 0 || c !== 48) significant++;
      mantissa = mantissa * 10 + (c - 48);
      exponent--;
      digits++;
      if (++i === end) break;
      c = s.charCodeAt(i);
    }
  }
  if (digits === 0) return infinity(s, first, end);
  if (i < end && (c === 101 || c === 69)) {
    decimal = true;
    if (++i === end) return NaN;
    c = s.charCodeAt(i);
    let expNegative = false;
    if (c === 45 || c === 43) {
      expNegative = c === 45;
      if (++i === end) return NaN;
      c = s.charCodeAt(i);
    }
    let e = 0;
    let expDigits = 0;
    while (c >= 48 && c <= 57) {
      if (e < 100_000) e = e * 10 + (c - 48);
      expDigits++;
      if (++i === end) break;
      c = s.charCodeAt(i);
    }
    if (expDigits === 0) return NaN;
    exponent += expNegative ? -e : e;
  }
  if (i !== end) return NaN;
  scanned.kind = decimal ? DECIMAL : INTEGER;
  if (significant > 15 || exponent > 22 || exponent < -22) return Number(s.slice(first, end));
  const v = exponent < 0 ? mantissa / POW10[-exponent]! : mantissa * POW10[exponent]!;
  return negative ? -v : v;
}

const INFINITIES = new Map([
  ['inf', Infinity],
  ['+inf', Infinity],
  ['-inf', -Infinity],
  ['infinity', Infinity],
  ['+infinity', Infinity],
  ['-infinity', -Infinity],
]);

function infinity(s: string, start: number, end: number): number {
  if (end - start > 9) return NaN;
  const v = INFINITIES.get(s.slice(start, end).toLowerCase());
  if (v === undefined) return NaN;
  scanned.kind = DECIMAL;
  return v;
}

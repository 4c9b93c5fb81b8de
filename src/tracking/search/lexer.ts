// Tokens of MLflow's search syntax, shared by filters and order-by clauses.
//
// An identifier is lexed whole — `metrics.f1`, `` metrics.`f1 score` ``, `tags.mlflow.runName` —
// because its key may contain dots, spaces or keywords (`params.and` is a param named "and"); only
// a bare word that is not followed by a dot can be a keyword. The lexer does not decide whether an
// entity or attribute name is valid: that is identifiers.ts, so it can name the bad part.

import { syntaxError } from './syntax-error';

export type Keyword = 'AND' | 'OR' | 'NOT' | 'IN' | 'LIKE' | 'ILIKE';
export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=';

interface Span {
  /** Source text of the token, quotes included. */
  text: string;
  start: number;
  end: number;
}

export interface IdentToken extends Span {
  kind: 'ident';
  /** The part before the first dot (`metrics`), or null for a bare name such as `status`. */
  prefix: string | null;
  /** Everything after the first dot, unquoted; for a bare name, the name itself. */
  key: string;
  keyStart: number;
}

export type Token =
  | IdentToken
  | (Span & { kind: 'string'; value: string })
  | (Span & { kind: 'number'; value: number })
  | (Span & { kind: 'keyword'; keyword: Keyword })
  | (Span & { kind: 'op'; op: Operator })
  | (Span & { kind: '(' | ')' | ',' | 'eof' });

const KEYWORDS = new Set<string>(['AND', 'OR', 'NOT', 'IN', 'LIKE', 'ILIKE']);
const WORD_START = /[\p{L}_]/u;
const WORD_PART = /[\p{L}\p{N}_]/u;
// A bare key may contain dots (`tags.mlflow.runName`); anything else (spaces, `-`, `/`) needs quotes,
// as in MLflow.
const KEY_PART = /[\p{L}\p{N}_.]/u;
const NUMBER = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const SPACE = /\s/;

export function lex(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (SPACE.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch, text: ch, start, end: ++i });
      continue;
    }
    const op = readOperator(source, i);
    if (op) {
      i += op.length;
      tokens.push({ kind: 'op', op, text: op, start, end: i });
      continue;
    }
    if (ch === "'" || ch === '"') {
      const { value, end } = readString(source, i);
      i = end;
      tokens.push({ kind: 'string', value, text: source.slice(start, end), start, end });
      continue;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(source);
    if (number) {
      i += number[0].length;
      tokens.push({ kind: 'number', value: Number(number[0]), text: number[0], start, end: i });
      continue;
    }
    if (ch === '`' || WORD_START.test(ch)) {
      const token = readIdentifier(source, i);
      i = token.end;
      tokens.push(token);
      continue;
    }
    throw syntaxError(`Unexpected character '${ch}'`, i);
  }
  tokens.push({ kind: 'eof', text: '', start: source.length, end: source.length });
  return tokens;
}

function readOperator(source: string, i: number): Operator | null {
  const two = source.slice(i, i + 2);
  if (two === '!=' || two === '<=' || two === '>=') return two;
  const one = source[i];
  if (one === '=' || one === '<' || one === '>') return one;
  return null;
}

/**
 * A quoted string from `source[start]` (the quote) to its closing quote. A doubled quote (`'it''s'`)
 * or a backslash before the quote or another backslash stands for that character, so any value can
 * be written; other backslashes are kept, as MLflow keeps them.
 */
function readString(source: string, start: number): { value: string; end: number } {
  const quote = source[start]!;
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i]!;
    const next = source[i + 1];
    if (ch === '\\' && (next === quote || next === '\\')) {
      value += next;
      i += 2;
    } else if (ch === quote && next === quote) {
      value += quote;
      i += 2;
    } else if (ch === quote) {
      return { value, end: i + 1 };
    } else {
      value += ch;
      i++;
    }
  }
  throw syntaxError(`Unterminated string: no closing ${quote} for the quote`, start);
}

/**
 * A bare name made of `part` characters, or a name in one of `quotes`: backquotes take no escapes (as
 * MLflow), `'` and `"` are read as strings.
 */
function readName(
  source: string,
  start: number,
  part: RegExp,
  quotes: string,
): { name: string; end: number; quoted: boolean } {
  const quote = source[start];
  if (quote === '`' && quotes.includes(quote)) {
    const close = source.indexOf('`', start + 1);
    if (close < 0) throw syntaxError('Unterminated string: no closing ` for the quote', start);
    return { name: source.slice(start + 1, close), end: close + 1, quoted: true };
  }
  if ((quote === "'" || quote === '"') && quotes.includes(quote)) {
    const { value, end } = readString(source, start);
    return { name: value, end, quoted: true };
  }
  let end = start;
  while (end < source.length && part.test(source[end]!)) end++;
  return { name: source.slice(start, end), end, quoted: false };
}

function readIdentifier(source: string, start: number): Token {
  const head = readName(source, start, WORD_PART, '`');
  if (source[head.end] !== '.') {
    const upper = head.name.toUpperCase();
    const text = source.slice(start, head.end);
    if (!head.quoted && KEYWORDS.has(upper)) {
      return { kind: 'keyword', keyword: upper as Keyword, text, start, end: head.end };
    }
    return { kind: 'ident', prefix: null, key: head.name, keyStart: start, text, start, end: head.end };
  }
  const keyStart = head.end + 1;
  const key = readName(source, keyStart, KEY_PART, '`"\'');
  const text = source.slice(start, key.end);
  return { kind: 'ident', prefix: head.name, key: key.name, keyStart, text, start, end: key.end };
}

import { describe, it, expect } from 'vitest';
import { lex, type Token } from '../../../src/tracking/search/lexer';

/** Kind plus the one field that matters for each kind, to keep expectations short. */
function summary(token: Token): unknown {
  switch (token.kind) {
    case 'ident':
      return ['ident', token.prefix, token.key, token.start, token.keyStart];
    case 'string':
    case 'number':
      return [token.kind, token.value, token.start];
    case 'keyword':
      return ['keyword', token.keyword, token.start];
    case 'op':
      return ['op', token.op, token.start];
    default:
      return [token.kind, token.start];
  }
}

const lexed = (source: string) => lex(source).map(summary);

describe('lex', () => {
  it('splits a comparison joined by a keyword, with offsets', () => {
    expect(lexed("metrics.rmse <= 0.5 and params.alpha != '0.02'")).toEqual([
      ['ident', 'metrics', 'rmse', 0, 8],
      ['op', '<=', 13],
      ['number', 0.5, 16],
      ['keyword', 'AND', 20],
      ['ident', 'params', 'alpha', 24, 31],
      ['op', '!=', 37],
      ['string', '0.02', 40],
      ['eof', 46],
    ]);
  });

  it('keeps dots in a bare key: the key is everything after the first dot', () => {
    expect(lexed('tags.mlflow.runName')[0]).toEqual(['ident', 'tags', 'mlflow.runName', 0, 5]);
  });

  it('reads backquoted, double-quoted and single-quoted keys', () => {
    expect(lexed('metrics.`f1 score`')[0]).toEqual(['ident', 'metrics', 'f1 score', 0, 8]);
    expect(lexed('metrics."f1 score"')[0]).toEqual(['ident', 'metrics', 'f1 score', 0, 8]);
    expect(lexed("params.'my param'")[0]).toEqual(['ident', 'params', 'my param', 0, 7]);
    expect(lexed('`Run Name`')[0]).toEqual(['ident', null, 'Run Name', 0, 0]);
  });

  it('treats keywords case-insensitively, but not inside an identifier', () => {
    expect(lexed('Or nOt In LiKe ilike AND').map((t) => (t as unknown[])[1])).toEqual([
      'OR',
      'NOT',
      'IN',
      'LIKE',
      'ILIKE',
      'AND',
      24,
    ]);
    expect(lexed('params.and')[0]).toEqual(['ident', 'params', 'and', 0, 7]);
    expect(lexed('status')[0]).toEqual(['ident', null, 'status', 0, 0]);
  });

  it('reads signed, fractional and exponent numbers', () => {
    expect(lexed('-1.5e3 .5 7 1E-2').slice(0, 4)).toEqual([
      ['number', -1500, 0],
      ['number', 0.5, 7],
      ['number', 7, 10],
      ['number', 0.01, 12],
    ]);
  });

  it('unescapes doubled quotes and backslash-quote, keeps other backslashes', () => {
    expect(lexed(`'it''s' 'a\\'b' "say \\"hi\\"" 'c\\\\d' 'e\\d'`).slice(0, 5)).toEqual([
      ['string', "it's", 0],
      ['string', "a'b", 8],
      ['string', 'say "hi"', 15],
      ['string', 'c\\d', 28],
      ['string', 'e\\d', 35],
    ]);
  });

  it('lexes parentheses and commas of an IN list', () => {
    expect(lexed("run_id IN ('a','b')").map((t) => (t as unknown[])[0])).toEqual([
      'ident',
      'keyword',
      '(',
      'string',
      ',',
      'string',
      ')',
      'eof',
    ]);
  });
});

// Filter string → AST, by recursive descent over the lexer's tokens.
//
//   filter     := or EOF
//   or         := and (OR and)*
//   and        := unary (AND unary)*              AND binds tighter than OR, as in SQL
//   unary      := NOT unary | '(' or ')' | comparison
//   comparison := identifier comparator value
//   comparator := = | != | < | <= | > | >= | LIKE | ILIKE | IN | NOT IN
//   value      := number | quoted string | '(' quoted string (',' quoted string)* ')'   (IN lists)
//
// MLflow itself accepts only comparisons joined by AND; OR, NOT and parentheses are Kiroku's
// additions. Which comparators and value types an identifier accepts follows MLflow's SearchUtils,
// and the messages reuse its wording, each followed by the offset of the offending token.

import type { Clause, Comparator, FilterNode, ListComparator, NumericComparator, StringComparator } from './ast';
import { resolveIdentifier, type Identifier } from './identifiers';
import { lex, type IdentToken, type Token } from './lexer';
import { syntaxError } from './syntax-error';

const NUMERIC_COMPARATORS: readonly Comparator[] = ['=', '!=', '<', '<=', '>', '>='];
// MLflow allows IN / NOT IN only for run_id and dataset fields; Kiroku allows them for every
// string-valued identifier (params, tags, string attributes, datasets).
const STRING_COMPARATORS: readonly Comparator[] = ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'];

const CLAUSES = 'Invalid clause(s) in filter string';
const COMPARISON = 'Invalid comparison clause';
const LIST = 'While parsing a list in the query, expected a non-empty list of string values, but got';

export function parseFilter(filter: string): FilterNode {
  return new Parser(lex(filter)).parse();
}

/** How an error names the token it found; a quoted string already shows its quotes. */
function describe(token: Token): string {
  if (token.kind === 'eof') return 'end of filter';
  return token.kind === 'string' ? token.text : `'${token.text}'`;
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): FilterNode {
    const node = this.parseOr();
    const rest = this.peek();
    if (rest.kind === ')') {
      throw syntaxError(`${CLAUSES}: unbalanced parentheses, ')' has no matching '('`, rest.start);
    }
    if (rest.kind !== 'eof') throw syntaxError(`${CLAUSES}: ${describe(rest)}`, rest.start);
    return node;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return token.kind === 'keyword' && token.keyword === keyword;
  }

  private parseOr(): FilterNode {
    const children = [this.parseAnd()];
    while (this.isKeyword(this.peek(), 'OR')) {
      this.next();
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  }

  private parseAnd(): FilterNode {
    const children = [this.parseUnary()];
    while (this.isKeyword(this.peek(), 'AND')) {
      this.next();
      children.push(this.parseUnary());
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  }

  private parseUnary(): FilterNode {
    const previous = this.index > 0 ? this.tokens[this.index - 1] : undefined;
    const token = this.next();
    if (this.isKeyword(token, 'NOT')) {
      return { kind: 'not', child: this.parseUnary(), position: token.start };
    }
    if (token.kind === '(') {
      const inner = this.parseOr();
      const close = this.peek();
      if (close.kind === 'eof') {
        throw syntaxError(`${CLAUSES}: unbalanced parentheses, '(' is never closed`, token.start);
      }
      if (close.kind !== ')') throw syntaxError(`${CLAUSES}: ${describe(close)}`, close.start);
      this.next();
      return inner;
    }
    if (token.kind === 'ident') return this.parseComparison(token);
    const after = previous ? ` after '${previous.text}'` : '';
    throw syntaxError(`${CLAUSES}: expected a comparison${after}, found ${describe(token)}`, token.start);
  }

  private parseComparison(identToken: IdentToken): Clause {
    const id = resolveIdentifier(identToken);
    const { comparator, token: comparatorToken } = this.parseComparator(identToken);
    const allowed = id.numeric ? NUMERIC_COMPARATORS : STRING_COMPARATORS;
    if (!allowed.includes(comparator)) {
      throw syntaxError(
        `Invalid comparator '${comparator}' for ${label(id)} (expected one of ${allowed.join(', ')})`,
        comparatorToken.start,
      );
    }
    const base = { entity: id.entity, key: id.key, position: identToken.start };
    if (comparator === 'IN' || comparator === 'NOT IN') {
      return { kind: 'list', ...base, comparator, values: this.parseList(comparator) };
    }
    const value = this.next();
    if (value.kind !== 'number' && value.kind !== 'string' && value.kind !== 'ident') {
      throw syntaxError(
        `${COMPARISON}. Expected a value after '${comparatorToken.text}', found ${describe(value)}`,
        value.start,
      );
    }
    if (id.numeric) {
      if (value.kind !== 'number') throw syntaxError(numberExpected(id, value.text), value.start);
      // resolveIdentifier marks only metrics and numeric attributes as numeric.
      const entity = base.entity as 'metric' | 'attribute';
      return { kind: 'number', ...base, entity, comparator: comparator as NumericComparator, value: value.value };
    }
    if (value.kind !== 'string') throw syntaxError(stringExpected(id, value.text), value.start);
    return { kind: 'string', ...base, comparator: comparator as StringComparator, value: value.value };
  }

  private parseComparator(identToken: IdentToken): { comparator: Comparator; token: Token } {
    const token = this.next();
    if (token.kind === 'op') return { comparator: token.op, token };
    if (token.kind === 'keyword') {
      if (token.keyword === 'LIKE' || token.keyword === 'ILIKE' || token.keyword === 'IN') {
        return { comparator: token.keyword, token };
      }
      if (token.keyword === 'NOT' && this.isKeyword(this.peek(), 'IN')) {
        this.next();
        return { comparator: 'NOT IN', token };
      }
    }
    throw syntaxError(
      `${COMPARISON}. Expected a comparator after '${identToken.text}', found ${describe(token)}`,
      token.start,
    );
  }

  /** `('a', 'b')`: at least one quoted string. */
  private parseList(comparator: ListComparator): string[] {
    const open = this.next();
    if (open.kind !== '(') {
      throw syntaxError(
        `${COMPARISON}. Expected a list of quoted strings such as ('a', 'b') after ${comparator}, ` +
          `found ${describe(open)}`,
        open.start,
      );
    }
    if (this.peek().kind === ')') throw syntaxError(`${LIST} empty list`, open.start);
    const values: string[] = [];
    for (;;) {
      const item = this.next();
      if (item.kind !== 'string') {
        throw syntaxError(`${LIST} ill-formed list: expected a quoted string, found ${describe(item)}`, item.start);
      }
      values.push(item.value);
      const separator = this.next();
      if (separator.kind === ')') return values;
      if (separator.kind !== ',') {
        throw syntaxError(
          `${LIST} ill-formed list: expected ',' or ')', found ${describe(separator)}`,
          separator.start,
        );
      }
    }
  }
}

/** How comparator errors name the identifier: "metrics", "params", "numeric attribute 'start_time'". */
function label(id: Identifier): string {
  switch (id.entity) {
    case 'metric':
      return 'metrics';
    case 'param':
      return 'params';
    case 'tag':
      return 'tags';
    case 'dataset':
      return `dataset attribute '${id.key}'`;
    case 'attribute':
      return `${id.numeric ? 'numeric' : 'string'} attribute '${id.key}'`;
  }
}

function numberExpected(id: Identifier, found: string): string {
  return id.entity === 'metric'
    ? `Expected numeric value type for metric. Found ${found}`
    : `Expected numeric value type for numeric attribute: ${id.key}. Found ${found}`;
}

function stringExpected(id: Identifier, found: string): string {
  switch (id.entity) {
    case 'param':
      return `Expected a quoted string value for parameter (e.g. 'my-value'). Got value ${found}`;
    case 'tag':
      return `Expected a quoted string value for tag (e.g. 'my-value'). Got value ${found}`;
    case 'dataset':
      return `Expected a quoted string value for dataset attributes. Got value ${found}`;
    default:
      return `Expected a quoted string value for attributes. Got value ${found}`;
  }
}

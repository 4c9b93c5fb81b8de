// The search side of MLflow's API: filter strings (MLflow's SQL-like grammar: clauses joined by AND,
// no OR, no parentheses), order_by terms, and offset page tokens (base64 of `{"offset": n}`, as
// mlflow/utils/search_utils.py writes them). Each search endpoint says which identifiers it knows and
// how an entity answers them; the grammar and the comparisons are shared.
import { invalid } from './errors';

export type Scalar = string | number;

type Comparator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'ILIKE' | 'NOT LIKE' | 'NOT ILIKE' | 'IN' | 'NOT IN';

export interface Clause {
  /** e.g. 'attribute', 'metric', 'param', 'tag', 'dataset'. */
  type: string;
  key: string;
  op: Comparator;
  value: Scalar | string[];
}

export interface SearchSpec<T> {
  /** Identifier prefix (lower case, '' for none) → entity type, e.g. `metrics` → 'metric'. */
  types: Record<string, string>;
  /** The attribute keys the endpoint accepts. */
  attributes: string[];
  /** The values of `type.key` on an entity: none when it has no such key, several for datasets. */
  lookup: (entity: T, type: string, key: string) => Scalar[];
}

// An identifier: an optional `prefix.` and a key, bare or quoted with backticks or double quotes.
const IDENTIFIER = /^\s*(?:([A-Za-z_]+)\.)?(`[^`]+`|"[^"]+"|[\w./-]+)/;
const COMPARATOR = /^\s*(!=|<=|>=|=|<|>|(?:NOT\s+)?(?:ILIKE|LIKE|IN)\b)/i;
const STRING = `'(?:[^'\\\\]|\\\\.)*'|"(?:[^"\\\\]|\\\\.)*"`;
const VALUE = new RegExp(`^\\s*(${STRING}|-?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)`);
const VALUE_LIST = new RegExp(`^\\s*\\(\\s*((?:${STRING})(?:\\s*,\\s*(?:${STRING}))*)\\s*\\)`);

const unquote = (s: string) => (/^['"`]/.test(s) ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s);

function identifier<T>(
  prefix: string | undefined,
  rawKey: string,
  spec: SearchSpec<T>,
  whole: string,
): { type: string; key: string } {
  const type = spec.types[(prefix ?? '').toLowerCase()];
  if (!type) {
    throw invalid(
      `Invalid entity type '${prefix ?? rawKey}'. Valid values ` +
        `are ${JSON.stringify(Object.keys(spec.types).filter(Boolean))}`,
    );
  }
  const key = unquote(rawKey);
  if (type === 'attribute' && !spec.attributes.includes(key)) {
    throw invalid(
      `Invalid attribute key '${key}' specified. Valid keys are '${spec.attributes.join("', '")}' (in '${whole}')`,
    );
  }
  return { type, key };
}

export function parseFilter<T>(filter: string | undefined, spec: SearchSpec<T>): Clause[] {
  if (!filter?.trim()) return [];
  const unparsable = () => invalid(`Invalid filter '${filter}'. Could not be parsed.`);
  const clauses: Clause[] = [];
  let rest = filter;
  for (;;) {
    const id = IDENTIFIER.exec(rest);
    if (!id) throw unparsable();
    rest = rest.slice(id[0].length);
    const { type, key } = identifier(id[1], id[2]!, spec, filter);
    const cmp = COMPARATOR.exec(rest);
    if (!cmp) throw unparsable();
    rest = rest.slice(cmp[0].length);
    const op = cmp[1]!.toUpperCase().replace(/\s+/g, ' ') as Comparator;
    let value: Scalar | string[];
    if (op === 'IN' || op === 'NOT IN') {
      const items = VALUE_LIST.exec(rest);
      if (!items) throw unparsable();
      rest = rest.slice(items[0].length);
      value = items[1]!.match(new RegExp(STRING, 'g'))!.map(unquote);
    } else {
      const v = VALUE.exec(rest);
      if (!v) throw unparsable();
      rest = rest.slice(v[0].length);
      value = /^['"]/.test(v[1]!) ? unquote(v[1]!) : Number(v[1]);
    }
    if (type === 'metric' && typeof value !== 'number')
      throw invalid(`Expected numeric value type for metric. Found ${JSON.stringify(value)}`);
    clauses.push({ type, key, op, value });
    if (/^\s*$/.test(rest)) return clauses;
    const and = /^\s*AND\s+/i.exec(rest);
    if (!and) throw unparsable(); // OR and parentheses are not MLflow's grammar either
    rest = rest.slice(and[0].length);
  }
}

function likePattern(pattern: string, caseInsensitive: boolean): RegExp {
  const body = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
}

function compare(a: Scalar, b: Scalar): number {
  if (typeof a === 'number' || typeof b === 'number') return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

function satisfies(actual: Scalar, c: Clause): boolean {
  const v = c.value;
  switch (c.op) {
    case 'IN':
      return (v as string[]).includes(String(actual));
    case 'NOT IN':
      return !(v as string[]).includes(String(actual));
    case 'LIKE':
      return likePattern(String(v), false).test(String(actual));
    case 'ILIKE':
      return likePattern(String(v), true).test(String(actual));
    case 'NOT LIKE':
      return !likePattern(String(v), false).test(String(actual));
    case 'NOT ILIKE':
      return !likePattern(String(v), true).test(String(actual));
  }
  const d = compare(actual, v as Scalar);
  if (Number.isNaN(d)) return false;
  switch (c.op) {
    case '=':
      return d === 0;
    case '!=':
      return d !== 0;
    case '<':
      return d < 0;
    case '<=':
      return d <= 0;
    case '>':
      return d > 0;
    default:
      return d >= 0;
  }
}

/** Every clause holds; an entity without the key never matches (SQL join semantics, even for !=). */
export function matches<T>(entity: T, clauses: Clause[], spec: SearchSpec<T>): boolean {
  return clauses.every((c) => spec.lookup(entity, c.type, c.key).some((actual) => satisfies(actual, c)));
}

export interface OrderTerm {
  type: string;
  key: string;
  ascending: boolean;
}

export function parseOrderBy<T>(orderBy: string[], spec: SearchSpec<T>): OrderTerm[] {
  return orderBy.map((term) => {
    const m = /^\s*(?:([A-Za-z_]+)\.)?(`[^`]+`|"[^"]+"|[\w./-]+)\s*(ASC|DESC)?\s*$/i.exec(term);
    if (!m) throw invalid(`Invalid order_by clause '${term}'. Could not be parsed.`);
    const { type, key } = identifier(m[1], m[2]!, spec, term);
    return { type, key, ascending: (m[3] ?? 'ASC').toUpperCase() === 'ASC' };
  });
}

/** A stable sort by the terms in order; entities without a value sort last either way, as in MLflow. */
export function sortBy<T>(items: T[], terms: OrderTerm[], spec: SearchSpec<T>): T[] {
  return [...items].sort((x, y) => {
    for (const t of terms) {
      const a = spec.lookup(x, t.type, t.key)[0];
      const b = spec.lookup(y, t.type, t.key)[0];
      if (a === undefined || b === undefined) {
        if (a !== b) return a === undefined ? 1 : -1;
        continue;
      }
      const d = compare(a, b);
      if (d !== 0 && !Number.isNaN(d)) return t.ascending ? d : -d;
    }
    return 0;
  });
}

// Python's json.dumps spacing, so the token is byte for byte what MLflow sends.
export const pageToken = (offset: number) => Buffer.from(`{"offset": ${offset}}`).toString('base64');

export function parsePageToken(token: unknown): number {
  if (token === undefined || token === null || token === '') return 0;
  const text = Buffer.from(String(token), 'base64').toString();
  let offset: unknown;
  try {
    offset = (JSON.parse(text) as { offset?: unknown }).offset;
  } catch {
    throw invalid('Invalid page token, could not base64-decode');
  }
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0)
    throw invalid(`Invalid page token, decoded value=${text}`);
  return offset;
}

/**
 * One page from `offset`. MLflow's stores differ on when they hand out a next token: runs/search
 * whenever the page is full (so the last page may come back empty), the other searches only when
 * another item exists (they fetch max_results + 1).
 */
export function paginate<T>(
  items: T[],
  offset: number,
  max: number,
  rule: 'when-full' | 'when-more',
): { page: T[]; next?: string } {
  const page = items.slice(offset, offset + max);
  const more = rule === 'when-full' ? page.length === max : offset + max < items.length;
  return more ? { page, next: pageToken(offset + max) } : { page };
}

/**
 * max_results checks of the SQLAlchemy stores. The experiments search and the registry searches word
 * "too many" differently; both are MLflow's.
 */
export function checkMaxResults(max: number, threshold: number, wording: 'experiments' | 'registry'): void {
  if (!Number.isInteger(max) || max < 1)
    throw invalid(`Invalid value for max_results. It must be a positive integer, but got ${max}`);
  if (max <= threshold) return;
  throw invalid(
    wording === 'experiments'
      ? `Invalid value for max_results. It must be at most ${threshold}, but got ${max}`
      : `Invalid value for request parameter max_results. It must be at most ${threshold}, but got value ${max}`,
  );
}

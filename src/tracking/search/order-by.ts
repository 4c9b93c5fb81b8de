// MLflow's order_by for search_runs: each clause is `<identifier> [ASC|DESC]`, the identifier
// written as in filters (`metrics.rmse`, `` metrics.`my metric` ``, `start_time`). Clauses apply in
// turn; after them come MLflow's default order, `start_time DESC, run_id`, so the result is total.
//
// Missing values sort last whichever the direction, and NaN metrics just before them, as MLflow's
// stores do (SqlAlchemyStore orders by "is NaN / is null" first). Params and tags compare as strings
// ('10' < '9'), as MLflow stores them.

import type { Run } from '../entities';
import { runGetter, type Getter, type RunValue } from './accessors';
import type { EntityType } from './ast';
import { resolveIdentifier } from './identifiers';
import { lex } from './lexer';
import { syntaxError } from './syntax-error';

export interface OrderByClause {
  entity: Exclude<EntityType, 'dataset'>;
  /** As in filter clauses: the key as written, or MLflow's canonical attribute name. */
  key: string;
  ascending: boolean;
}

export type RunComparator = (a: Run, b: Run) => number;

export function parseOrderBy(clause: string): OrderByClause {
  const unparsable = (position: number) =>
    syntaxError(`Invalid order_by clause '${clause}'. Could not be parsed`, position);
  const [ident, direction, rest] = lex(clause);
  if (ident?.kind !== 'ident') throw unparsable(ident?.start ?? 0);
  const id = resolveIdentifier(ident);
  if (id.entity === 'dataset') {
    throw syntaxError(`Invalid order_by entity type '${ident.prefix}'`, ident.start);
  }
  if (!direction || direction.kind === 'eof') return { entity: id.entity, key: id.key, ascending: true };
  if (direction.kind !== 'ident' && direction.kind !== 'keyword') throw unparsable(direction.start);
  const word = direction.text.toUpperCase();
  if (word !== 'ASC' && word !== 'DESC') {
    throw syntaxError(`Invalid ordering key in order_by clause '${clause}'`, direction.start);
  }
  if (rest && rest.kind !== 'eof') throw unparsable(rest.start);
  return { entity: id.entity, key: id.key, ascending: word === 'ASC' };
}

/** Missing values last, then NaN, in either direction. */
function rank(value: RunValue): number {
  if (value === undefined) return 2;
  return Number.isNaN(value) ? 1 : 0;
}

function compareValues(a: RunValue, b: RunValue, direction: number): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra !== 0) return 0;
  return a! < b! ? -direction : a! > b! ? direction : 0;
}

/** MLflow's natural order of runs: newest first, then run id. */
export function defaultRunOrder(a: Run, b: Run): number {
  const byStart = b.info.startTime - a.info.startTime;
  if (byStart !== 0) return byStart;
  return a.info.runId < b.info.runId ? -1 : a.info.runId > b.info.runId ? 1 : 0;
}

export function compileOrderBy(orderBy: readonly string[] | undefined): RunComparator {
  const keys: { get: Getter; direction: number }[] = (orderBy ?? []).map((clause) => {
    const { entity, key, ascending } = parseOrderBy(clause);
    return { get: runGetter(entity, key), direction: ascending ? 1 : -1 };
  });
  if (keys.length === 0) return defaultRunOrder;
  return (a, b) => {
    for (const { get, direction } of keys) {
      const order = compareValues(get(a), get(b), direction);
      if (order !== 0) return order;
    }
    return defaultRunOrder(a, b);
  };
}

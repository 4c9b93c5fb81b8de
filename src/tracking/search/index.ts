// Search over runs with MLflow's filter and order_by syntax, compiled once into closures so a table
// of 10,000+ runs can be filtered and sorted on every keystroke.
//
// Accepted beyond MLflow's search_runs (everything MLflow accepts means the same here):
// - OR, NOT and parentheses; AND binds tighter than OR. NOT is a plain complement, so
//   `NOT (metrics.a > 1)` matches runs that never logged `a`.
// - IN / NOT IN for params, tags and every string attribute (MLflow: run_id and datasets only).
// - In quoted strings, a doubled quote or a backslash-escaped quote/backslash stands for itself.
// - LIKE treats regex characters literally everywhere (MLflow's file store does not).

import type { Run } from '../entities';
import { toPredicate, type RunPredicate } from './evaluate';
import { parseFilter } from './parser';

export type {
  AndNode,
  Clause,
  Comparator,
  EntityType,
  FilterNode,
  ListClause,
  ListComparator,
  NotNode,
  NumberClause,
  NumericComparator,
  OrNode,
  StringClause,
  StringComparator,
} from './ast';
export type { RunPredicate } from './evaluate';
export { toPredicate } from './evaluate';
export { parseFilter } from './parser';
export { compileOrderBy, defaultRunOrder, parseOrderBy, type OrderByClause, type RunComparator } from './order-by';

const matchAll: RunPredicate = () => true;

/** An absent or blank filter matches every run, as in MLflow; anything else must parse. */
export function compileFilter(filter: string | undefined): (run: Run) => boolean {
  if (filter === undefined || filter.trim() === '') return matchAll;
  return toPredicate(parseFilter(filter));
}

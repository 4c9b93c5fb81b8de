// AST → predicate over runs. Everything that depends only on the filter (which field to read, which
// comparison, LIKE regexes, IN sets) is decided here once, so the returned closure does no parsing,
// no switching on comparators and no allocation per run.
//
// As in MLflow, a clause never matches a run that lacks the value, not even with `!=` or `NOT IN`
// (MLflow's SQL stores join on the key, so a missing key yields no row). NOT (...) is the plain
// complement of its operand, so it does match such runs.

import type { DatasetInput, Run } from '../entities';
import { datasetField, runGetter } from './accessors';
import type { Clause, FilterNode, NumericComparator, StringComparator } from './ast';
import { likePattern } from './like';

export type RunPredicate = (run: Run) => boolean;

export function toPredicate(node: FilterNode): RunPredicate {
  switch (node.kind) {
    case 'and':
      return allOf(node.children.map(toPredicate));
    case 'or':
      return anyOf(node.children.map(toPredicate));
    case 'not': {
      const child = toPredicate(node.child);
      return (run) => !child(run);
    }
    default:
      return clausePredicate(node);
  }
}

function allOf(predicates: RunPredicate[]): RunPredicate {
  return (run) => {
    for (const predicate of predicates) if (!predicate(run)) return false;
    return true;
  };
}

function anyOf(predicates: RunPredicate[]): RunPredicate {
  return (run) => {
    for (const predicate of predicates) if (predicate(run)) return true;
    return false;
  };
}

function clausePredicate(clause: Clause): RunPredicate {
  if (clause.kind === 'number') {
    const get = runGetter(clause.entity, clause.key);
    const test = numberTest(clause.comparator, clause.value);
    return (run) => {
      const value = get(run);
      return typeof value === 'number' && test(value);
    };
  }
  const test = stringTest(clause);
  if (clause.entity === 'dataset') {
    const field = datasetField(clause.key);
    // Any logged input with a matching field, as MLflow's `any(...)` over dataset inputs.
    const matchesInput = (input: DatasetInput) => {
      const value = field(input);
      return value !== undefined && test(value);
    };
    return (run) => (run.inputs?.datasetInputs ?? []).some(matchesInput);
  }
  const get = runGetter(clause.entity, clause.key);
  return (run) => {
    const value = get(run);
    return typeof value === 'string' && test(value);
  };
}

function numberTest(comparator: NumericComparator, x: number): (value: number) => boolean {
  switch (comparator) {
    case '=':
      return (value) => value === x;
    case '!=':
      return (value) => value !== x;
    case '<':
      return (value) => value < x;
    case '<=':
      return (value) => value <= x;
    case '>':
      return (value) => value > x;
    case '>=':
      return (value) => value >= x;
  }
}

function stringTest(clause: Exclude<Clause, { kind: 'number' }>): (value: string) => boolean {
  if (clause.kind === 'list') {
    const values = new Set(clause.values);
    return clause.comparator === 'IN' ? (value) => values.has(value) : (value) => !values.has(value);
  }
  return stringComparison(clause.comparator, clause.value);
}

function stringComparison(comparator: StringComparator, x: string): (value: string) => boolean {
  switch (comparator) {
    case '=':
      return (value) => value === x;
    case '!=':
      return (value) => value !== x;
    case 'LIKE':
    case 'ILIKE': {
      const regex = likePattern(x, comparator === 'ILIKE');
      return (value) => regex.test(value);
    }
  }
}

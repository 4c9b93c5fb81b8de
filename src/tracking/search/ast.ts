// The parsed form of a search-runs filter. Clauses are typed by the kind of value they compare
// (number, quoted string, list of quoted strings) so evaluation never has to re-check a value's type,
// and every clause keeps its offset in the filter so a UI can point at it.

/** Canonical entity kinds; the parser maps MLflow's aliases (`metrics.`, `param.`, `run.`, …) onto these. */
export type EntityType = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';

export type NumericComparator = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type StringComparator = '=' | '!=' | 'LIKE' | 'ILIKE';
export type ListComparator = 'IN' | 'NOT IN';
export type Comparator = NumericComparator | StringComparator | ListComparator;

interface ClauseBase {
  entity: EntityType;
  /**
   * Metric/param/tag key as written (quotes removed); for attributes MLflow's snake_case name with
   * aliases resolved (`created` → `start_time`); for datasets `name`, `digest` or `context`.
   */
  key: string;
  /** 0-based offset of the clause's identifier in the filter string. */
  position: number;
}

/** `metrics.rmse < 0.5`, `attributes.start_time >= 1700000000000`. */
export interface NumberClause extends ClauseBase {
  kind: 'number';
  /** Only metrics and the numeric attributes (start_time, end_time) compare as numbers. */
  entity: 'metric' | 'attribute';
  comparator: NumericComparator;
  value: number;
}

/** `params.alpha = '0.02'`, `tags.mlflow.runName LIKE 'train%'`. */
export interface StringClause extends ClauseBase {
  kind: 'string';
  comparator: StringComparator;
  value: string;
}

/** `attributes.run_id IN ('a', 'b')`. */
export interface ListClause extends ClauseBase {
  kind: 'list';
  comparator: ListComparator;
  values: readonly string[];
}

export type Clause = NumberClause | StringClause | ListClause;

/** n-ary so `a AND b AND c` is one node and evaluation is a flat loop. */
export interface AndNode {
  kind: 'and';
  children: FilterNode[];
}

export interface OrNode {
  kind: 'or';
  children: FilterNode[];
}

/** Plain boolean complement: a run lacking the key does not match the clause, so it matches its NOT. */
export interface NotNode {
  kind: 'not';
  child: FilterNode;
  position: number;
}

export type FilterNode = Clause | AndNode | OrNode | NotNode;

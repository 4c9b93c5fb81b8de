import { describe, it, expect } from 'vitest';
import { parseFilter, type FilterNode } from '../../../src/tracking/search';

/** A compact rendering of the tree, so precedence tests read like the filters they check. */
function show(node: FilterNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `(${node.children.map(show).join(` ${node.kind.toUpperCase()} `)})`;
    case 'not':
      return `NOT ${show(node.child)}`;
    case 'list':
      return `${node.entity}:${node.key} ${node.comparator} [${node.values.join(',')}]`;
    default:
      return `${node.entity}:${node.key} ${node.comparator} ${JSON.stringify(node.value)}`;
  }
}

describe('parseFilter', () => {
  it("parses MLflow's documented example into typed clauses with positions", () => {
    expect(parseFilter("metrics.training_r2_score > 0.3 and params.alpha = '0.02'")).toEqual({
      kind: 'and',
      children: [
        { kind: 'number', entity: 'metric', key: 'training_r2_score', comparator: '>', value: 0.3, position: 0 },
        { kind: 'string', entity: 'param', key: 'alpha', comparator: '=', value: '0.02', position: 36 },
      ],
    });
  });

  it('binds AND tighter than OR', () => {
    expect(show(parseFilter("params.a = 'x' OR metrics.m < 1 AND tags.t = 'y'"))).toBe(
      '(param:a = "x" OR (metric:m < 1 AND tag:t = "y"))',
    );
    expect(show(parseFilter("metrics.m < 1 AND tags.t = 'y' OR params.a = 'x'"))).toBe(
      '((metric:m < 1 AND tag:t = "y") OR param:a = "x")',
    );
  });

  it('flattens chains of the same operator into one node', () => {
    expect(
      show(parseFilter('metrics.a = 1 AND metrics.b = 2 AND metrics.c = 3 OR metrics.d = 4 OR metrics.e = 5')),
    ).toBe('((metric:a = 1 AND metric:b = 2 AND metric:c = 3) OR metric:d = 4 OR metric:e = 5)');
  });

  it('lets parentheses override precedence, and ignores redundant ones', () => {
    expect(show(parseFilter("(params.a = 'x' OR metrics.m < 1) AND tags.t = 'y'"))).toBe(
      '((param:a = "x" OR metric:m < 1) AND tag:t = "y")',
    );
    expect(show(parseFilter('((metrics.m < 1))'))).toBe('metric:m < 1');
  });

  it('applies NOT to the next operand only', () => {
    const node = parseFilter("NOT (status = 'FAILED' OR status = 'KILLED') AND user_id = 'alice'");
    expect(show(node)).toBe(
      '(NOT (attribute:status = "FAILED" OR attribute:status = "KILLED") AND attribute:user_id = "alice")',
    );
    expect(node.kind === 'and' && node.children[0]).toMatchObject({ kind: 'not', position: 0 });
    expect(show(parseFilter('not not metrics.m = 1'))).toBe('NOT NOT metric:m = 1');
  });

  it("resolves MLflow's entity aliases", () => {
    const cases: [string, string][] = [
      ['metric.m = 1', 'metric:m = 1'],
      ['metrics.m = 1', 'metric:m = 1'],
      ["param.p = 'v'", 'param:p = "v"'],
      ["params.p = 'v'", 'param:p = "v"'],
      ["parameter.p = 'v'", 'param:p = "v"'],
      ["parameters.p = 'v'", 'param:p = "v"'],
      ["tag.t = 'v'", 'tag:t = "v"'],
      ["tags.t = 'v'", 'tag:t = "v"'],
      ["attribute.status = 'v'", 'attribute:status = "v"'],
      ["attributes.status = 'v'", 'attribute:status = "v"'],
      ["attr.status = 'v'", 'attribute:status = "v"'],
      ["run.status = 'v'", 'attribute:status = "v"'],
      ["status = 'v'", 'attribute:status = "v"'],
      ["dataset.name = 'v'", 'dataset:name = "v"'],
      ["datasets.context = 'v'", 'dataset:context = "v"'],
    ];
    for (const [filter, expected] of cases) expect(show(parseFilter(filter)), filter).toBe(expected);
  });

  it("maps MLflow's attribute aliases to canonical names", () => {
    expect(show(parseFilter('attributes.created > 5'))).toBe('attribute:start_time > 5');
    expect(show(parseFilter('Created > 5'))).toBe('attribute:start_time > 5');
    expect(show(parseFilter("`Run Name` = 'x'"))).toBe('attribute:run_name = "x"');
    expect(show(parseFilter("attributes.`run name` = 'x'"))).toBe('attribute:run_name = "x"');
  });

  it('unquotes keys and string values', () => {
    expect(show(parseFilter('metrics.`f1 score` >= 0.5'))).toBe('metric:f1 score >= 0.5');
    expect(show(parseFilter('metrics."f1 score" >= 0.5'))).toBe('metric:f1 score >= 0.5');
    expect(show(parseFilter('tags.mlflow.runName = "it\'s"'))).toBe('tag:mlflow.runName = "it\'s"');
    expect(show(parseFilter("tags.`mlflow.note.content` LIKE '%x%'"))).toBe('tag:mlflow.note.content LIKE "%x%"');
  });

  it('parses every comparator, uppercasing keyword comparators', () => {
    for (const op of ['=', '!=', '<', '<=', '>', '>=']) {
      expect(show(parseFilter(`metrics.m ${op} -2.5`))).toBe(`metric:m ${op} -2.5`);
    }
    expect(show(parseFilter("params.p like 'a%'"))).toBe('param:p LIKE "a%"');
    expect(show(parseFilter("params.p iLike 'a%'"))).toBe('param:p ILIKE "a%"');
    expect(show(parseFilter('run_id in (\'a\', "b")'))).toBe('attribute:run_id IN [a,b]');
    expect(show(parseFilter("tags.t not in ('a')"))).toBe('tag:t NOT IN [a]');
  });

  it('accepts comparisons written without spaces', () => {
    expect(show(parseFilter("metrics.m>=1and(params.p='x')"))).toBe('(metric:m >= 1 AND param:p = "x")');
  });
});

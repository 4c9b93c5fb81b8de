import { describe, it, expect } from 'vitest';
import { SearchSyntaxError } from '../../../src/lib/errors';
import { compileFilter, parseFilter } from '../../../src/tracking/search';

function errorOf(run: () => unknown): SearchSyntaxError {
  try {
    run();
  } catch (error) {
    if (error instanceof SearchSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a SearchSyntaxError');
}

const ATTRIBUTE_KEYS =
  'run_id, run_name, status, start_time, end_time, artifact_uri, user_id, created, Created, run name, Run name, ' +
  'Run Name';
const STRING_COMPARATORS = '=, !=, LIKE, ILIKE, IN, NOT IN';
const NUMERIC_COMPARATORS = '=, !=, <, <=, >, >=';
const LIST = 'While parsing a list in the query, expected a non-empty list of string values, but got';

// [filter, message without the " at position N" suffix, N]
const CASES: [string, string, number][] = [
  // unknown entity types, attribute and dataset keys, empty keys
  [
    'foo.bar = 1',
    "Invalid entity type 'foo'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']",
    0,
  ],
  [
    'metrics.rmse > 1 AND Metrics.bar = 1',
    "Invalid entity type 'Metrics'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']",
    21,
  ],
  ["attributes.foo = 'x'", `Invalid attribute key 'foo' specified. Valid keys are '${ATTRIBUTE_KEYS}'`, 11],
  ["foo = 'x'", `Invalid attribute key 'foo' specified. Valid keys are '${ATTRIBUTE_KEYS}'`, 0],
  ["datasets.size = 'x'", "Invalid dataset key 'size' specified. Valid keys are 'name, digest, context'", 9],
  [
    'metrics. > 1',
    "Invalid identifier 'metrics.'. Columns should be specified as 'attribute.<key>', 'metric.<key>', 'tag.<key>', " +
      "'dataset.<key>', or 'param.<key>'",
    0,
  ],
  // missing comparator or value
  ['metrics.rmse', "Invalid comparison clause. Expected a comparator after 'metrics.rmse', found end of filter", 12],
  ['metrics.rmse 0.5', "Invalid comparison clause. Expected a comparator after 'metrics.rmse', found '0.5'", 13],
  ['metrics.rmse >', "Invalid comparison clause. Expected a value after '>', found end of filter", 14],
  ["metrics.rmse > AND params.alpha = 'x'", "Invalid comparison clause. Expected a value after '>', found 'AND'", 15],
  ['metrics.rmse == 1', "Invalid comparison clause. Expected a value after '=', found '='", 14],
  // unterminated quotes, stray characters
  ["params.alpha = '0.02", "Unterminated string: no closing ' for the quote", 15],
  ['params.alpha = "0.02', 'Unterminated string: no closing " for the quote', 15],
  ['metrics.`f1 score > 1', 'Unterminated string: no closing ` for the quote', 8],
  ["metrics.rmse > 1 && params.alpha = 'x'", "Unexpected character '&'", 17],
  // comparators that do not fit the identifier's type
  ["metrics.rmse LIKE '0.5'", `Invalid comparator 'LIKE' for metrics (expected one of ${NUMERIC_COMPARATORS})`, 13],
  ["metrics.rmse not in ('1')", `Invalid comparator 'NOT IN' for metrics (expected one of ${NUMERIC_COMPARATORS})`, 13],
  ["params.alpha > '0.5'", `Invalid comparator '>' for params (expected one of ${STRING_COMPARATORS})`, 13],
  ["tags.team <= 'a'", `Invalid comparator '<=' for tags (expected one of ${STRING_COMPARATORS})`, 10],
  [
    "attributes.start_time LIKE '1%'",
    `Invalid comparator 'LIKE' for numeric attribute 'start_time' (expected one of ${NUMERIC_COMPARATORS})`,
    22,
  ],
  [
    "attributes.status < 'X'",
    `Invalid comparator '<' for string attribute 'status' (expected one of ${STRING_COMPARATORS})`,
    18,
  ],
  [
    "datasets.name > 'a'",
    `Invalid comparator '>' for dataset attribute 'name' (expected one of ${STRING_COMPARATORS})`,
    14,
  ],
  // values of the wrong type
  ['params.alpha = 0.02', "Expected a quoted string value for parameter (e.g. 'my-value'). Got value 0.02", 15],
  ['params.alpha = alpha', "Expected a quoted string value for parameter (e.g. 'my-value'). Got value alpha", 15],
  ['tags.team = 1', "Expected a quoted string value for tag (e.g. 'my-value'). Got value 1", 12],
  ['attributes.status = 5', 'Expected a quoted string value for attributes. Got value 5', 20],
  ['datasets.name = 5', 'Expected a quoted string value for dataset attributes. Got value 5', 16],
  ["metrics.rmse > '0.3'", "Expected numeric value type for metric. Found '0.3'", 15],
  ["attributes.start_time > '5'", "Expected numeric value type for numeric attribute: start_time. Found '5'", 24],
  // IN lists
  ['attributes.run_id IN ()', `${LIST} empty list`, 21],
  ["attributes.run_id IN ('a', 1)", `${LIST} ill-formed list: expected a quoted string, found '1'`, 27],
  ["attributes.run_id IN ('a'", `${LIST} ill-formed list: expected ',' or ')', found end of filter`, 25],
  [
    "params.alpha IN '0.5'",
    "Invalid comparison clause. Expected a list of quoted strings such as ('a', 'b') after IN, found '0.5'",
    16,
  ],
  // dangling AND / OR / NOT
  [
    'metrics.rmse > 1 AND',
    "Invalid clause(s) in filter string: expected a comparison after 'AND', found end of filter",
    20,
  ],
  [
    'metrics.rmse > 1 or  ',
    "Invalid clause(s) in filter string: expected a comparison after 'or', found end of filter",
    21,
  ],
  ['AND metrics.rmse > 1', "Invalid clause(s) in filter string: expected a comparison, found 'AND'", 0],
  [
    "metrics.rmse > 1 AND AND params.a = 'x'",
    "Invalid clause(s) in filter string: expected a comparison after 'AND', found 'AND'",
    21,
  ],
  ['NOT', "Invalid clause(s) in filter string: expected a comparison after 'NOT', found end of filter", 3],
  // unbalanced parentheses
  [
    "(metrics.rmse > 1 OR params.alpha = 'x'",
    "Invalid clause(s) in filter string: unbalanced parentheses, '(' is never closed",
    0,
  ],
  [
    "metrics.rmse > 1 AND ((params.alpha = 'x')",
    "Invalid clause(s) in filter string: unbalanced parentheses, '(' is never closed",
    21,
  ],
  ['metrics.rmse > 1)', "Invalid clause(s) in filter string: unbalanced parentheses, ')' has no matching '('", 16],
  ['()', "Invalid clause(s) in filter string: expected a comparison after '(', found ')'", 1],
  // trailing garbage
  ["metrics.rmse > 1 params.alpha = 'x'", "Invalid clause(s) in filter string: 'params.alpha'", 17],
  ['metrics.rmse > 1 2', "Invalid clause(s) in filter string: '2'", 17],
  ["(metrics.rmse > 1 'x')", "Invalid clause(s) in filter string: 'x'", 18],
];

describe('filter syntax errors', () => {
  it.each(CASES)('%s', (filter, message, position) => {
    const error = errorOf(() => compileFilter(filter));
    expect(error.message).toBe(`${message} at position ${position}`);
    expect(error.position).toBe(position);
    expect(error.code).toBe('INVALID_PARAMETER_VALUE');
    expect(error.name).toBe('SearchSyntaxError');
  });

  it('rejects an empty filter in parseFilter (compileFilter treats it as match-all)', () => {
    const error = errorOf(() => parseFilter('  '));
    expect(error.message).toBe(
      'Invalid clause(s) in filter string: expected a comparison, found end of filter at position 2',
    );
    expect(error.position).toBe(2);
  });
});

import { describe, it, expect } from 'vitest';
import { SearchSyntaxError } from '../../../src/lib/errors';
import type { Run } from '../../../src/tracking/entities';
import { compileOrderBy, parseOrderBy } from '../../../src/tracking/search';
import { makeRun, RUNS } from './runs';

// RUNS: a1 start 1000, b2 start 3000, c3 start 2000, d4 start 3000 (see evaluate.test.ts for the rest).
function sorted(orderBy: string[] | undefined, runs: Run[] = RUNS): string[] {
  return [...runs].sort(compileOrderBy(orderBy)).map((run) => run.info.runId);
}

describe('parseOrderBy', () => {
  it('reads identifier and direction, defaulting to ascending', () => {
    expect(parseOrderBy('metrics.rmse')).toEqual({ entity: 'metric', key: 'rmse', ascending: true });
    expect(parseOrderBy('params.alpha desc')).toEqual({ entity: 'param', key: 'alpha', ascending: false });
    expect(parseOrderBy('attributes.start_time DESC')).toEqual({
      entity: 'attribute',
      key: 'start_time',
      ascending: false,
    });
    expect(parseOrderBy('metrics.`my metric` DESC')).toEqual({ entity: 'metric', key: 'my metric', ascending: false });
    expect(parseOrderBy('  tags.mlflow.runName   ASC ')).toEqual({
      entity: 'tag',
      key: 'mlflow.runName',
      ascending: true,
    });
    expect(parseOrderBy('created')).toEqual({ entity: 'attribute', key: 'start_time', ascending: true });
  });

  it.each([
    ['metrics.rmse UP', "Invalid ordering key in order_by clause 'metrics.rmse UP'", 13],
    ['metrics.rmse ASC DESC', "Invalid order_by clause 'metrics.rmse ASC DESC'. Could not be parsed", 17],
    ['metrics.rmse > 1', "Invalid order_by clause 'metrics.rmse > 1'. Could not be parsed", 13],
    ['', "Invalid order_by clause ''. Could not be parsed", 0],
    ["'rmse'", "Invalid order_by clause ''rmse''. Could not be parsed", 0],
    [
      'foo.bar',
      "Invalid entity type 'foo'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']",
      0,
    ],
    ['datasets.name', "Invalid order_by entity type 'datasets'", 0],
    ['metrics.`rmse DESC', 'Unterminated string: no closing ` for the quote', 8],
  ])('rejects %j', (clause, message, position) => {
    let caught: unknown;
    try {
      compileOrderBy(['metrics.rmse', clause]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SearchSyntaxError);
    expect((caught as SearchSyntaxError).message).toBe(`${message} at position ${position}`);
    expect((caught as SearchSyntaxError).position).toBe(position);
  });
});

describe('compileOrderBy', () => {
  it("defaults to MLflow's start_time DESC, then run_id", () => {
    expect(sorted(undefined)).toEqual(['b2', 'd4', 'c3', 'a1']);
    expect(sorted([])).toEqual(['b2', 'd4', 'c3', 'a1']);
  });

  it('sorts metrics both ways, NaN after numbers in both', () => {
    expect(sorted(['metrics.rmse ASC'])).toEqual(['d4', 'a1', 'b2', 'c3']);
    expect(sorted(['metrics.rmse DESC'])).toEqual(['b2', 'a1', 'd4', 'c3']);
  });

  it('puts runs lacking the key last in both directions, in default order among themselves', () => {
    expect(sorted(['metrics.`f1 score`'])).toEqual(['d4', 'a1', 'b2', 'c3']);
    expect(sorted(['metrics.`f1 score` DESC'])).toEqual(['a1', 'd4', 'b2', 'c3']);
    expect(sorted(['attributes.end_time'])).toEqual(['a1', 'c3', 'd4', 'b2']);
    expect(sorted(['attributes.end_time DESC'])).toEqual(['d4', 'c3', 'a1', 'b2']);
  });

  it('puts NaN before missing values', () => {
    const runs = [
      makeRun({ runId: 'x', runName: 'x', status: 'FINISHED', startTime: 3, endTime: 4, userId: 'u' }),
      makeRun({
        runId: 'y',
        runName: 'y',
        status: 'FINISHED',
        startTime: 2,
        endTime: 4,
        userId: 'u',
        metrics: { m: Number.NaN },
      }),
      makeRun({
        runId: 'z',
        runName: 'z',
        status: 'FINISHED',
        startTime: 1,
        endTime: 4,
        userId: 'u',
        metrics: { m: 1 },
      }),
    ];
    expect(sorted(['metrics.m'], runs)).toEqual(['z', 'y', 'x']);
    expect(sorted(['metrics.m DESC'], runs)).toEqual(['z', 'y', 'x']);
  });

  it('breaks ties with start_time DESC, then run_id', () => {
    // a1 and d4 share alpha '0.02': d4 started later, so it comes first either way.
    expect(sorted(['params.alpha'])).toEqual(['d4', 'a1', 'b2', 'c3']);
    expect(sorted(['params.alpha DESC'])).toEqual(['b2', 'd4', 'a1', 'c3']);
    // b2 and d4 share start_time 3000: run_id decides.
    expect(sorted(['attributes.start_time ASC'])).toEqual(['a1', 'c3', 'b2', 'd4']);
    expect(sorted(['created DESC'])).toEqual(['b2', 'd4', 'c3', 'a1']);
  });

  it('applies later clauses only among runs tied on earlier ones', () => {
    expect(sorted(['params.alpha', 'metrics.rmse DESC'])).toEqual(['a1', 'd4', 'b2', 'c3']);
    expect(sorted(['attributes.status DESC', 'attributes.run_name DESC'])).toEqual(['b2', 'a1', 'd4', 'c3']);
  });

  it('compares params and tags as strings, as MLflow stores them', () => {
    const runs = ['9', '10', '100'].map((n, i) =>
      makeRun({
        runId: `r${n}`,
        runName: n,
        status: 'FINISHED',
        startTime: i,
        endTime: null,
        userId: 'u',
        params: { n },
      }),
    );
    expect(sorted(['params.n'], runs)).toEqual(['r10', 'r100', 'r9']);
    expect(sorted(['tags.team'])).toEqual(['a1', 'b2', 'd4', 'c3']);
  });
});

import { describe, it, expect } from 'vitest';
import { compileFilter } from '../../../src/tracking/search';
import { makeRun, matching } from './runs';

// RUNS (see runs.ts), in order:
//   a1  FINISHED  start 1000  end 2000  alice  rmse 0.5  r2 0.4  f1 0.9  alpha '0.02' l1_ratio '0.5'  team 'Vision'
//   b2  RUNNING   start 3000  end null  bob    rmse 0.8  r2 0.2          alpha '0.5'                   team 'nlp'
//   c3  FAILED    start 2000  end 2500  alice  rmse NaN                  (no params)                   (no tags)
//   d4  FINISHED  start 3000  end 4000  carol  rmse 0.3  r2 0.9  f1 0.7  alpha '0.02' hidden '64'      team 'vision'

describe('compileFilter', () => {
  it('matches every run for an absent, empty or blank filter', () => {
    expect(matching(undefined)).toEqual(['a1', 'b2', 'c3', 'd4']);
    expect(matching('')).toEqual(['a1', 'b2', 'c3', 'd4']);
    expect(matching(' \t\n')).toEqual(['a1', 'b2', 'c3', 'd4']);
  });

  it("evaluates MLflow's documented example", () => {
    expect(matching("metrics.training_r2_score > 0.3 and params.alpha = '0.02'")).toEqual(['a1', 'd4']);
  });
});

describe('metrics', () => {
  it.each([
    ['metrics.rmse = 0.5', ['a1']],
    ['metrics.rmse != 0.5', ['b2', 'c3', 'd4']],
    ['metrics.rmse < 0.5', ['d4']],
    ['metrics.rmse <= 0.5', ['a1', 'd4']],
    ['metrics.rmse > 0.5', ['b2']],
    ['metrics.rmse >= 0.5', ['a1', 'b2']],
    ['metrics.rmse > -1e3', ['a1', 'b2', 'd4']],
    ['metric.training_r2_score >= .4', ['a1', 'd4']],
  ])('%s', (filter, expected) => {
    expect(matching(filter)).toEqual(expected);
  });

  it('does not match runs lacking the metric, even with !=', () => {
    expect(matching('metrics.`f1 score` != 0.9')).toEqual(['d4']);
    expect(matching('metrics."f1 score" < 1')).toEqual(['a1', 'd4']);
    expect(matching('metrics.missing != 0')).toEqual([]);
  });

  it('does not mistake Object.prototype members for logged values', () => {
    expect(matching('metrics.constructor != 0')).toEqual([]);
    expect(matching("params.toString != 'x'")).toEqual([]);
    expect(matching("tags.__proto__ != 'x'")).toEqual([]);
  });
});

describe('params', () => {
  it.each([
    ["params.alpha = '0.02'", ['a1', 'd4']],
    ['params.alpha = "0.5"', ['b2']],
    ["params.alpha != '0.02'", ['b2']],
    ["params.alpha LIKE '0.%'", ['a1', 'b2', 'd4']],
    ["params.alpha LIKE '0._2'", ['a1', 'd4']],
    ["params.alpha LIKE '0.0'", []],
    ["params.alpha ILIKE '%5'", ['b2']],
    ["params.alpha IN ('0.5', '9')", ['b2']],
    ["params.alpha NOT IN ('0.5')", ['a1', 'd4']],
    ["param.hidden = '64'", ['d4']],
  ])('%s', (filter, expected) => {
    expect(matching(filter)).toEqual(expected);
  });
});

describe('tags', () => {
  it.each([
    ["tags.team = 'vision'", ['d4']],
    ["tags.team != 'nlp'", ['a1', 'd4']],
    ["tags.team LIKE 'v%'", ['d4']],
    ["tags.team ILIKE 'v%'", ['a1', 'd4']],
    ["tags.team IN ('nlp', 'vision')", ['b2', 'd4']],
    ["tags.team NOT IN ('nlp')", ['a1', 'd4']],
    ["tags.mlflow.runName = 'train-elastic'", ['a1']],
    ["tags.`mlflow.runName` LIKE 'train%'", ['a1']],
  ])('%s', (filter, expected) => {
    expect(matching(filter)).toEqual(expected);
  });

  it('lets % span newlines and treats regex characters literally', () => {
    expect(matching("tags.note LIKE '50% off%'")).toEqual(['b2']);
    expect(matching("tags.note LIKE '%line'")).toEqual(['b2']);
    expect(matching("attributes.run_name LIKE 'eval.run'")).toEqual(['c3']);
    expect(matching("attributes.run_name LIKE 'train.linear'")).toEqual([]);
    expect(matching("attributes.run_name LIKE 'eval_run'")).toEqual(['c3']);
    expect(matching("attributes.run_name LIKE '(train|eval)%'")).toEqual([]);
  });
});

describe('attributes', () => {
  it.each([
    ["attributes.status = 'FINISHED'", ['a1', 'd4']],
    ["status != 'FINISHED'", ['b2', 'c3']],
    ["run.status IN ('RUNNING', 'FAILED')", ['b2', 'c3']],
    ["attr.status NOT IN ('RUNNING')", ['a1', 'c3', 'd4']],
    ["attributes.status LIKE 'F%'", ['a1', 'c3', 'd4']],
    ["attributes.run_name LIKE 'train%'", ['a1', 'b2']],
    ["attributes.run_name ILIKE 'train%'", ['a1', 'b2', 'd4']],
    ["attributes.`Run name` = 'eval.run'", ['c3']],
    ["attributes.run_id = 'b2'", ['b2']],
    ["run_id IN ('a1', 'd4', 'zz')", ['a1', 'd4']],
    ["attributes.user_id = 'alice'", ['a1', 'c3']],
    ["attributes.artifact_uri LIKE '%/c3/%'", ['c3']],
    ['attributes.start_time >= 2000', ['b2', 'c3', 'd4']],
    ['attributes.start_time < 2000', ['a1']],
    ['start_time != 3000', ['a1', 'c3']],
    ['created = 3000', ['b2', 'd4']],
    ['attributes.end_time > 0', ['a1', 'c3', 'd4']],
    ['attributes.end_time != 2000', ['c3', 'd4']],
    ['attribute.end_time <= 2500', ['a1', 'c3']],
  ])('%s', (filter, expected) => {
    expect(matching(filter)).toEqual(expected);
  });
});

describe('datasets', () => {
  it.each([
    ["datasets.name = 'wine'", ['a1', 'b2', 'c3']],
    ["datasets.name = 'iris'", ['b2']],
    ["datasets.name != 'wine'", ['b2']],
    ["dataset.name IN ('iris', 'x')", ['b2']],
    ["datasets.name NOT IN ('wine')", ['b2']],
    ["datasets.digest = 'abc123'", ['a1', 'c3']],
    ["datasets.digest LIKE 'ABC%'", []],
    ["datasets.digest ILIKE 'ABC%'", ['a1', 'c3']],
    ["datasets.context = 'train'", ['a1', 'b2']],
    ["datasets.context != 'train'", ['b2']],
  ])('%s', (filter, expected) => {
    expect(matching(filter)).toEqual(expected);
  });
});

describe('AND, OR, NOT and parentheses', () => {
  it('binds AND tighter than OR', () => {
    // Read as `alpha = 0.5 OR (rmse < 0.4 AND team = vision)`; the other grouping would give ['d4'].
    expect(matching("params.alpha = '0.5' OR metrics.rmse < 0.4 AND tags.team = 'vision'")).toEqual(['b2', 'd4']);
    expect(matching("metrics.rmse < 0.4 AND tags.team = 'vision' OR params.alpha = '0.5'")).toEqual(['b2', 'd4']);
  });

  it('groups with parentheses', () => {
    expect(matching("(params.alpha = '0.5' OR metrics.rmse < 0.4) AND tags.team = 'vision'")).toEqual(['d4']);
    expect(matching("((status = 'FINISHED'))")).toEqual(['a1', 'd4']);
    expect(matching("user_id = 'alice' AND (metrics.rmse > 0.4 OR status = 'FAILED')")).toEqual(['a1', 'c3']);
  });

  it('complements with NOT, which matches runs lacking the key', () => {
    expect(matching('NOT (metrics.rmse > 0.4)')).toEqual(['c3', 'd4']);
    expect(matching('NOT metrics.`f1 score` > 0.8')).toEqual(['b2', 'c3', 'd4']);
    expect(matching("not (status = 'FINISHED' or status = 'RUNNING') and user_id = 'alice'")).toEqual(['c3']);
  });

  it('reads keywords in any case', () => {
    expect(matching("metrics.rmse > 0.4 aNd params.alpha like '0.5' Or run_id = 'c3'")).toEqual(['b2', 'c3']);
  });
});

describe('compiled predicates', () => {
  it('filter a large table in one pass with the same closure', () => {
    const runs = Array.from({ length: 12_000 }, (_, i) =>
      makeRun({
        runId: `r${i}`,
        runName: i % 3 === 0 ? `train-${i}` : `eval-${i}`,
        status: 'FINISHED',
        startTime: i,
        endTime: i + 1,
        userId: 'u',
        metrics: { rmse: (i % 100) / 100 },
        params: { alpha: String(i % 7) },
      }),
    );
    const keep = compileFilter("attributes.run_name LIKE 'train-%' AND (metrics.rmse < 0.1 OR params.alpha = '3')");
    const expected = runs.filter((_, i) => i % 3 === 0 && (i % 100 < 10 || i % 7 === 3)).length;
    expect(runs.filter(keep)).toHaveLength(expected);
    expect(expected).toBeGreaterThan(0);
  });
});

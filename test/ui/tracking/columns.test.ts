import { describe, expect, it } from 'vitest';
import {
  columnGroups,
  columnsFor,
  sortValue,
  visibleColumns,
  ATTRIBUTE_COLUMNS,
  hasModel,
} from '../../../src/ui/tracking/columns';
import { makeRun } from './fixtures';

describe('runs table columns', () => {
  const runs = [
    makeRun({ params: { alpha: '0.5', l1_ratio: '0.1' }, metrics: { rmse: 0.7 } }),
    makeRun({
      params: { alpha: '0.02', solver: 'cd' },
      metrics: { r2: 0.3, rmse: 0.6 },
      tags: { 'mlflow.source.name': 'cell 3', team: 'ml', 'kiroku.sync.x': '1' },
    }),
  ];

  it("has the attributes, then every metric, param and user tag key of any run, sorted (MLflow's order)", () => {
    const ids = columnsFor(runs).map((c) => c.id);
    expect(ids).toEqual([
      ...ATTRIBUTE_COLUMNS.map((c) => c.id),
      'metric:r2',
      'metric:rmse',
      'param:alpha',
      'param:l1_ratio',
      'param:solver',
      'tag:team',
    ]);
  });

  it('groups the columns under Metrics, Parameters and Tags headers', () => {
    const cols = visibleColumns(columnsFor(runs), new Set(['attr:created', 'param:solver']));
    expect(columnGroups(cols)).toEqual([
      { kind: 'attr', label: '', span: ATTRIBUTE_COLUMNS.length - 1 },
      { kind: 'metric', label: 'Metrics', span: 2 },
      { kind: 'param', label: 'Parameters', span: 2 },
      { kind: 'tag', label: 'Tags', span: 1 },
    ]);
    expect(columnGroups([])).toEqual([]);
  });

  it('adds the experiment column when runs come from several experiments', () => {
    const other = makeRun();
    other.info.experimentId = '2';
    const cols = columnsFor([...runs, other]);
    expect(cols.map((c) => c.id).slice(0, 3)).toEqual(['attr:name', 'attr:experiment', 'attr:created']);
    const exp = cols[1]!;
    expect(sortValue(other, exp, { now: 0, experimentNames: new Map([['2', 'wine']]) })).toBe('wine');
  });

  it('keeps a param and a metric with the same key apart', () => {
    const cols = columnsFor([makeRun({ params: { lr: '0.1' }, metrics: { lr: 0.1 } })]);
    expect(cols.filter((c) => c.key === 'lr').map((c) => c.id)).toEqual(['metric:lr', 'param:lr']);
  });

  it('gives each column its sort value, null where a run lacks it', () => {
    const cols = Object.fromEntries(columnsFor(runs).map((c) => [c.id, c]));
    expect(sortValue(runs[0]!, cols['param:solver']!, { now: 0 })).toBeNull();
    expect(sortValue(runs[1]!, cols['param:solver']!, { now: 0 })).toBe('cd');
    expect(sortValue(runs[1]!, cols['metric:r2']!, { now: 0 })).toBe(0.3);
    expect(sortValue(runs[1]!, cols['attr:source']!, { now: 0 })).toBe('cell 3');
    expect(sortValue(runs[1]!, cols['tag:team']!, { now: 0 })).toBe('ml');
    expect(sortValue(runs[0]!, cols['tag:team']!, { now: 0 })).toBeNull();
    expect(sortValue(runs[0]!, cols['attr:duration']!, { now: 0 })).toBe(500);
    const running = makeRun({ start: 1000, end: null, status: 'RUNNING' });
    expect(sortValue(running, cols['attr:duration']!, { now: 4000 })).toBe(3000);
  });

  it('knows a run has a model from the model history tag or a model artifact', () => {
    const tagged = makeRun({ tags: { 'mlflow.log-model.history': '[]' } });
    const plain = makeRun();
    expect(hasModel(tagged)).toBe(true);
    expect(hasModel(plain)).toBe(false);
    expect(hasModel(plain, new Set([plain.info.runId]))).toBe(true);
  });

  it('never hides the run name', () => {
    const cols = columnsFor(runs);
    expect(visibleColumns(cols, new Set(['attr:name', 'param:alpha'])).map((c) => c.id)).toContain('attr:name');
    expect(visibleColumns(cols, new Set(['attr:name', 'param:alpha'])).map((c) => c.id)).not.toContain('param:alpha');
  });
});

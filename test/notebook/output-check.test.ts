// Outputs from files and cells are checked before they are shown: a malformed entry is named and left
// out, everything else (and every well-formed output the kernel makes) passes unchanged.
import { describe, expect, it } from 'vitest';
import { checkBundle, checkOutput } from '../../src/notebook/output-check';
import { fromIpynb, toIpynb } from '../../src/notebook/document';
import { mimeBundle } from '../../src/notebook/worker/display';
import type { MimeBundle } from '../../src/notebook/protocol';

const TABLE = 'application/vnd.kiroku.table+json';
const CHART = 'application/vnd.kiroku.chart+json';
const RUN = 'application/vnd.kiroku.run+json';
const PROGRESS = 'application/vnd.kiroku.progress+json';

const goodTable = {
  kind: 'DataFrame',
  columns: ['a', 'b'],
  index: [0, 'x'],
  rows: [
    [1, 'u'],
    [null, 2],
  ],
  shape: [1599, 2],
  dtypes: ['float64', 'string'],
};
const goodChart = {
  type: 'line',
  title: 't',
  x: { label: 'step', values: [1, 2, 3] },
  series: [{ name: 'loss', values: [0.5, null, 0.1] }],
  y: { log: true },
};
const goodRun = { runId: 'r1', runName: 'enet', experimentId: '0', status: 'FINISHED', metricCount: 2 };
const goodProgress = { id: 'p', label: 'epoch', step: 3, total: 10, metrics: { loss: 0.2 } };

describe('checkBundle', () => {
  it('passes well-formed bundles unchanged, those the kernel makes included', async () => {
    const bundles: MimeBundle[] = [
      { [TABLE]: goodTable as never, 'text/plain': 'df' },
      { [CHART]: goodChart as never },
      { [RUN]: goodRun },
      { [PROGRESS]: goodProgress },
      { 'image/png': 'iVBORw0KGgo=', 'text/plain': '[image]' },
      {
        'text/html': '<b>x</b>',
        'text/markdown': '*x*',
        'image/svg+xml': '<svg/>',
        'application/json': { any: ['thing'] },
      },
      { 'application/x-unknown': 42 } as MimeBundle,
      (await mimeBundle({ type: 'bar', x: { values: ['a', 'b'] }, series: [{ name: 'n', values: [1, 2] }] }))!,
      (await mimeBundle({ a: 1, b: [1, 2] }))!,
      (await mimeBundle('text'))!,
    ];
    for (const b of bundles) expect(checkBundle(b)).toEqual({ bundle: b, problems: [] });
  });

  it('names and leaves out each malformed entry, keeping the rest', () => {
    const { bundle, problems } = checkBundle({ [TABLE]: {}, 'text/plain': 'a frame' });
    expect(bundle).toEqual({ 'text/plain': 'a frame' });
    expect(problems).toEqual([`${TABLE} is not a table: 'columns' is missing`]);

    const cases: Array<[string, unknown, string]> = [
      [TABLE, [], 'not a table (it is [])'],
      [TABLE, { ...goodTable, rows: [[1, 2, 3]] }, 'not a table: row 0 has 3 cells for 2 columns'],
      [TABLE, { ...goodTable, shape: [-1, 2] }, "not a table: 'shape' is [-1,2]"],
      [TABLE, { ...goodTable, kind: 'Panel' }, `not a table: 'kind' is string "Panel"`],
      [CHART, { ...goodChart, type: 'pie' }, `not a chart: 'type' is string "pie"`],
      [
        CHART,
        { ...goodChart, series: [{ name: 'x', values: 'abc' }] },
        `not a chart: 'series' is [{"name":"x","values":"abc"}]`,
      ],
      [CHART, null, 'not a chart (it is null)'],
      [RUN, { ...goodRun, metricCount: 'two' }, `not a run link: 'metricCount' is string "two"`],
      [RUN, { runId: 'r' }, "not a run link: 'runName' is missing"],
      [PROGRESS, { ...goodProgress, metrics: { loss: 'low' } }, "not a progress: 'metrics' is an object"],
      ['image/png', '<script>', 'not base64 image data (it is string "<script>")'],
      ['text/html', { html: 'x' }, 'not text (it is an object)'],
      ['text/plain', ['a', 'b'], 'not text (it is ["a","b"])'],
      ['text/plain', Array(30).fill('line'), 'not text (it is a list)'],
    ];
    for (const [mime, value, problem] of cases) {
      expect(checkBundle({ [mime]: value, 'application/json': 1 }), mime).toEqual({
        bundle: { 'application/json': 1 },
        problems: [`${mime} is ${problem}`],
      });
    }
    expect(checkBundle('nope')).toEqual({
      bundle: {},
      problems: ['the output\'s data is not a MIME bundle (it is string "nope")'],
    });
  });

  it('gives outputs nbformat structure, dropping output types it does not know', () => {
    expect(checkOutput({ output_type: 'stream', name: 'weird', text: 5 })).toEqual({
      output: { output_type: 'stream', name: 'stdout', text: '' },
      problems: [],
    });
    expect(checkOutput({ output_type: 'error', ename: 1, traceback: 'x' })).toEqual({
      output: { output_type: 'error', ename: 'Error', evalue: '', traceback: [] },
      problems: [],
    });
    expect(checkOutput({ output_type: 'execute_result', data: { [RUN]: {} }, execution_count: -1 })).toEqual({
      output: { output_type: 'execute_result', data: {}, execution_count: 0 },
      problems: [`${RUN} is not a run link: 'runId' is missing`],
    });
    expect(checkOutput({ output_type: 'update_display_data', data: {} })).toBeUndefined();
    expect(checkOutput(null)).toBeUndefined();
  });
});

describe('.ipynb import of malformed outputs', () => {
  it('keeps every cell and the good parts, and names what it left out by cell', () => {
    const ipynb = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        { cell_type: 'markdown', source: '# Title', metadata: {} },
        {
          cell_type: 'code',
          source: 'df',
          metadata: {},
          execution_count: 1,
          outputs: [
            {
              output_type: 'execute_result',
              execution_count: 1,
              metadata: {},
              data: { [TABLE]: {}, 'text/plain': ['   a\n', '0  1'] },
            },
            { output_type: 'display_data', metadata: {}, data: { [CHART]: { type: 'line' } } },
            { output_type: 'display_data', metadata: {}, data: 'not a bundle' },
            { output_type: 'stream', name: 'stdout', text: ['ok\n'] },
          ],
        },
        {
          cell_type: 'code',
          source: 'run',
          metadata: {},
          execution_count: 2,
          outputs: [{ output_type: 'display_data', metadata: {}, data: { [RUN]: goodRun } }],
        },
      ],
    };
    const problems: string[] = [];
    const doc = fromIpynb(ipynb, 'bad', 0, problems);
    expect(doc.cells.map((c) => c.type)).toEqual(['markdown', 'code', 'code']);
    expect(problems).toEqual([
      `cell 2: ${TABLE} is not a table: 'columns' is missing; left out`,
      `cell 2: ${CHART} is not a chart: 'x' is missing; left out`,
      'cell 2: the output\'s data is not a MIME bundle (it is string "not a bundle"); left out',
    ]);
    const code = doc.cells[1]!;
    expect(code.type === 'code' && code.outputs).toEqual([
      { output_type: 'execute_result', execution_count: 1, data: { 'text/plain': '   a\n0  1' } },
      { output_type: 'display_data', data: {} },
      { output_type: 'display_data', data: {} },
      { output_type: 'stream', name: 'stdout', text: 'ok\n' },
    ]);
    const run = doc.cells[2]!;
    expect(run.type === 'code' && run.outputs).toEqual([{ output_type: 'display_data', data: { [RUN]: goodRun } }]);
    // What was kept goes out again as it came in.
    expect(fromIpynb(toIpynb(doc), 'again', 0).cells[2]).toMatchObject({ outputs: [{ data: { [RUN]: goodRun } }] });
  });
});

import { describe, expect, it } from 'vitest';
import {
  applyOutput,
  codeCell,
  convertCell,
  duplicateNotebook,
  fileName,
  fromIpynb,
  markdownCell,
  newNotebook,
  NotebookFormatError,
  toIpynb,
  toScript,
  type CodeCell,
  type NotebookDoc,
} from '../../src/notebook/document';
import type { CellOutput, KernelMessage } from '../../src/notebook/protocol';

const ids = { cellId: 'c1', executionId: 'e1' };

function sampleDoc(): NotebookDoc {
  const code: CodeCell = {
    ...codeCell('const x = 1;\nconsole.log(x);\nx + 1'),
    executionCount: 3,
    outputs: [
      { output_type: 'stream', name: 'stdout', text: '1\n' },
      { output_type: 'stream', name: 'stderr', text: 'careful\nreally\n' },
      { output_type: 'execute_result', execution_count: 3, data: { 'text/plain': '2', 'application/json': 2 } },
      {
        output_type: 'display_data',
        data: {
          'application/vnd.kiroku.table+json': {
            kind: 'DataFrame',
            columns: ['a'],
            index: [0],
            rows: [[1]],
            shape: [1599, 12],
          },
          'text/html': '<table><tr><td>1</td></tr></table>\n<p>two lines</p>',
        },
      },
      {
        output_type: 'error',
        ename: 'TypeError',
        evalue: 'x is not a function',
        traceback: ['TypeError: x is not a function', '    at cell 2:1'],
      },
    ],
  };
  const js: CodeCell = { ...codeCell('let y = 2', 'javascript') };
  return {
    ...newNotebook('Wine: quality?', [markdownCell('# Title\n\nSome *text*.'), code, js], 1000),
    metadata: { authors: ['me'] },
  };
}

describe('nbformat 4.5 export', () => {
  it('names the TypeScript kernel and language, and keeps cell ids', () => {
    const doc = sampleDoc();
    const nb = toIpynb(doc);
    expect(nb.nbformat).toBe(4);
    expect(nb.nbformat_minor).toBe(5);
    expect(nb.metadata.kernelspec).toEqual({
      name: 'kiroku-ts',
      display_name: 'TypeScript (Kiroku)',
      language: 'typescript',
    });
    expect(nb.metadata.language_info).toMatchObject({ name: 'typescript', file_extension: '.ts' });
    expect(nb.cells.map((c) => c.id)).toEqual(doc.cells.map((c) => c.id));
    expect(nb.cells.map((c) => c.cell_type)).toEqual(['markdown', 'code', 'code']);
  });

  it('writes text as line lists, JSON MIME types as objects, and execution counts', () => {
    const nb = toIpynb(sampleDoc());
    const code = nb.cells[1]!;
    expect(code.source).toEqual(['const x = 1;\n', 'console.log(x);\n', 'x + 1']);
    expect(code.execution_count).toBe(3);
    expect(code.outputs![0]).toEqual({ output_type: 'stream', name: 'stdout', text: ['1\n'] });
    expect(code.outputs![2]).toMatchObject({
      output_type: 'execute_result',
      execution_count: 3,
      metadata: {},
      data: { 'text/plain': ['2'], 'application/json': 2 },
    });
    const display = code.outputs![3] as { data: Record<string, unknown> };
    expect(display.data['application/vnd.kiroku.table+json']).toMatchObject({ shape: [1599, 12] });
    expect(display.data['text/html']).toEqual(['<table><tr><td>1</td></tr></table>\n', '<p>two lines</p>']);
    expect(nb.cells[2]!.metadata).toEqual({ kiroku: { language: 'javascript' } });
  });

  it('is plain JSON (survives stringify and parse)', () => {
    const nb = toIpynb(sampleDoc());
    expect(JSON.parse(JSON.stringify(nb))).toEqual(nb);
  });
});

describe('ipynb round trip', () => {
  it('gives back the same cells, outputs, counts, languages and name', () => {
    const doc = sampleDoc();
    const back = fromIpynb(JSON.parse(JSON.stringify(toIpynb(doc))), 'file name');
    expect(back.name).toBe(doc.name);
    expect(back.cells).toEqual(doc.cells);
    expect(back.metadata).toEqual({ authors: ['me'] });
    expect(back.id).not.toBe(doc.id);
  });

  it('reads Jupyter notebooks without ids (nbformat 4.4), with duplicate ids, raw cells and unknown outputs', () => {
    const nb = {
      nbformat: 4,
      nbformat_minor: 4,
      metadata: { kernelspec: { name: 'python3' } },
      cells: [
        {
          cell_type: 'code',
          source: ['print(1)\n'],
          outputs: [{ output_type: 'stream', name: 'stdout', text: ['1\n'] }, { output_type: 'future_output' }],
          execution_count: 1,
          metadata: {},
        },
        { id: 'same', cell_type: 'markdown', source: 'a', metadata: {} },
        { id: 'same', cell_type: 'raw', source: 'b', metadata: {} },
        { id: 'bad id!', cell_type: 'code', source: '', metadata: {} },
      ],
    };
    const doc = fromIpynb(nb, 'analysis');
    expect(doc.name).toBe('analysis');
    expect(doc.cells.map((c) => c.type)).toEqual(['code', 'markdown', 'markdown', 'code']);
    const ids = doc.cells.map((c) => c.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids[1]).toBe('same');
    for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
    const first = doc.cells[0] as CodeCell;
    expect(first.outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: '1\n' }]);
    expect(first.executionCount).toBe(1);
    expect((doc.cells[3] as CodeCell).executionCount).toBeNull();
  });

  it('refuses what is not an nbformat 4 notebook, saying why', () => {
    expect(() => fromIpynb({ hello: 1 })).toThrow(NotebookFormatError);
    expect(() => fromIpynb({ nbformat: 3, cells: [] })).toThrow(/nbformat 3/);
    expect(() => fromIpynb(null)).toThrow(/cells/);
  });
});

describe('script export', () => {
  it('writes code as is and markdown as comments, between percent-format markers', () => {
    const script = toScript(sampleDoc());
    expect(script).toBe(
      [
        '// Wine: quality?\n// Exported from Kiroku. Cells are separated by "// %%" markers.',
        '// %% [markdown]\n// # Title\n//\n// Some *text*.',
        '// %%\nconst x = 1;\nconsole.log(x);\nx + 1',
        '// %% [javascript]\nlet y = 2',
      ].join('\n\n') + '\n',
    );
  });

  it('makes safe file names', () => {
    expect(fileName({ name: 'Wine: quality?' }, '.ipynb')).toBe('Wine_ quality_.ipynb');
    expect(fileName({ name: '  ' }, '.ts')).toBe('notebook.ts');
  });
});

describe('outputs', () => {
  it('joins consecutive stream chunks of one stream, not across streams', () => {
    let out: CellOutput[] = [];
    const s = (name: 'stdout' | 'stderr', text: string): KernelMessage => ({ type: 'stream', name, text, ...ids });
    out = applyOutput(out, s('stdout', 'a'));
    out = applyOutput(out, s('stdout', 'b\n'));
    out = applyOutput(out, s('stderr', 'oops'));
    out = applyOutput(out, s('stdout', 'c'));
    expect(out).toEqual([
      { output_type: 'stream', name: 'stdout', text: 'ab\n' },
      { output_type: 'stream', name: 'stderr', text: 'oops' },
      { output_type: 'stream', name: 'stdout', text: 'c' },
    ]);
  });

  it('replaces a display in place by display id, and a progress by its id', () => {
    let out: CellOutput[] = [];
    const progress = (step: number): KernelMessage => ({
      type: 'display_data',
      data: {
        'application/vnd.kiroku.progress+json': {
          id: 'run1',
          label: 'epoch',
          step,
          total: 10,
          metrics: { loss: 1 / step },
        },
      },
      ...ids,
    });
    out = applyOutput(out, progress(1));
    out = applyOutput(out, { type: 'display_data', data: { 'text/plain': 'v1' }, displayId: 'd', ...ids });
    out = applyOutput(out, progress(2));
    out = applyOutput(out, { type: 'display_data', data: { 'text/plain': 'v2' }, displayId: 'd', ...ids });
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ data: { 'application/vnd.kiroku.progress+json': { step: 2 } } });
    expect(out[1]).toMatchObject({ data: { 'text/plain': 'v2' } });
  });

  it('appends results and errors; ignores replies and status', () => {
    let out: CellOutput[] = [];
    out = applyOutput(out, { type: 'execute_result', executionCount: 4, data: { 'text/plain': '1' }, ...ids });
    out = applyOutput(out, { type: 'error', ename: 'E', evalue: 'v', traceback: ['t'], ...ids });
    const same = applyOutput(out, { type: 'execute_reply', status: 'ok', executionCount: 4, ...ids });
    expect(same).toBe(out);
    expect(out.map((o) => o.output_type)).toEqual(['execute_result', 'error']);
  });
});

describe('cells and notebooks', () => {
  it('converts between code and markdown keeping the source', () => {
    const c = {
      ...codeCell('x'),
      outputs: [{ output_type: 'stream' as const, name: 'stdout' as const, text: '1' }],
      executionCount: 1,
    };
    const m = convertCell(c, 'markdown');
    expect(m).toEqual({ id: c.id, type: 'markdown', source: 'x', metadata: {} });
    expect(convertCell(m, 'code')).toMatchObject({
      id: c.id,
      type: 'code',
      source: 'x',
      outputs: [],
      executionCount: null,
      language: 'typescript',
    });
    expect(convertCell(c, 'code')).toBe(c);
  });

  it('duplicates with new ids and the same content', () => {
    const doc = sampleDoc();
    const copy = duplicateNotebook(doc);
    expect(copy.name).toBe('Wine: quality? (copy)');
    expect(copy.id).not.toBe(doc.id);
    copy.cells.forEach((c, i) => {
      expect(c.id).not.toBe(doc.cells[i]!.id);
      expect(c.source).toBe(doc.cells[i]!.source);
    });
    expect((copy.cells[1] as CodeCell).outputs).toEqual((doc.cells[1] as CodeCell).outputs);
  });
});

// The kernel as plain code: messages in, messages out — streams, displays by type, results, errors
// mapped to cell lines, inspect, and the run links and progress of runs a cell creates.
import { afterEach, describe, expect, it } from 'vitest';
import { startKernel } from './kernel-harness';
import { files } from '../../src/notebook/files';
import { Fluent } from '../../src/tracking/fluent';
import { modelApi } from '../../src/logged-model/api';
import { autolog } from '../../src/autolog';
import type { Progress, RunLink, TableData } from '../../src/notebook/protocol';
import { tracebackLines } from '../../src/notebook/traceback-format';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dispose = undefined;
});

async function kernel(options?: Parameters<typeof startKernel>[0]) {
  const k = await startKernel(options);
  dispose = k.dispose;
  return k;
}

describe('execution', () => {
  it('starts, runs cells in order with counts, and replies with the names each declared', async () => {
    const k = await kernel();
    expect(k.messages.filter((m) => m.type === 'status').map((m) => m.type === 'status' && m.state)).toEqual([
      'starting',
      'idle',
    ]);
    const a = k.send('const a = 1;\nfunction f() { return a + 1 }');
    const b = k.send('f() * 10');
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra.reply).toMatchObject({ status: 'ok', executionCount: 1, cellId: a.cellId });
    expect(new Set(ra.reply.declared)).toEqual(new Set(['a', 'f']));
    expect(rb.reply.executionCount).toBe(2);
    expect(rb.result).toEqual({ 'text/plain': '20' });
    const states = k.messages.filter((m) => m.type === 'status').map((m) => m.type === 'status' && m.state);
    expect(states.slice(2)).toEqual(['busy', 'idle', 'busy', 'idle']);
  });

  it('shows nothing for a cell ending in a statement or undefined', async () => {
    const k = await kernel();
    expect((await k.run('let x = 1;')).result).toBeUndefined();
    expect((await k.run('undefined')).result).toBeUndefined();
  });

  it('lists the kernel’s variables for the editor', async () => {
    const k = await kernel();
    await k.run('const df = [1, 2];\nlet n = 3;');
    await k.kernel.handle({ type: 'inspect_request', requestId: 'r1' });
    const reply = k.messages.find((m) => m.type === 'inspect_reply');
    expect(reply).toMatchObject({
      requestId: 'r1',
      names: [
        { name: 'df', kind: 'const', type: 'Array' },
        { name: 'n', kind: 'let', type: 'number' },
      ],
    });
  });
});

describe('streams', () => {
  it('captures console.log/info as stdout and warn/error as stderr, formatted like util.inspect', async () => {
    const k = await kernel();
    const r = await k.run(
      "console.log('hello', { a: 1, b: [1, 'x'] });\nconsole.info('%d items', " +
        "3);\nconsole.warn('careful');\nconsole.error(new Map([['k', 1]]));",
    );
    expect(r.stdout).toBe("hello { a: 1, b: [ 1, 'x' ] }\n3 items\n");
    expect(r.stderr).toBe("careful\nMap(1) { 'k' => 1 }\n");
  });

  it('coalesces a loop of logs into few messages and caps a runaway one', async () => {
    const k = await kernel();
    const r = await k.run('for (let i = 0; i < 5000; i++) console.log(i);');
    expect(r.stdout.split('\n')).toHaveLength(5001);
    expect(r.messages.filter((m) => m.type === 'stream').length).toBeLessThan(10);
    const big = await k.run("const line = 'x'.repeat(1000);\nfor (let i = 0; i < 3000; i++) console.log(line);");
    expect(big.stdout.length).toBeLessThanOrEqual(1_000_000);
    expect(big.stderr).toMatch(/output truncated: [\d,]+ more characters/);
  });

  it('keeps the order of text and displays', async () => {
    const k = await kernel();
    const r = await k.run("console.log('a');\ndisplay(1);\nconsole.log('b');");
    const kinds = r.messages
      .filter((m) => m.type === 'stream' || m.type === 'display_data')
      .map((m) => (m.type === 'stream' ? m.text : 'display'));
    expect(kinds).toEqual(['a\n', 'display', 'b\n']);
  });
});

describe('displays', () => {
  it('shows a danfojs DataFrame as a table: the head rows, its shape and the dtypes of all its values', async () => {
    const k = await kernel();
    const r = await k.run(
      'const df = new dfd.DataFrame({ x: Array.from({ length: 50 }, (_, i) => i), s: Array.from({ length: 50 }, ' +
        '(_, i) => `r${i}`), late: Array.from({ length: 600 }, (_, i) => (i < 599 ? i : 0.5)).slice(0, 50) });\ndf',
    );
    const table = r.result?.['application/vnd.kiroku.table+json'] as TableData;
    expect(table).toMatchObject({
      kind: 'DataFrame',
      columns: ['x', 's', 'late'],
      shape: [50, 3],
      dtypes: ['int64', 'string', 'int64'],
    });
    // danfojs calls a column int32 from its first 500 values; the table says what all of them are.
    const late = await k.run(
      'new dfd.DataFrame({ v: Array.from({ length: 1200 }, (_, i) => (i < 1100 ? i : i + 0.5)) })',
    );
    expect(late.result?.['application/vnd.kiroku.table+json']).toMatchObject({ dtypes: ['float64'], shape: [1200, 1] });
    const t = await k.run("toTable({ a: [1, 2.5, null], b: ['x', null, 'z'] })");
    expect(t.result?.['application/vnd.kiroku.table+json']).toMatchObject({
      kind: 'DataFrame',
      columns: ['a', 'b'],
      dtypes: ['float64', 'string'],
      rows: [
        [1, 'x'],
        [2.5, null],
        [null, 'z'],
      ],
      index: [0, 1, 2],
    });
    expect(t.result?.['text/plain']).toContain('[3 rows x 2 columns]');
    expect(table.rows).toHaveLength(20);
    expect(table.rows[3]).toEqual([3, 'r3', 3]);
    expect(table.index.slice(0, 3)).toEqual([0, 1, 2]);
    expect(r.result?.['text/plain']).toMatch(/x/);
    const s = await k.run("df['x']");
    expect(s.result?.['application/vnd.kiroku.table+json']).toMatchObject({
      kind: 'Series',
      shape: [50, 1],
      columns: ['x'],
    });
  }, 60_000);

  it('shows arrays and objects as JSON with a text form, and scalars as text', async () => {
    const k = await kernel();
    expect((await k.run('[1, 2, { a: "b" }]')).result).toEqual({
      'application/json': [1, 2, { a: 'b' }],
      'text/plain': "[ 1, 2, { a: 'b' } ]",
    });
    expect((await k.run('"text"')).result).toEqual({ 'text/plain': "'text'" });
    expect((await k.run('1.5')).result).toEqual({ 'text/plain': '1.5' });
    expect((await k.run('10n')).result).toEqual({ 'text/plain': '10n' });
    const big = await k.run('Array.from({ length: 100000 }, (_, i) => i)');
    expect(big.result?.['application/json']).toBeUndefined();
    expect(big.result?.['text/plain']).toMatch(/\.\.\. 99900 more items/);
  });

  it('shows HTML, Markdown and chart specs by their own types', async () => {
    const k = await kernel();
    expect((await k.run("html('<b>hi</b>')")).result?.['text/html']).toBe('<b>hi</b>');
    expect((await k.run("({ html: '<i>x</i>' })")).result?.['text/html']).toBe('<i>x</i>');
    expect((await k.run("markdown('# T')")).result?.['text/markdown']).toBe('# T');
    const chart = { type: 'line', title: 'loss', x: { values: [0, 1] }, series: [{ name: 'loss', values: [1, 0.5] }] };
    const r = await k.run(`(${JSON.stringify(chart)})`);
    expect(r.result?.['application/vnd.kiroku.chart+json']).toEqual(chart);
  });

  it('updates a display in place by its id', async () => {
    const k = await kernel();
    const r = await k.run(
      "display('a', { displayId: 'p' });\ndisplay('b', { displayId: 'p' });\ndisplay({ 'text/plain': 'raw' }, { " +
        'raw: true });',
    );
    expect(r.displays).toEqual([
      { data: { 'text/plain': "'a'" }, displayId: 'p' },
      { data: { 'text/plain': "'b'" }, displayId: 'p' },
      { data: { 'text/plain': 'raw' } },
    ]);
  });
});

describe('errors', () => {
  it('maps the stack to the cell’s own lines, each with its code, and drops the kernel’s frames', async () => {
    const k = await kernel();
    const r = await k.run('const a = 1;\n\nfunction boom() {\n  return null.x;\n}\nboom();');
    expect(r.reply.status).toBe('error');
    expect(r.error).toMatchObject({ ename: 'TypeError' });
    expect(r.error?.traceback[0]).toMatch(/^TypeError: Cannot read properties of null/);
    expect(r.error?.traceback.slice(1)).toEqual([
      '    at boom (cell line 4)',
      '        return null.x;',
      '    at cell line 6',
      '        boom();',
    ]);
  });

  it('names the cell a function came from when an earlier cell defined it', async () => {
    const k = await kernel();
    await k.run('// helpers\nfunction fail(msg: string) {\n  throw new Error(msg);\n}');
    const r = await k.run("\nfail('no');");
    expect(r.error?.traceback).toEqual([
      'Error: no',
      '    at fail (cell [1], line 3)',
      '        throw new Error(msg);',
      '    at cell line 2',
      "        fail('no');",
    ]);
  });

  it('reports syntax errors, failed imports and thrown non-errors with their line', async () => {
    const k = await kernel();
    const syntax = await k.run('let ok = 1;\nlet = = 2;');
    expect(syntax.error).toMatchObject({
      ename: 'SyntaxError',
      traceback: [expect.stringMatching(/^SyntaxError: .*line 2/), '    at cell line 2', '        let = = 2;'],
    });
    const imp = await k.run("\n\nimport x from 'nowhere';");
    expect(imp.error).toMatchObject({
      ename: 'KernelError',
      traceback: [
        expect.stringMatching(/Cannot import 'nowhere'/),
        '    at cell line 3',
        "        import x from 'nowhere';",
      ],
    });
    const refused = await k.run('const u = import.meta.url;');
    expect(refused.error).toMatchObject({
      ename: 'SyntaxError',
      traceback: [expect.stringMatching(/^SyntaxError: .*import\.meta/)],
    });
    const thrown = await k.run("throw 'plain'");
    expect(thrown.error).toMatchObject({ ename: 'Uncaught', evalue: "'plain'" });
  });

  it("keeps library frames (where Kiroku's code threw) apart from the cell's own lines", async () => {
    const k = await kernel();
    const r = await k.run('const X = [[1], [2]];\nnew ElasticNet().predict(X);');
    expect(r.error).toMatchObject({ ename: 'NotFittedError' });
    const lines = tracebackLines(r.error!.traceback);
    expect(lines[0]).toEqual({
      kind: 'message',
      text: expect.stringMatching(/^NotFittedError: This ElasticNet instance is not fitted yet/),
    });
    expect(lines.filter((l) => l.kind === 'library').length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.kind === 'cell' || l.kind === 'source').map((l) => l.text)).toEqual([
      '    at cell line 2',
      '        new ElasticNet().predict(X);',
    ]);
  });

  it('keeps earlier variables after an error', async () => {
    const k = await kernel();
    await k.run('const keep = 7;');
    await k.run('let partial = 1;\nthrow new Error("x");\npartial = 2;');
    expect((await k.run('[keep, partial]')).result?.['application/json']).toEqual([7, 1]);
  });

  it('shows an error no cell caught under the last cell', async () => {
    const k = await kernel();
    const r = await k.run('1');
    k.kernel.reportUncaught(new Error('late'), 'rejection');
    const late = k.messages.filter((m) => m.type === 'stream' && m.executionId === r.reply.executionId);
    expect(late.map((m) => m.type === 'stream' && m.text).join('')).toMatch(/^Uncaught \(in promise\) Error: late/);
  });
});

describe('tracking', () => {
  it('attributes runs to the notebook and cell, logs the cell’s code, and links each run under it', async () => {
    const k = await kernel();
    const code =
      "await mlflow.startRun({ runName: 'r1' }, async () => {\n  for (let i = 0; i < 5; i++) " +
      "mlflow.logMetric('loss', 1 / (i + 1), { step: i });\n  await mlflow.logParam('alpha', 0.1);\n});";
    const r = await k.run(code, { cellId: 'cell-train' });
    expect(r.reply.status).toBe('ok');
    const links = r.displays.filter((d) => d.data['application/vnd.kiroku.run+json']);
    const last = links.at(-1)!.data['application/vnd.kiroku.run+json'] as RunLink;
    expect(last).toMatchObject({ runName: 'r1', status: 'FINISHED', metricCount: 1 });
    expect(links.every((d) => d.displayId === last.runId)).toBe(true);
    const run = await k.mlflow.getRun(last.runId);
    expect(run.data.tags).toMatchObject({
      'mlflow.source.type': 'NOTEBOOK',
      'mlflow.source.name': 'Test notebook',
      'mlflow.user': 'tester',
      'kiroku.notebook.id': 'nb-1',
      'kiroku.cell.id': 'cell-train',
    });
    const source = await (await k.mlflow.getArtifact(last.runId, 'source/cell.ts')).text();
    expect(source).toBe(code);
    const progress = r.displays.filter((d) => d.data['application/vnd.kiroku.progress+json']);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((d) => d.displayId === `progress-${last.runId}`)).toBe(true);
    expect(progress.at(-1)!.data['application/vnd.kiroku.progress+json']).toMatchObject({
      id: last.runId,
      label: 'r1',
      step: 4,
      metrics: { loss: 0.2 },
    } satisfies Partial<Progress>);
  });

  it('links the run of an autologged fit, written in the background after the cell’s code returned', async () => {
    const fluent = new Fluent('memory:kernel-autolog');
    const api = Object.assign(fluent, modelApi(fluent));
    autolog(api, { silent: true });
    try {
      const k = await kernel({ mlflow: api });
      const r = await k.run('const fitted = new ml.LinearRegression().fit([[1], [2], [3], [4]], [2, 4, 6, 8]);', {
        cellId: 'cell-autolog',
      });
      expect(r.reply.status).toBe('ok');
      const links = r.displays.filter((d) => d.data['application/vnd.kiroku.run+json']);
      expect(links.length).toBeGreaterThan(0);
      const link = links.at(-1)!.data['application/vnd.kiroku.run+json'] as RunLink;
      expect(link.status).toBe('FINISHED');
      expect(link.metricCount).toBeGreaterThan(0);
      expect((await api.getRun(link.runId)).data.tags['kiroku.cell.id']).toBe('cell-autolog');
    } finally {
      autolog(api, { disable: true });
    }
  });

  it('links the run of an autologged TensorFlow.js fit, made at its first epoch, with progress in epochs', async () => {
    const fluent = new Fluent('memory:kernel-autolog-tfjs');
    const api = Object.assign(fluent, modelApi(fluent));
    autolog(api, { silent: true, logModels: false });
    try {
      const k = await kernel({ mlflow: api });
      const code = [
        'const net = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });',
        "net.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });",
        'await net.fit(tf.tensor2d([[1], [2], [3]]), tf.tensor2d([[2], [4], [6]]), { epochs: 3 });',
      ].join('\n');
      const r = await k.run(code, { cellId: 'cell-tfjs' });
      expect(r.reply.status).toBe('ok');
      const links = r.displays.filter((d) => d.data['application/vnd.kiroku.run+json']);
      expect(links.length).toBeGreaterThan(0);
      expect(links.at(-1)!.data['application/vnd.kiroku.run+json']).toMatchObject({
        status: 'FINISHED',
        metricCount: 1,
      });
      const progress = r.displays.filter((d) => d.data['application/vnd.kiroku.progress+json']);
      // The fit's epochs (numbered 0…2 in its metrics' steps), done: 3 of 3, with the time they took.
      const last = progress.at(-1)?.data['application/vnd.kiroku.progress+json'] as Progress | undefined;
      expect(last).toMatchObject({ step: 3, total: 3, unit: 'epoch', etaMs: 0 });
      expect(last!.elapsedMs).toBeGreaterThanOrEqual(0);
    } finally {
      autolog(api, { disable: true });
    }
  }, 60_000);

  it('links a run a later cell resumes, keeping the code of the cell that created it', async () => {
    const k = await kernel();
    const created = await k.run(
      "const id = await mlflow.startRun({ runName: 'first' }, async (run) => run.info.runId);\nid",
      { cellId: 'cell-create' },
    );
    const runId = JSON.parse(created.result!['text/plain']!.replace(/'/g, '"')) as string;
    const r = await k.run(
      "await mlflow.startRun({ runId: id }, async () => {\n  await mlflow.logText('more', 'notes.txt');\n  await " +
        "mlflow.logMetric('late', 1);\n});",
      { cellId: 'cell-resume' },
    );
    const links = r.displays.filter((d) => d.data['application/vnd.kiroku.run+json']);
    expect(links.length).toBeGreaterThan(0);
    expect(links.at(-1)!.data['application/vnd.kiroku.run+json']).toMatchObject({
      runId,
      runName: 'first',
      status: 'FINISHED',
      metricCount: 1,
    });
    expect(await (await k.mlflow.getArtifact(runId, 'source/cell.ts')).text()).toContain("runName: 'first'");
    // A cell that only reads a run links nothing.
    expect((await k.run('(await mlflow.getRun(id)).info.status')).displays).toEqual([]);
  });

  it("counts a TensorFlow.js fit's epochs against its total while it trains, with the time left", async () => {
    const k = await kernel();
    const code = [
      'const net = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });',
      "net.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });",
      "await mlflow.startRun({ runName: 'fit' }, async () => {",
      '  await net.fit(tf.tensor2d([[1], [2], [3]]), tf.tensor2d([[2], [4], [6]]), {',
      '    epochs: 6,',
      '    callbacks: { onEpochEnd: async (epoch, logs) => { await mlflow.logMetric("loss", logs.loss, { step: ' +
        'epoch }); await sleep(300); } },',
      '  });',
      '});',
    ].join('\n');
    const r = await k.run(code);
    expect(r.reply.status).toBe('ok');
    const progress = r.displays
      .map((d) => d.data['application/vnd.kiroku.progress+json'] as Progress | undefined)
      .filter((p): p is Progress => !!p);
    // Updates while it trained (one epoch each 300 ms or more) count epochs from 1 of 6, and estimate what is left.
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.every((p) => p.total === 6 && p.unit === 'epoch' && p.step >= 1 && p.step <= 6)).toBe(true);
    const during = progress.find((p) => p.step < 6)!;
    expect(during.etaMs).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ step: 6, total: 6, etaMs: 0 });
  }, 60_000);

  it('throttles progress of a long training loop to a few updates a second', async () => {
    const k = await kernel();
    const t0 = performance.now();
    const r = await k.run(
      "await mlflow.startRun({ runName: 'long' }, async () => {\n  for (let i = 1; i <= 40; i++) {\n    " +
        "mlflow.logMetric('loss', 1 / i, { step: i });\n    await sleep(15);\n  }\n});",
    );
    const elapsed = performance.now() - t0;
    const progress = r.displays.filter((d) => d.data['application/vnd.kiroku.progress+json']);
    // 40 steps over ≥ 600 ms: at most one update per 250 ms, plus the first and the final one.
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.length).toBeLessThanOrEqual(Math.floor(elapsed / 250) + 2);
    expect(progress.length).toBeLessThan(40);
    expect((progress.at(-1)!.data['application/vnd.kiroku.progress+json'] as Progress).step).toBe(40);
  });

  it('leaves runs of other cells and notebooks alone', async () => {
    const k = await kernel();
    await k.mlflow.startRun({ runName: 'outside' });
    await k.mlflow.endRun();
    const r = await k.run('1 + 1');
    expect(r.displays).toEqual([]);
  });
});

describe('files', () => {
  it('loads a CSV from the Files store into a DataFrame', async () => {
    await files.put({ name: 'tiny.csv', data: 'a,b\n1,x\n2,y\n' });
    const k = await kernel();
    const r = await k.run("const t = await loadCSV('tiny.csv');\nt.shape");
    expect(r.result?.['application/json']).toEqual([2, 2]);
    await files.delete('tiny.csv');
  }, 60_000);
});

describe('messages', () => {
  it('quotes the cell’s own code in V8 messages, not the rewritten names', async () => {
    const k = await kernel();
    await k.run('const model = {};\nfunction f() {}');
    expect((await k.run('model.fit()')).error?.evalue).toBe('model.fit is not a function');
    expect((await k.run('for (const x of f()) {}')).error?.evalue).toMatch(
      /^f is not a function or its return value is not iterable$/,
    );
  });

  it('drops the duplicate-registration warnings of the second TensorFlow.js copy', async () => {
    const k = await kernel();
    const r = await k.run(
      "console.warn(\"The kernel 'Abs' for backend 'cpu' is already registered\");\nconsole.warn('cpu backend was " +
        "already registered. Reusing existing backend factory.');\nconsole.warn('real warning');",
    );
    expect(r.stderr).toBe('real warning\n');
  });
});

describe('images', () => {
  it('shows a PNG blob as image/png', async () => {
    const k = await kernel();
    // The 8-byte PNG signature is enough for the bundle: the kernel does not decode a PNG it can pass on.
    const r = await k.run("new Blob([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])], { type: 'image/png' })");
    expect(r.result?.['image/png']).toBe('iVBORw0KGgo=');
  });
});

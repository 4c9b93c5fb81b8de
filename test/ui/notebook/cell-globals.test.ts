// The editor's declarations of a cell's globals (generated from the source: scripts/gen-cell-types.ts);
// this compiles every sample notebook against them, the way the editor does (one script per cell, the same
// ignored diagnostics), so a sample that uses an undeclared API — or declarations that no longer parse —
// fail here. So do the TypeScript and JavaScript examples of the README and docs/: a reader pastes them
// into a cell. (test/notebook/cell-types.test.ts checks the declarations against the source and the kernel.)
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../../../src/notebook/samples';

const ROOT = resolve(__dirname, '../../..');
const TYPES = resolve(ROOT, 'src/ui/notebook/cell-types');
// The two files the editor loads (monaco.ts): the module 'kiroku' and the globals aliasing its exports.
const GLOBALS: Record<string, string> = {
  '/kiroku.d.ts': readFileSync(resolve(TYPES, 'kiroku.d.ts.txt'), 'utf8'),
  '/cell-globals.d.ts': readFileSync(resolve(TYPES, 'cell-globals.d.ts.txt'), 'utf8'),
};
// The same list as monaco.ts (re-declarations across cells, top-level await in a script).
const IGNORED = new Set([1375, 1378, 1431, 1432, 2451, 2300, 2393, 1108]);

// TypeScript's lib files parse once for every program here (a few seconds each time otherwise).
const libCache = new Map<string, ts.SourceFile | undefined>();

function diagnostics(files: Record<string, string>): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    lib: ['lib.es2023.d.ts', 'lib.webworker.d.ts'],
    strict: false,
    noEmit: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => files[f] ?? read(f);
  host.fileExists = (f) => f in files || ts.sys.fileExists(f);
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (f, v) => {
    if (f in files) return ts.createSourceFile(f, files[f]!, v);
    if (!libCache.has(f)) libCache.set(f, getSource(f, v));
    return libCache.get(f);
  };
  const program = ts.createProgram(Object.keys(files), options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => !IGNORED.has(d.code))
    .map((d) => {
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : '';
      return `${d.file?.fileName ?? ''} ${line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

// Each program type-checks TypeScript's lib files: seconds, not milliseconds, on a busy machine.
describe('cell globals', { timeout: 60_000 }, () => {
  it('parse and type-check on their own', () => {
    expect(diagnostics({ ...GLOBALS })).toEqual([]);
  });

  it('catch a misspelled API in a cell', () => {
    const errs = diagnostics({ ...GLOBALS, '/cell.ts': 'await mlflow.logMetrik("a", 1);' });
    expect(errs.join('\n')).toMatch(/logMetrik/);
  });

  it('know the names a cell gets at run time without `ml.`, as the README writes them', () => {
    const cell = [
      'const [XTrain, XTest, yTrain, yTest] = trainTestSplit([[1], [2], [3], [4]], [1, 2, 3, 4], { testSize: 0.5 });',
      'const model: ElasticNet = new ElasticNet({ alpha: 0.02, l1Ratio: 0.5 }).fit(XTrain, yTrain);',
      "const pipe = new Pipeline([['scale', new StandardScaler()], ['enet', model]]);",
      'const scores = [r2Score(yTest, model.predict(XTest)), meanSquaredError(yTest, (await pipe.fit(XTrain, ' +
        'yTrain)).predict(XTest))];',
      "const stats = describe(await loadSample('cars')).map((c) => (c.kind === 'numeric' ? c.mean : c.top));",
    ].join('\n');
    expect(diagnostics({ ...GLOBALS, '/cell.ts': cell })).toEqual([]);
  });

  // Each example as a cell of the walkthrough (the notebook a first-time reader has open): it may use the
  // walkthrough's X, y and runId.
  const docs = [
    'README.md',
    ...readdirSync(resolve(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const blocks = docs.flatMap((doc) =>
    codeBlocks(readFileSync(resolve(ROOT, doc), 'utf8')).map((b) => ({ ...b, doc })),
  );
  it('find the examples of the README', () => {
    expect(blocks.filter((b) => b.doc === 'README.md').length).toBeGreaterThanOrEqual(3);
  });
  for (const { doc, line, code } of blocks) {
    it(`type-check the example at ${doc}:${line} as a cell`, () => {
      const files: Record<string, string> = { ...GLOBALS };
      SAMPLES[0]!.create().cells.forEach((c, i) => {
        if (c.type === 'code') files[`/walkthrough-${i}.ts`] = c.source;
      });
      files[`/${doc}:${line}.ts`] = code;
      expect(diagnostics(files)).toEqual([]);
    });
  }

  for (const sample of SAMPLES) {
    it(`type-check every code cell of the sample "${sample.title}"`, () => {
      const files: Record<string, string> = { ...GLOBALS };
      sample.create().cells.forEach((c, i) => {
        if (c.type === 'code') files[`/cell-${i}.ts`] = c.source;
      });
      expect(diagnostics(files)).toEqual([]);
    });
  }
});

/** The fenced ts/js code blocks of a Markdown file, with the line each starts on (indented blocks too). */
function codeBlocks(markdown: string): Array<{ line: number; code: string }> {
  const lines = markdown.split('\n');
  const found: Array<{ line: number; code: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(ts|typescript|js|javascript)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const start = i + 1;
    while (++i < lines.length && !/^\s*```\s*$/.test(lines[i]!));
    found.push({
      line: start,
      code: lines
        .slice(start, i)
        .map((l) => l.slice(indent))
        .join('\n'),
    });
  }
  return found;
}

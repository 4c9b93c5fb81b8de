// The editor's declarations of a cell's globals (cell-globals.d.ts.txt) are hand-kept; this compiles
// every sample notebook against them, the way the editor does (one script per cell, the same ignored
// diagnostics), so a sample that uses an undeclared API — or declarations that no longer parse — fail here.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../../../src/notebook/samples';

const GLOBALS = readFileSync(resolve(__dirname, '../../../src/ui/notebook/cell-globals.d.ts.txt'), 'utf8');
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
    .map((d) => `${d.file?.fileName ?? ''} ${d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

// Each program type-checks TypeScript's lib files: seconds, not milliseconds, on a busy machine.
describe('cell globals', { timeout: 60_000 }, () => {
  it('parse and type-check on their own', () => {
    expect(diagnostics({ '/globals.d.ts': GLOBALS })).toEqual([]);
  });

  it('catch a misspelled API in a cell', () => {
    const errs = diagnostics({ '/globals.d.ts': GLOBALS, '/cell.ts': 'await mlflow.logMetrik("a", 1);' });
    expect(errs.join('\n')).toMatch(/logMetrik/);
  });

  for (const sample of SAMPLES) {
    it(`type-check every code cell of the sample "${sample.title}"`, () => {
      const files: Record<string, string> = { '/globals.d.ts': GLOBALS };
      sample.create().cells.forEach((c, i) => {
        if (c.type === 'code') files[`/cell-${i}.ts`] = c.source;
      });
      expect(diagnostics(files)).toEqual([]);
    });
  }
});

// A cell's source → the source of an async function the kernel evaluates: TypeScript types stripped
// by sucrase (which keeps every line where it was), then parsed by acorn and rewritten by rewrite.ts.
// The prologue (interrupt counter, names, imports, hoisted functions) shares line 1 with the cell's
// first line, so line N of the generated function is line N of the cell and stack frames map 1:1.
import { transform } from 'sucrase';
import { parse } from 'acorn';
import MagicString from 'magic-string';
import type { AnyNode } from './bindings';
import { rewriteCell } from './rewrite';
import {
  CellSyntaxError,
  COUNTER_DECLARATION,
  KERNEL,
  MODULES,
  SCOPE,
  type ImportRecord,
  type NameLookup,
} from './cell-code';

export { CellSyntaxError } from './cell-code';

export interface TranspileOptions extends NameLookup {
  language: 'typescript' | 'javascript';
  /** Names the generated code in stack traces (`//# sourceURL=`). */
  sourceUrl: string;
}

export interface TranspiledCell {
  /** An expression: `(async function cell(__ks, __kk) { … })`, for indirect eval. */
  source: string;
  declared: string[];
  consts: string[];
  /** Kernel names used but not declared here (the kernel loads lazy globals such as `tf` first). */
  uses: string[];
  /** Names read that no cell had declared yet (a later cell may): with `uses`, every name the cell reads. */
  free: string[];
  imports: ImportRecord[];
  /** Whether the last statement is an expression whose value is the cell's result. */
  hasResult: boolean;
}

export function transpileCell(code: string, options: TranspileOptions): TranspiledCell {
  const ts = options.language === 'typescript';
  const js = ts ? stripTypes(code) : code;
  let program: AnyNode;
  try {
    program = parse(js, { ecmaVersion: 'latest', sourceType: 'module', locations: true }) as AnyNode;
  } catch (err) {
    throw syntaxError(err);
  }
  const s = new MagicString(js);
  const r = rewriteCell(s, js, program, options);
  s.prepend(prologue(r.imports, r.hoisted, ts));
  const source = `(async function cell(${SCOPE}, ${KERNEL}) {${s.toString()}\n})\n//# sourceURL=${options.sourceUrl}`;
  return {
    source,
    declared: r.declared,
    consts: r.consts,
    uses: r.uses,
    free: r.free,
    imports: r.imports,
    hasResult: r.hasResult,
  };
}

/**
 * TypeScript → JavaScript with the same lines. Imports are kept even when this cell does not use them
 * (a later cell may); `import type` and `type` specifiers go.
 */
export function stripTypes(code: string): string {
  try {
    return transform(code, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: true }).code;
  } catch (err) {
    throw syntaxError(err);
  }
}

function prologue(imports: ImportRecord[], hoisted: string[], ts: boolean): string {
  const parts = ['"use strict";', COUNTER_DECLARATION];
  if (imports.length) {
    const specs = imports.map((i) => ({ specifier: i.specifier, line: i.line }));
    parts.push(`const ${MODULES} = await ${KERNEL}.imports(${JSON.stringify(specs)});`);
    imports.forEach((imp, i) => {
      for (const b of imp.bindings) {
        const value =
          b.imported === '*'
            ? `${MODULES}[${i}]`
            : b.imported === 'default'
              ? `${KERNEL}.defaultExport(${MODULES}[${i}])`
              : `${KERNEL}.namedExport(${MODULES}[${i}], ${JSON.stringify(b.imported)}, ` +
                `${JSON.stringify(imp.specifier)}, ${imp.line}, ${ts})`;
        parts.push(`${SCOPE}.${b.local} = ${value};`);
      }
    });
  }
  for (const f of hoisted) parts.push(`${SCOPE}.${f} = ${f};`);
  return parts.join(' ') + ' ';
}

/** sucrase's and acorn's errors carry `loc` ({line, column}); the message gets the cell's wording. */
function syntaxError(err: unknown): Error {
  const e = err as { message?: string; loc?: { line: number; column: number } };
  if (!e?.loc) return err instanceof Error ? err : new Error(String(err));
  const message = (e.message ?? 'Invalid syntax').replace(/\s*\(\d+:\d+\)\s*$/, '');
  return new CellSyntaxError(`${message} (line ${e.loc.line}, column ${e.loc.column + 1})`, e.loc.line);
}

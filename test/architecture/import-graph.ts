// The import graph of src/, read with TypeScript's parser so that every way a module is pulled in
// counts: `import … from`, `export … from`, side-effect `import './x'`, `import('./x')`, and worker
// entries (`new Worker(new URL('./x', import.meta.url))`, `?worker`, `?url`, `?raw` suffixes).
// Type-only imports and exports are left out: they are erased and load nothing.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const SRC = resolve(__dirname, '../../src');

/** Every .ts/.tsx/.js file under `dir` (declaration files excluded). */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(tsx?|js)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The module specifiers a source text loads at run time, in order of appearance. */
export function runtimeImports(text: string, fileName = 'module.ts'): string[] {
  const source = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const out: string[] = [];
  const literal = (n: ts.Node | undefined) =>
    n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause &&
          !clause.name &&
          clause.namedBindings &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 &&
          clause.namedBindings.elements.every((e) => e.isTypeOnly));
      const spec = literal(node.moduleSpecifier);
      if (spec && !typeOnly) out.push(spec);
    } else if (ts.isExportDeclaration(node)) {
      const spec = literal(node.moduleSpecifier);
      const typeOnly =
        node.isTypeOnly ||
        (node.exportClause &&
          ts.isNamedExports(node.exportClause) &&
          node.exportClause.elements.length > 0 &&
          node.exportClause.elements.every((e) => e.isTypeOnly));
      if (spec && !typeOnly) out.push(spec);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const spec = literal(node.arguments[0]);
      if (spec) out.push(spec);
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL') {
      // new URL('./entry.ts', import.meta.url): a worker (or asset) the bundler follows.
      const [first, second] = node.arguments ?? [];
      const spec = literal(first);
      if (spec && second && second.getText(source) === 'import.meta.url') out.push(spec);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** For each file (relative to src/, no extension): the src/ modules it loads at run time. */
export function importGraph(files = sourceFiles(SRC)): Map<string, string[]> {
  const modules = new Set(files.map((f) => moduleName(relative(SRC, f))));
  const out = new Map<string, string[]>();
  for (const f of files) {
    const internal = runtimeImports(readFileSync(f, 'utf8'), f)
      .filter((s) => s.startsWith('.'))
      .map((s) => relative(SRC, resolve(dirname(f), s.replace(/\?.*$/, ''))))
      .filter((path) => !ASSET.test(path))
      .map((path) =>
        modules.has(moduleName(path))
          ? moduleName(path)
          : modules.has(`${path}/index`)
            ? `${path}/index`
            : moduleName(path),
      );
    out.set(moduleName(relative(SRC, f)), internal);
  }
  return out;
}

/** Files a module pulls in as data (styles, sample data, the editor's type text, package.json), not code. */
const ASSET = /\.(css|json|csv|txt|wasm|svg|png)$/;

/** `ui/app.tsx` → `ui/app`: how the rules name a module. */
export function moduleName(path: string): string {
  return path.replace(/\.(tsx?|css|js)$/, '');
}

/** The top-level folder of a module (`tracking/client` → `tracking`), or the file for src/'s own files. */
export function layer(module: string): string {
  return module.split('/')[0]!;
}

/** Every module reachable from `entry` through runtime imports. */
export function reachable(graph: Map<string, string[]>, entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const m = stack.pop()!;
    if (seen.has(m)) continue;
    seen.add(m);
    for (const d of graph.get(m) ?? []) stack.push(d);
  }
  return seen;
}

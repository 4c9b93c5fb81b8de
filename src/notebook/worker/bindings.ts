// Which names each scope of a cell binds, from the ESTree that acorn gives. The rewriter needs this to
// tell a cell-level name (kept in the kernel's scope object, so later cells see it) from a local one (a
// parameter, a block's `let`, a catch clause's error), which it must leave alone.
//
// Strict-mode rules, as cells run as modules do: function declarations in blocks are block-scoped, and
// `var` belongs to the nearest function (or to the cell, when outside every function).
import type { Node } from 'acorn';

// acorn's node types are a closed union; a loose view keeps this file short.
export type AnyNode = Node & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every name a binding pattern declares: `x`, `{ a, b: [c], ...d }`, `[e = 1]`. */
export function patternNames(pattern: AnyNode | null | undefined, out: string[] = []): string[] {
  if (!pattern) return out;
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties) patternNames(p.type === 'RestElement' ? p.argument : p.value, out);
      break;
    case 'ArrayPattern':
      for (const e of pattern.elements) patternNames(e, out);
      break;
    case 'RestElement':
      patternNames(pattern.argument, out);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left, out);
      break;
  }
  return out;
}

/** Names that `let`, `const`, `class` and `function` declare directly in a statement list. */
export function lexicalNames(statements: AnyNode[], out = new Set<string>()): Set<string> {
  for (const s of statements) {
    const d = s.type === 'ExportNamedDeclaration' && s.declaration ? s.declaration : s;
    if (d.type === 'VariableDeclaration' && d.kind !== 'var')
      for (const decl of d.declarations) patternNames(decl.id).forEach((n) => out.add(n));
    else if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) out.add(d.id.name);
  }
  return out;
}

/** Names `var` declares anywhere in `node` without entering a nested function (var hoisting). */
export function varNames(node: AnyNode | null | undefined, out = new Set<string>()): Set<string> {
  if (!node) return out;
  switch (node.type) {
    case 'VariableDeclaration':
      if (node.kind === 'var') for (const d of node.declarations) patternNames(d.id).forEach((n) => out.add(n));
      break;
    case 'ExportNamedDeclaration':
      varNames(node.declaration, out);
      break;
    case 'Program':
    case 'BlockStatement':
    case 'StaticBlock':
      for (const s of node.body) varNames(s, out);
      break;
    case 'IfStatement':
      varNames(node.consequent, out);
      varNames(node.alternate, out);
      break;
    case 'ForStatement':
      varNames(node.init, out);
      varNames(node.body, out);
      break;
    case 'ForInStatement':
    case 'ForOfStatement':
      varNames(node.left, out);
      varNames(node.body, out);
      break;
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'LabeledStatement':
      varNames(node.body, out);
      break;
    case 'TryStatement':
      varNames(node.block, out);
      varNames(node.handler?.body, out);
      varNames(node.finalizer, out);
      break;
    case 'SwitchStatement':
      for (const c of node.cases) for (const s of c.consequent) varNames(s, out);
      break;
  }
  return out;
}

/** The names a function binds for its whole body: parameters, `arguments`, its own name, vars and lexicals. */
export function functionNames(fn: AnyNode): Set<string> {
  const names = new Set<string>();
  for (const p of fn.params) patternNames(p).forEach((n) => names.add(n));
  if (fn.type !== 'ArrowFunctionExpression') names.add('arguments');
  if (fn.type === 'FunctionExpression' && fn.id) names.add(fn.id.name);
  if (fn.body.type === 'BlockStatement') {
    varNames(fn.body, names);
    lexicalNames(fn.body.body, names);
  }
  return names;
}

/** The names a cell declares at its top level: they persist into later cells. */
export function cellNames(program: AnyNode): Set<string> {
  const names = lexicalNames(program.body);
  varNames(program, names);
  for (const s of program.body) {
    if (s.type === 'ImportDeclaration') for (const spec of s.specifiers) names.add(spec.local.name);
  }
  return names;
}

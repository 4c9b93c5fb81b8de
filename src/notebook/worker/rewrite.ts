// Rewrites one cell (plain JavaScript by now) so that it runs as the body of an async function and still
// behaves like a notebook cell:
//
// - cell-level names live on the kernel's scope object: `const x = 1` becomes `void (__ks.x = 1)` and
//   every reference that resolves to the cell level reads `__ks.x`. Closures from earlier cells and later
//   cells therefore see one binding, and re-running `const x` just assigns again (as Jupyter and Deno
//   notebooks allow);
// - every loop body starts with a cheap interrupt check, and every `await` goes through `__kk.aw(…)`,
//   which checks again when the promise settles (and can be rejected by an interrupt while it waits);
// - `import` declarations are hoisted into the prologue (see transpile.ts) and `import()` resolves the
//   bundled packages by name;
// - the last expression statement becomes `return (…)`: the cell's result.
//
// Every edit stays on the line it replaces, so a stack frame's line is the cell's own line
// (line-keeping-edits.ts). What a name refers to, and what it becomes, is cell-names.ts's part.
// Insertion order matters where edits meet at one position: openers use appendRight in pre-order
// (outer first) and closers appendLeft in post-order (inner first), so nested wrappers stay nested.
import type MagicString from 'magic-string';
import { functionNames, lexicalNames, patternNames, varNames, type AnyNode } from './bindings';
import {
  COUNTER_DECLARATION,
  KERNEL,
  LOOP_CHECK,
  SCOPE,
  type ImportBinding,
  type ImportRecord,
  type NameLookup,
  type RewriteResult,
} from './cell-code';
import { CellNames, type Scope } from './cell-names';
import { LineKeepingEdits } from './line-keeping-edits';

export function rewriteCell(s: MagicString, source: string, program: AnyNode, lookup: NameLookup): RewriteResult {
  return new Rewriter(s, source, program, lookup).run();
}

/** Walks the cell's syntax tree once, editing as it goes; what names mean is CellNames' part. */
class Rewriter {
  private readonly edits: LineKeepingEdits;
  private readonly names: CellNames;
  private readonly hoisted: string[] = [];
  private readonly imports: ImportRecord[] = [];
  private hasResult = false;
  /** Whether the function being visited (innermost) has a loop of its own. */
  private fnHasLoop = false;

  constructor(
    private readonly s: MagicString,
    private readonly source: string,
    private readonly program: AnyNode,
    lookup: NameLookup,
  ) {
    this.edits = new LineKeepingEdits(s, source);
    this.names = new CellNames(this.edits, program, lookup);
  }

  run(): RewriteResult {
    const body: AnyNode[] = this.program.body;
    let last = body.length - 1;
    while (last >= 0 && body[last]!.type === 'EmptyStatement') last--;
    body.forEach((st, i) => {
      if (i === last && st.type === 'ExpressionStatement') {
        // The statement's bounds, not the expression's: `({ a } = o)` has its parentheses outside it.
        this.hasResult = true;
        this.s.appendRight(st.start, 'return (');
        this.visit(st.expression, null, false, st);
        this.s.appendLeft(this.source[st.end - 1] === ';' ? st.end - 1 : st.end, ')');
      } else {
        this.visit(st, null, false, this.program);
      }
    });
    return {
      ...this.names.summary(),
      hoisted: this.hoisted,
      imports: this.imports,
      hasResult: this.hasResult,
    };
  }

  private visit(node: AnyNode | null | undefined, scope: Scope | null, inFn: boolean, parent?: AnyNode): void {
    if (!node) return;
    switch (node.type) {
      case 'Identifier':
        return this.names.reference(node, 'read', scope);
      case 'VariableDeclaration':
        return this.declaration(node, scope, inFn, parent);
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return this.fn(node, scope, parent);
      case 'ClassDeclaration':
      case 'ClassExpression':
        return this.cls(node, scope, inFn, parent);
      case 'BlockStatement':
      case 'StaticBlock': {
        const inner = { names: lexicalNames(node.body), parent: scope };
        for (const st of node.body) this.visit(st, inner, inFn, node);
        return;
      }
      case 'SwitchStatement': {
        this.visit(node.discriminant, scope, inFn);
        const inner = { names: lexicalNames(node.cases.flatMap((c: AnyNode) => c.consequent)), parent: scope };
        for (const c of node.cases) {
          this.visit(c.test, inner, inFn);
          for (const st of c.consequent) this.visit(st, inner, inFn, c);
        }
        return;
      }
      case 'CatchClause': {
        const inner = { names: new Set(patternNames(node.param)), parent: scope };
        this.pattern(node.param, inner, inFn, 'bind');
        this.visit(node.body, inner, inFn, node);
        return;
      }
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
        return this.loop(node, scope, inFn);
      case 'AssignmentExpression':
        if (node.left.type === 'Identifier' && this.names.isConst(node.left, scope)) {
          this.names.constAssignment(node, node.left);
          this.visit(node.right, scope, inFn);
          this.s.appendLeft(node.end, ')');
          return;
        }
        if (node.left.type !== 'Identifier') this.pattern(node.left, scope, inFn, 'write');
        // `x += 1` on an unknown name stays as written: strict mode throws "x is not defined".
        else if (node.operator === '=' || this.names.resolve(node.left.name, scope) === 'cell')
          this.names.reference(node.left, 'write', scope);
        return this.visit(node.right, scope, inFn);
      case 'UpdateExpression':
        if (node.argument.type !== 'Identifier') return this.visit(node.argument, scope, inFn);
        if (this.names.isConst(node.argument, scope)) return this.names.constAssignment(node, node.argument);
        this.names.checkReserved(node.argument);
        if (this.names.resolve(node.argument.name, scope) === 'cell')
          this.names.reference(node.argument, 'write', scope);
        return;
      case 'UnaryExpression':
        if (node.operator === 'typeof' && node.argument.type === 'Identifier')
          return this.names.reference(node.argument, 'typeof', scope);
        return this.visit(node.argument, scope, inFn);
      case 'AwaitExpression':
        this.s.appendRight(node.argument.start, `${KERNEL}.aw(`);
        this.visit(node.argument, scope, inFn);
        this.s.appendLeft(node.argument.end, ')');
        return;
      case 'CallExpression':
      case 'TaggedTemplateExpression': {
        const callee = node.type === 'CallExpression' ? node.callee : node.tag;
        if (callee.type === 'Identifier') this.names.reference(callee, 'read', scope, false, true);
        else this.visit(callee, scope, inFn);
        if (node.type === 'CallExpression') for (const a of node.arguments) this.visit(a, scope, inFn);
        else this.visit(node.quasi, scope, inFn);
        return;
      }
      case 'MemberExpression':
        this.visit(node.object, scope, inFn);
        if (node.computed) this.visit(node.property, scope, inFn);
        return;
      case 'Property':
        if (node.computed) this.visit(node.key, scope, inFn);
        if (node.shorthand && node.value.type === 'Identifier')
          return this.names.reference(node.value, 'read', scope, true);
        return this.visit(node.value, scope, inFn);
      case 'LabeledStatement':
        return this.visit(node.body, scope, inFn, node);
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'MetaProperty':
      case 'Literal':
      case 'ThisExpression':
      case 'Super':
      case 'TemplateElement':
      case 'PrivateIdentifier':
        return;
      case 'ImportDeclaration':
        return this.importDeclaration(node);
      case 'ImportExpression':
        this.s.update(node.start, node.start + 'import'.length, `${KERNEL}.import`);
        this.visit(node.source, scope, inFn);
        this.visit(node.options, scope, inFn);
        return;
      case 'ExportNamedDeclaration':
        if (!node.declaration)
          throw this.edits.error(
            'A cell cannot export names: names it declares are already visible to later cells.',
            node,
          );
        this.edits.blank(node.start, node.declaration.start);
        return this.visit(node.declaration, scope, inFn, node);
      case 'ExportDefaultDeclaration':
      case 'ExportAllDeclaration':
        throw this.edits.error('A cell cannot export: declare a name instead (later cells see it).', node);
      default:
        return this.children(node, scope, inFn);
    }
  }

  private children(node: AnyNode, scope: Scope | null, inFn: boolean): void {
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'type') continue;
      const v = node[key];
      if (Array.isArray(v)) {
        for (const c of v) if (c && typeof c.type === 'string') this.visit(c, scope, inFn, node);
      } else if (v && typeof v === 'object' && typeof v.type === 'string') {
        this.visit(v, scope, inFn, node);
      }
    }
  }

  /** Binding patterns (`bind`: parameters, local declarations) and assignment targets (`write`). */
  private pattern(
    p: AnyNode | null | undefined,
    scope: Scope | null,
    inFn: boolean,
    mode: 'bind' | 'write' | 'declare',
  ): void {
    if (!p) return;
    switch (p.type) {
      case 'Identifier':
        this.names.checkReserved(p);
        if (mode === 'declare') this.s.update(p.start, p.end, `${SCOPE}.${p.name}`);
        else if (mode === 'write') this.names.reference(p, 'write', scope);
        return;
      case 'ObjectPattern':
        for (const prop of p.properties) {
          if (prop.type === 'RestElement') {
            this.pattern(prop.argument, scope, inFn, mode);
            continue;
          }
          if (prop.computed) this.visit(prop.key, scope, inFn);
          const target = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
          if (prop.shorthand && mode !== 'bind') {
            this.names.shorthandTarget(target, mode, scope);
            if (prop.value.type === 'AssignmentPattern') this.visit(prop.value.right, scope, inFn);
          } else {
            this.pattern(prop.value, scope, inFn, mode);
          }
        }
        return;
      case 'ArrayPattern':
        for (const e of p.elements) this.pattern(e, scope, inFn, mode);
        return;
      case 'RestElement':
        return this.pattern(p.argument, scope, inFn, mode);
      case 'AssignmentPattern':
        this.pattern(p.left, scope, inFn, mode);
        return this.visit(p.right, scope, inFn);
      default:
        // A member expression as an assignment target: `[obj.a, obj.b] = …`.
        return this.visit(p, scope, inFn);
    }
  }

  private declaration(node: AnyNode, scope: Scope | null, inFn: boolean, parent: AnyNode | undefined): void {
    const inHead =
      (parent?.type === 'ForStatement' && parent.init === node) ||
      ((parent?.type === 'ForInStatement' || parent?.type === 'ForOfStatement') && parent.left === node);
    const atCell = node.kind === 'var' ? !inFn : isCellLevel(parent);
    if (!atCell) {
      for (const d of node.declarations) {
        this.pattern(d.id, scope, inFn, 'bind');
        this.visit(d.init, scope, inFn);
      }
      return;
    }
    if (node.kind === 'const') this.names.declareConsts(node.declarations.flatMap((d: AnyNode) => patternNames(d.id)));
    // The keyword goes; a statement becomes `void (a = 1, {b: __ks.b} = o);` (parenthesised so an object
    // pattern is not read as a block, and `void` so no earlier line without a semicolon is continued).
    this.s.update(node.start, node.start + node.kind.length, inHead ? '' : 'void (');
    for (const d of node.declarations) {
      if (!d.init && !inHead && d.id.type === 'Identifier') {
        this.names.checkReserved(d.id);
        // `let x;` resets x as a fresh declaration would; `var x;` makes x exist but keeps its value.
        const value = node.kind === 'var' ? `${SCOPE}.${d.id.name}` : 'undefined';
        this.s.update(d.id.start, d.id.end, `${SCOPE}.${d.id.name} = ${value}`);
        continue;
      }
      this.pattern(d.id, scope, inFn, 'declare');
      this.visit(d.init, scope, inFn);
    }
    if (inHead) return;
    this.s.appendLeft(node.declarations.at(-1).end, ')');
    if (this.source[node.end - 1] !== ';') this.s.appendLeft(node.end, ';');
  }

  private fn(node: AnyNode, scope: Scope | null, parent: AnyNode | undefined): void {
    if (node.id) this.names.checkReserved(node.id);
    if (node.type === 'FunctionDeclaration' && isCellLevel(parent)) this.hoisted.push(node.id.name);
    const inner = { names: functionNames(node), parent: scope };
    const outerHasLoop = this.fnHasLoop;
    this.fnHasLoop = false;
    for (const p of node.params) this.pattern(p, inner, true, 'bind');
    if (node.body.type === 'BlockStatement') for (const st of node.body.body) this.visit(st, inner, true, node.body);
    else this.visit(node.body, inner, true, node);
    if (this.fnHasLoop) this.s.appendLeft(node.body.start + 1, COUNTER_DECLARATION);
    this.fnHasLoop = outerHasLoop;
  }

  private cls(node: AnyNode, scope: Scope | null, inFn: boolean, parent: AnyNode | undefined): void {
    if (node.id) this.names.checkReserved(node.id);
    const atCell = node.type === 'ClassDeclaration' && isCellLevel(parent);
    if (atCell) this.s.appendRight(node.start, `${SCOPE}.${node.id.name} = `);
    this.visit(node.superClass, scope, inFn);
    const inner = node.id ? { names: new Set<string>([node.id.name]), parent: scope } : scope;
    for (const el of node.body.body) {
      if (el.type === 'StaticBlock') {
        const block = { names: varNames(el, lexicalNames(el.body)), parent: inner };
        const outerHasLoop = this.fnHasLoop;
        this.fnHasLoop = false;
        for (const st of el.body) this.visit(st, block, true, el);
        if (this.fnHasLoop) this.s.appendLeft(this.source.indexOf('{', el.start) + 1, COUNTER_DECLARATION);
        this.fnHasLoop = outerHasLoop;
        continue;
      }
      if (el.computed) this.visit(el.key, inner, inFn);
      this.visit(el.value, inner, true, el);
    }
    if (atCell) this.s.appendLeft(node.end, ';');
  }

  private loop(node: AnyNode, scope: Scope | null, inFn: boolean): void {
    this.fnHasLoop = true;
    let inner = scope;
    const head =
      node.type === 'ForStatement'
        ? node.init
        : node.type === 'WhileStatement' || node.type === 'DoWhileStatement'
          ? null
          : node.left;
    if (head?.type === 'VariableDeclaration' && head.kind !== 'var') {
      inner = { names: new Set(head.declarations.flatMap((d: AnyNode) => patternNames(d.id))), parent: scope };
    }
    if (node.type === 'ForStatement') {
      this.visit(node.init, inner, inFn, node);
      this.visit(node.test, inner, inFn);
      this.visit(node.update, inner, inFn);
    } else if (node.type === 'ForInStatement' || node.type === 'ForOfStatement') {
      if (node.left.type === 'VariableDeclaration') this.declaration(node.left, inner, inFn, node);
      else this.pattern(node.left, scope, inFn, 'write');
      this.visit(node.right, scope, inFn);
    } else {
      this.visit(node.test, scope, inFn);
    }
    const body = node.body;
    if (body.type === 'BlockStatement') {
      this.s.appendLeft(body.start + 1, LOOP_CHECK);
      this.visit(body, inner, inFn, node);
    } else {
      this.s.appendRight(body.start, `{${LOOP_CHECK}`);
      this.visit(body, inner, inFn, node);
      this.s.appendLeft(body.end, '}');
    }
  }

  private importDeclaration(node: AnyNode): void {
    const bindings: ImportBinding[] = node.specifiers.map((spec: AnyNode) => {
      this.names.checkReserved(spec.local);
      const imported =
        spec.type === 'ImportDefaultSpecifier'
          ? 'default'
          : spec.type === 'ImportNamespaceSpecifier'
            ? '*'
            : (spec.imported.name ?? String(spec.imported.value));
      return { local: spec.local.name, imported };
    });
    this.imports.push({ specifier: String(node.source.value), line: node.loc?.start.line ?? 1, bindings });
    this.edits.blank(node.start, node.end);
  }
}

/** Whether a declaration's parent puts it at the cell's top level. */
function isCellLevel(parent: AnyNode | undefined): boolean {
  return parent?.type === 'Program' || parent?.type === 'ExportNamedDeclaration';
}

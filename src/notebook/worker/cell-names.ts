// What each name in a cell refers to, and how it is written once the cell is rewritten. Cell-level names
// and the kernel's variables live on the kernel's scope object (`x` becomes `__ks.x`, so earlier and
// later cells share one binding); a name no cell has declared yet is looked up when the code runs
// (`__kk.ref("x")`: a later cell may declare it before a function calling it runs); locals and the
// worker's globals stay as written. Along the way it records what the cell declares, which of those
// are const, which kernel names it uses and which it leaves free — the kernel's dependency tracking.
import { lexicalNames, varNames, type AnyNode } from './bindings';
import { KERNEL, RESERVED, SCOPE, type NameLookup, type RewriteResult } from './cell-code';
import type { LineKeepingEdits } from './line-keeping-edits';

/** A function's or block's own names, inside the scopes around it (null: the cell's top level). */
export interface Scope {
  names: Set<string>;
  parent: Scope | null;
}

export type Mode = 'read' | 'write' | 'typeof';

type Where = 'local' | 'cell' | 'global' | 'free';

export class CellNames {
  /** The names the cell declares at its top level (lexical, var and imported). */
  private readonly cell: Set<string>;
  private readonly consts = new Set<string>();
  private readonly declared = new Set<string>();
  private readonly uses = new Set<string>();
  private readonly free = new Set<string>();

  constructor(
    private readonly edits: LineKeepingEdits,
    program: AnyNode,
    private readonly lookup: NameLookup,
  ) {
    this.cell = new Set(lexicalNames(program.body));
    varNames(program, this.cell);
    for (const st of program.body) {
      if (st.type === 'ImportDeclaration') for (const spec of st.specifiers) this.cell.add(spec.local.name);
    }
  }

  resolve(name: string, scope: Scope | null): Where {
    for (let sc = scope; sc; sc = sc.parent) if (sc.names.has(name)) return 'local';
    if (this.cell.has(name) || this.lookup.kernelName(name)) return 'cell';
    return this.lookup.isGlobal(name) ? 'global' : 'free';
  }

  checkReserved(id: AnyNode): void {
    if (RESERVED.has(id.name))
      throw this.edits.error(`'${id.name}' is reserved by the notebook kernel; choose another name.`, id);
  }

  /** Names a cell-level `const` declares. */
  declareConsts(names: string[]): void {
    for (const n of names) this.consts.add(n);
  }

  /** An identifier read or written by the cell: cell-level names become `__ks.name`. */
  reference(id: AnyNode, mode: Mode, scope: Scope | null, shorthand = false, callee = false): void {
    this.checkReserved(id);
    const name: string = id.name;
    const where = this.resolve(name, scope);
    let text: string;
    if (where === 'local' || where === 'global') return;
    if (where === 'cell') {
      text = `${SCOPE}.${name}`;
      if (!this.cell.has(name)) this.uses.add(name);
    } else if (mode === 'write') {
      // Assigning an undeclared name makes a kernel variable, as a sloppy script would make a global.
      text = `${SCOPE}.${name}`;
      this.declared.add(name);
    } else {
      // Not known yet: a later cell may declare it before this code runs (a function called later).
      this.free.add(name);
      text = `${KERNEL}.${mode === 'typeof' ? 'peek' : 'ref'}(${JSON.stringify(name)})`;
    }
    // `f()` must not become a method call on the scope object (`this` would be the kernel's scope).
    if (callee && where === 'cell') text = `(0, ${text})`;
    this.edits.s.update(id.start, id.end, shorthand ? `${name}: ${text}` : text);
  }

  /**
   * The target of a shorthand property in a pattern that writes or declares (`{ a } = o`, `const { a } = o`):
   * `{ a }` becomes `{ a: __ks.a }` (and `{ a = 1 }` becomes `{ a: __ks.a = 1 }`).
   */
  shorthandTarget(target: AnyNode, mode: 'write' | 'declare', scope: Scope | null): void {
    this.checkReserved(target);
    const where = mode === 'declare' ? 'cell' : this.resolve(target.name, scope);
    if (where === 'local' || where === 'global') return;
    this.edits.s.update(target.start, target.end, `${target.name}: ${SCOPE}.${target.name}`);
    if (where === 'free') this.declared.add(target.name);
    else if (where === 'cell' && !this.cell.has(target.name)) this.uses.add(target.name);
  }

  isConst(id: AnyNode, scope: Scope | null): boolean {
    if (this.resolve(id.name, scope) !== 'cell') return false;
    return this.consts.has(id.name) || (!this.cell.has(id.name) && this.lookup.kernelName(id.name) === 'const');
  }

  /**
   * `x = v` / `x++` on a const: evaluate, then throw the TypeError JavaScript would. For an assignment
   * the caller visits the right-hand side, then closes the call.
   */
  constAssignment(node: AnyNode, id: AnyNode): void {
    const call = `${KERNEL}.constAssign(${JSON.stringify(id.name)}`;
    if (node.type === 'UpdateExpression') {
      this.edits.s.update(node.start, node.end, `${call})` + this.edits.newlines(node.start, node.end));
      return;
    }
    this.edits.s.update(id.start, id.end, `${call}, `);
    this.edits.blank(id.end, node.right.start);
  }

  /** What the cell declares, of those the consts, and the kernel names it uses or leaves free. */
  summary(): Pick<RewriteResult, 'declared' | 'consts' | 'uses' | 'free'> {
    const declared = new Set([...this.declared, ...this.cell]);
    return {
      declared: [...declared],
      consts: [...this.consts],
      uses: [...this.uses].filter((n) => !declared.has(n)),
      free: [...this.free].filter((n) => !declared.has(n)),
    };
  }
}

// The vocabulary the generated code, the rewriter, the transpiler and the runtime share: the names the
// kernel reserves in cells, the interrupt check put in loops, what the rewriter reports about a cell,
// and the error for a cell the kernel refuses to run.

export const SCOPE = '__ks';
export const KERNEL = '__kk';
export const COUNTER = '__kc';
export const MODULES = '__km';
export const RESERVED = new Set([SCOPE, KERNEL, COUNTER, MODULES]);

/** The interrupt check put at the top of every loop body: a counter, and a real check every so often. */
export const LOOP_CHECK = `if (--${COUNTER} < 0) ${COUNTER} = ${KERNEL}.poll();`;
/**
 * Each function whose body has loops gets its own counter. A counter shared through a closure would be
 * a heap variable written every iteration (2–3× slower on a tight loop); a local one costs nothing
 * measurable (bench/notebook-interrupt.bench.ts).
 */
export const COUNTER_DECLARATION = `let ${COUNTER} = ${KERNEL}.b;`;

export interface NameLookup {
  /** How the kernel already knows a name (from earlier cells or as a global it gives cells). */
  kernelName(name: string): 'const' | 'let' | undefined;
  /** A global of the worker (Math, fetch, …): references to it are left alone. */
  isGlobal(name: string): boolean;
}

export interface ImportBinding {
  local: string;
  /** `default`, `*` (namespace) or the exported name. */
  imported: string;
}

export interface ImportRecord {
  specifier: string;
  line: number;
  bindings: ImportBinding[];
}

export interface RewriteResult {
  /** Names the cell puts on the kernel's scope (declared, imported, or assigned without declaring). */
  declared: string[];
  /** Of those, the ones declared `const`. */
  consts: string[];
  /** Kernel names the cell uses without declaring them. */
  uses: string[];
  /** Names it reads that no cell had declared when it was transpiled (looked up when the code runs). */
  free: string[];
  /** Cell-level function declarations: hoisted, so the prologue copies them to the scope. */
  hoisted: string[];
  imports: ImportRecord[];
  hasResult: boolean;
}

/** A cell the kernel refuses to run, with the 1-based line of the problem. */
export class CellSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'SyntaxError';
  }
}

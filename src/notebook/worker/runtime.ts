// The `__kk` object transpiled cells call into: interrupt checks, names not known at transpile time,
// imports, and the const-assignment error. One per kernel, not per execution: a function defined in an
// earlier cell keeps the runtime it was made with and must still see the current interrupt state.
import type { InterruptController } from './interrupt';
import type { KernelScope } from './scope';
import { defaultExport, importModule, namedExport, withCellLine } from './modules';

export interface CellRuntime {
  /** The countdown a function's loops start from (a plain property: read at every call of a function with loops). */
  b: number;
  poll(): number;
  aw<T>(value: T): T | Promise<Awaited<T>>;
  ref(name: string): unknown;
  peek(name: string): unknown;
  constAssign(name: string, value?: unknown): never;
  import(specifier: string): Promise<unknown>;
  imports(specs: ReadonlyArray<{ specifier: string; line: number }>): Promise<unknown[]>;
  defaultExport(module: unknown): unknown;
  namedExport(module: unknown, name: string, specifier: string, line: number, mayBeType?: boolean): unknown;
}

export function createRuntime(scope: KernelScope, interrupts: InterruptController): CellRuntime {
  const runtime: CellRuntime = {
    b: interrupts.budget,
    poll: () => (runtime.b = interrupts.poll()),
    aw: (value) => interrupts.aw(value),
    ref: (name) => scope.ref(name),
    peek: (name) => scope.peek(name),
    constAssign(name) {
      throw new TypeError(`Assignment to constant variable '${name}'.`); // V8: "Assignment to constant variable."
    },
    import: (specifier) => importModule(String(specifier)),
    imports: (specs) =>
      Promise.all(
        specs.map(({ specifier, line }) =>
          importModule(specifier).catch((err: unknown) => {
            throw err instanceof Error ? withCellLine(err, line) : err;
          }),
        ),
      ),
    defaultExport,
    namedExport,
  };
  return runtime;
}

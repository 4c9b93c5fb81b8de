// The kernel's variables: one object holding every cell-level name of every cell run so far. Transpiled
// cells read and write it as `__ks.name`, so a closure made in one cell and a later cell see the same
// binding. A plain object, not a Proxy, and kept in V8's fast-properties mode, because a top-level loop
// reads and writes it every iteration:
//
//   - the globals the kernel gives cells live on its prototype (a null-prototype object: no
//     `constructor` or `toString` is ever found by accident), so a cell that declares `display` shadows
//     the builtin for everyone without touching it;
//   - cells add their names with ordinary named stores (`__ks.x = …` in the generated code). Adding
//     names with computed keys (`values[name] = …`) makes V8 switch the object to dictionary mode after
//     a couple of dozen names, and every access then costs a hash lookup (~5× slower on a loop over
//     cell-level variables, measured in bench/notebook-interrupt.bench.ts).

export type NameKind = 'const' | 'let' | 'builtin';

export interface ScopeEntry {
  name: string;
  kind: NameKind;
  /** `typeof` the value, or the class name of an object ("DataFrame", "Array"). */
  type: string;
}

export class KernelScope {
  private readonly builtins: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  readonly values: Record<string, unknown> = Object.create(this.builtins) as Record<string, unknown>;
  private readonly kinds = new Map<string, NameKind>();
  private readonly lazy = new Map<string, () => Promise<unknown>>();

  /** A global the kernel gives cells; a cell may still declare its own name over it. */
  defineBuiltin(name: string, value: unknown): void {
    this.builtins[name] = value;
    this.kinds.set(name, 'builtin');
  }

  /** A builtin loaded on first use (tfjs and danfojs are megabytes: only cells that use them pay). */
  defineLazy(name: string, load: () => Promise<unknown>): void {
    this.lazy.set(name, load);
    this.kinds.set(name, 'builtin');
  }

  /** How the transpiler should treat a name already known to the kernel. */
  kernelName(name: string): 'const' | 'let' | undefined {
    const kind = this.kinds.get(name);
    return kind === 'const' ? 'const' : kind ? 'let' : undefined;
  }

  /** Loads the lazy builtins among `names` that are not loaded yet. */
  async load(names: Iterable<string>): Promise<string[]> {
    const loaded: string[] = [];
    for (const name of names) {
      const load = this.lazy.get(name);
      if (!load || this.kinds.get(name) !== 'builtin') continue;
      this.lazy.delete(name);
      try {
        this.builtins[name] = await load();
      } catch (err) {
        this.lazy.set(name, load); // try again next time
        throw err;
      }
      loaded.push(name);
    }
    return loaded;
  }

  /** Names a cell declared: `const` ones are refused reassignment by later cells (as in one script). */
  record(declared: readonly string[], consts: readonly string[]): void {
    const c = new Set(consts);
    for (const name of declared) {
      this.kinds.set(name, c.has(name) ? 'const' : 'let');
      this.lazy.delete(name);
    }
  }

  // ── called by transpiled cells through the runtime ──────────────────────────

  /** A name no cell had declared when this code was transpiled: a later cell may have since. */
  ref(name: string): unknown {
    if (name in this.values) return this.values[name];
    if (name in globalThis) return (globalThis as Record<string, unknown>)[name];
    throw new ReferenceError(`${name} is not defined`);
  }

  /** `typeof name` for such a name: never throws. */
  peek(name: string): unknown {
    return name in this.values ? this.values[name] : (globalThis as Record<string, unknown>)[name];
  }

  // ── for the editor ─────────────────────────────────────────────────────────

  entries(includeBuiltins = false): ScopeEntry[] {
    const out: ScopeEntry[] = [];
    for (const [name, kind] of this.kinds) {
      if (kind === 'builtin' && !includeBuiltins) continue;
      out.push({ name, kind, type: typeName(this.values[name]) });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const ctor = (value as { constructor?: { name?: string } }).constructor;
  if ((value as { $isSeries?: boolean }).$isSeries !== undefined)
    return (value as { $isSeries: boolean }).$isSeries ? 'Series' : 'DataFrame';
  return ctor?.name || 'Object';
}

// The cell transpiler: TypeScript stripped, cell-level names kept across cells, top-level await, the
// last expression as the result, imports by package name, lines kept, and loop/await instrumentation
// that changes no program's meaning. Cells run here through the same pieces the kernel uses (scope,
// runtime, interrupt controller), without a kernel or a worker.
import { describe, expect, it } from 'vitest';
import { transpileCell, stripTypes, CellSyntaxError } from '../../src/notebook/worker/transpile';
import { KernelScope } from '../../src/notebook/worker/scope';
import { InterruptController } from '../../src/notebook/worker/interrupt';
import { createRuntime } from '../../src/notebook/worker/runtime';
import { LOOP_CHECK } from '../../src/notebook/worker/cell-code';
import { KernelError } from '../../src/notebook/worker/errors';

// biome-ignore lint/security/noGlobalEval: runs the transpiled cell as the kernel does
const globalEval = eval;

function session() {
  const scope = new KernelScope();
  const interrupts = new InterruptController();
  const runtime = createRuntime(scope, interrupts);
  let n = 0;
  const transpile = (code: string, language: 'typescript' | 'javascript' = 'typescript') =>
    transpileCell(code, {
      language,
      sourceUrl: `kiroku-cell-${++n}.js`,
      kernelName: (x) => scope.kernelName(x),
      isGlobal: (x) => x in globalThis,
    });
  const run = async (code: string, language: 'typescript' | 'javascript' = 'typescript'): Promise<unknown> => {
    const cell = transpile(code, language);
    scope.record(cell.declared, cell.consts);
    const fn = globalEval(cell.source) as (s: Record<string, unknown>, r: unknown) => Promise<unknown>;
    return fn(scope.values, runtime);
  };
  return { scope, interrupts, run, transpile };
}

/** The same program run plainly, for comparison: the code as the body of an async function. */
async function plain(body: string): Promise<unknown> {
  const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => () => Promise<unknown>;
  return new AsyncFunction(body)();
}

describe('TypeScript', () => {
  it('strips types and keeps every line where it was', () => {
    const ts =
      'interface P {\n  x: number;\n}\nconst p: P = { x: 1 } as P;\nenum E { A, B }\nfunction f<T>(x: T): T { ' +
      'return x }\n';
    const js = stripTypes(ts);
    expect(js.split('\n')).toHaveLength(ts.split('\n').length);
    expect(js).not.toMatch(/interface|: number|as P|<T>/);
  });

  it('runs typed code and returns its last expression', async () => {
    const { run } = session();
    expect(await run('const x: number = 20;\ntype T = { a: string };\nconst t: T = { a: "b" };\nx + t.a.length')).toBe(
      21,
    );
  });

  it('keeps imports a later cell may use, and drops type-only ones', () => {
    const { transpile } = session();
    const cell = transpile("import { mlflow } from 'kiroku';\nimport type { Run } from 'kiroku';\n1");
    expect(cell.imports.map((i) => i.bindings.map((b) => b.local))).toEqual([['mlflow']]);
  });

  it('reports syntax errors with the line of the problem', () => {
    const { transpile } = session();
    const err = (() => {
      try {
        transpile('const a = 1;\nconst = 2;');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CellSyntaxError);
    expect((err as CellSyntaxError).line).toBe(2);
    expect((err as Error).message).toMatch(/line 2/);
    expect(() => transpile('let x: = 1', 'typescript')).toThrow(CellSyntaxError);
  });
});

describe('names persist across cells', () => {
  it('keeps const, let, var, functions and classes for later cells', async () => {
    const { run } = session();
    await run(
      'const x = 1;\nlet y = 2;\nvar z = 3;\nfunction f() { return x + y + z }\nclass A { get v() { return f() * ' +
        '10 } }',
    );
    expect(await run('new A().v')).toBe(60);
  });

  it('lets a cell that declares const run again, and a later cell re-declare the name', async () => {
    const { run } = session();
    await run('const x = 1');
    await run('const x = 1');
    await run('const x = 2; let y = x');
    expect(await run('[x, y]')).toEqual([2, 2]);
  });

  it('destructures into cell-level names', async () => {
    const { run } = session();
    await run('const { a, b: [c, d = 4], ...rest } = { a: 1, b: [3], e: 5, f: 6 };\nlet [p, , q] = [7, 8, 9];');
    expect(await run('[a, c, d, rest, p, q]')).toEqual([1, 3, 4, { e: 5, f: 6 }, 7, 9]);
  });

  it('shares one binding between closures and later cells', async () => {
    const { run } = session();
    await run('let count = 0;\nconst inc = () => ++count;');
    expect(await run('inc(); inc(); count')).toBe(2);
    expect(await run('count = 10; inc()')).toBe(11);
  });

  it('resolves a name a later cell declares when the function runs', async () => {
    const { run } = session();
    await run('function g() { return later * 2 }');
    await expect(run('g()')).rejects.toThrow(/later is not defined/);
    expect(await run('const later = 21;\ng()')).toBe(42);
    expect(await run('typeof neverDeclared')).toBe('undefined');
  });

  it('leaves parameters, locals and catch bindings that shadow cell names alone', async () => {
    const { run } = session();
    await run('const n = 1;');
    expect(
      await run(
        'function h(n) { return n * 2 }\nlet out = [];\nfor (const n of [5]) out.push(h(n));\ntry { throw 3 } ' +
          'catch (n) { out.push(n) }\n{ const n = 9; out.push(n) }\nout.push(n); out',
      ),
    ).toEqual([10, 3, 9, 1]);
  });

  it('hoists function declarations within the cell', async () => {
    const { run } = session();
    expect(await run('const r = twice(4);\nfunction twice(v) { return v * 2 }\nr')).toBe(8);
  });

  it('makes a variable of an undeclared assignment, as a script would', async () => {
    const { run } = session();
    await run('u = 5; ({ w } = { w: 6 })');
    expect(await run('u + w')).toBe(11);
  });

  it('refuses to assign a const, in the same cell and in later ones', async () => {
    const { run } = session();
    await expect(run('const k = 1;\nk = 2;')).rejects.toThrow(TypeError);
    await expect(run('k++')).rejects.toThrow(/constant variable 'k'/);
    await expect(run('k += 1')).rejects.toThrow(TypeError);
    expect(await run('k')).toBe(1);
  });

  it('expands shorthand properties and keeps methods and getters working', async () => {
    const { run } = session();
    await run('const x = 3, y = 4;');
    expect(
      await run('const o = { x, y, get sum() { return this.x + this.y }, [`k${x}`]: true };\n[o.sum, o.k3]'),
    ).toEqual([7, true]);
  });

  it('keeps the value of a re-declared var, and resets a re-declared let', async () => {
    const { run } = session();
    await run('var v = 1;\nlet l = 1;');
    await run('var v;\nlet l;');
    expect(await run('[v, l]')).toEqual([1, undefined]);
    await run('var fresh;');
    expect(await run('typeof fresh')).toBe('undefined');
  });

  it('lets a cell shadow a builtin for later cells without changing the builtin', async () => {
    const { run, scope } = session();
    scope.defineBuiltin('display', 'builtin');
    expect(await run('display')).toBe('builtin');
    await run('const display = "mine";');
    expect(await run('display')).toBe('mine');
    expect(scope.entries(true).find((e) => e.name === 'display')).toMatchObject({ kind: 'const', type: 'string' });
    // No Object.prototype behind the scope: these are ordinary names.
    expect(await run('let __proto__ = 5;\nconst constructor = 6;\n[__proto__, constructor]')).toEqual([5, 6]);
  });

  it('keeps a top-level var of a for loop', async () => {
    const { run } = session();
    await run('for (var i = 0; i < 3; i++) {}\nfor (var key in { a: 1, b: 2 });');
    expect(await run('[i, key]')).toEqual([3, 'b']);
  });

  it('reports the names a cell declares and the kernel names it uses', () => {
    const { transpile, scope } = session();
    scope.defineBuiltin('mlflow', {});
    const cell = transpile('const a = 1; let b; function c() {}; class D {}; mlflow.x; u = 2;');
    expect(new Set(cell.declared)).toEqual(new Set(['a', 'b', 'c', 'D', 'u']));
    expect(cell.consts).toEqual(['a']);
    expect(cell.uses).toEqual(['mlflow']);
  });

  it('reserves the kernel’s own names', () => {
    const { transpile } = session();
    expect(() => transpile('const __ks = 1')).toThrow(/reserved/);
    expect(() => transpile('function f(__kk) {}')).toThrow(/reserved/);
  });
});

describe('results and await', () => {
  it('awaits at the top level', async () => {
    const { run } = session();
    expect(await run('const v = await Promise.resolve(5);\nawait new Promise((r) => setTimeout(r, 1));\nv * 2')).toBe(
      10,
    );
  });

  it('returns the last expression statement only', async () => {
    const { run, transpile } = session();
    expect(await run('1 + 1;')).toBe(2);
    expect(await run('let a = 1;')).toBeUndefined();
    expect(await run("'text'")).toBe('text');
    expect(await run('if (true) { 5 }')).toBeUndefined();
    expect(transpile('let q = 1\n;;').hasResult).toBe(false);
  });

  it('allows exported declarations (their names persist) and refuses other exports', async () => {
    const { run, transpile } = session();
    await run('export const e = 1;\nexport function ef() { return e }');
    expect(await run('ef()')).toBe(1);
    expect(() => transpile('export default 1')).toThrow(/cannot export/);
  });
});

describe('imports', () => {
  it('imports the bundled packages by name, hoisted above the code', async () => {
    const { run } = session();
    expect(
      await run("const m = k.mlflow === mlflow;\nimport * as k from 'kiroku';\nimport { mlflow } from 'kiroku';\nm"),
    ).toBe(true);
    expect(await run("import dfd from 'danfojs';\ntypeof dfd.DataFrame")).toBe('function');
    expect(await run("const mod = await import('kiroku');\ntypeof mod.mlflow.startRun")).toBe('function');
  }, 60_000); // danfojs (with TensorFlow.js) takes seconds to load in Node

  it('refuses unknown packages and missing exports with the line of the import', async () => {
    const { run } = session();
    const missing = await run("1;\nimport { nope } from 'kiroku';", 'javascript').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(SyntaxError);
    expect((missing as { cellLine?: number }).cellLine).toBe(2);
    const unknown = await run("import x from 'left-pad';").catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(KernelError);
    expect((unknown as Error).message).toMatch(/Cannot import 'left-pad'.*'kiroku', 'danfojs', '@tensorflow\/tfjs'/);
  });

  it('imports a name that may be a type as undefined in TypeScript', async () => {
    const { run } = session();
    expect(await run("import { RunThatIsAType } from 'kiroku';\nRunThatIsAType")).toBeUndefined();
  });
});

describe('line numbers', () => {
  const cases = [
    'const a = 1;\nconst { b } = { b: 2 };\nfor (;;) break;\nwhile (false) a;\nclass C {}\nthrow new Error("here")',
    "import * as k from 'kiroku';\n\nlet x;\nvar y;\nawait null;\nfunction f() {\n  for (const i of [1]) {\n    x " +
      "= i;\n  }\n}\nthrow new Error('here')",
    'interface I {\n  a: number\n}\ntype T = string;\nconst v: I = { a: 1 };\nthrow new Error("here")',
  ];
  for (const [i, code] of cases.entries()) {
    it(`keeps the line of every statement (case ${i + 1})`, async () => {
      const { run, transpile } = session();
      const body = transpile(code).source;
      // The generated function has the cell's lines, plus the closing line and the sourceURL comment.
      expect(body.split('\n')).toHaveLength(code.split('\n').length + 2);
      const err = (await run(code).catch((e: unknown) => e)) as Error;
      const line = Number(/kiroku-cell-\d+\.js:(\d+)/.exec(err.stack ?? '')?.[1]);
      expect(line).toBe(code.split('\n').length);
    });
  }
});

describe('instrumentation', () => {
  it('puts a check in every loop body and wraps every await', () => {
    const { transpile } = session();
    const src = transpile(
      'for (let i = 0; i < 2; i++) a();\nwhile (c) { b() }\ndo x(); while (y)\nfor (const k in o) ;\nfor (const v ' +
        'of l) {}\nconst f = async () => { await g(); for await (const z of s()) {} }',
    ).source;
    expect(src.split(LOOP_CHECK)).toHaveLength(7); // six loops
    expect(src.match(/__kk\.aw\(/g)).toHaveLength(1);
  });

  // Programs whose value must not change: compared with the same code run as a plain async function.
  const programs: Array<[string, string]> = [
    [
      'labeled continue and break',
      'const out = [];\nouter: for (let i = 0; i < 4; i++) {\n  for (let j = 0; j < 4; j++) {\n    if (j === 2) ' +
        'continue outer;\n    if (i === 3) break outer;\n    out.push(`${i}${j}`);\n  }\n}\nreturn out;',
    ],
    ['for without braces', 'let s = 0;\nfor (let i = 0; i < 5; i++) if (i % 2) s += i; else s -= 1;\nreturn s;'],
    ['do-while without braces', 'let n = 0;\ndo n += 3; while (n < 10)\nreturn n;'],
    ['while with an empty body', 'let k = 0;\nwhile (k++ < 7);\nreturn k;'],
    [
      'closures in loops capture per-iteration bindings',
      'const fs = [];\nfor (let i = 0; i < 3; i++) fs.push(() => i);\nreturn fs.map((f) => f());',
    ],
    [
      'arrow function bodies with loops',
      'const sum = (xs) => { let t = 0; for (const x of xs) t += x; return t };\nconst sq = (xs) => xs.map((x) => ' +
        'x * x);\nreturn [sum([1, 2, 3]), sq([1, 2])];',
    ],
    [
      'async generators and for await',
      'async function* gen() { for (let i = 0; i < 3; i++) { await null; yield i * 2 } }\nconst got = [];\nfor ' +
        'await (const v of gen()) got.push(v);\nreturn got;',
    ],
    [
      'await in expressions',
      'const a = (await Promise.resolve(2)) + (await 3);\nconst b = await Promise.all([1, 2].map(async (x) => ' +
        '(await x) * 10));\nreturn [a, b];',
    ],
    [
      'rejections surface as exceptions',
      'try { await Promise.reject(new Error("no")) } catch (e) { return e.message }',
    ],
    [
      'switch with lexical cases',
      'function f(x) { switch (x) { case 1: { let y = "one"; return y } default: const z = "many"; return z } ' +
        '}\nreturn [f(1), f(2)];',
    ],
    ['labeled blocks', 'let r = 0;\nblk: { r = 1; break blk; }\nreturn r;'],
    ['for-in over an object', 'const keys = [];\nfor (const k in { a: 1, b: 2 }) keys.push(k);\nreturn keys;'],
    ['generators', 'function* g() { let i = 0; while (i < 3) yield i++; }\nreturn [...g()];'],
    [
      'classes with static blocks and fields',
      'class A { static n = 0; x = 1; static { for (let i = 0; i < 3; i++) A.n += i } }\nreturn [A.n, new A().x];',
    ],
  ];
  for (const [name, body] of programs) {
    it(`keeps the meaning of ${name}`, async () => {
      const { run } = session();
      const cell = body
        .replace(/\nreturn (.*);$/, '\n$1;')
        .replace(
          /^try \{ (.*) \} catch \(e\) \{ return e\.message \}$/,
          'let m; try { $1 } catch (e) { m = e.message }\nm',
        );
      expect(await run(cell, 'javascript')).toEqual(await plain(body));
    });
  }
});

describe('calls', () => {
  it('calls cell-level functions without a receiver, as plain calls', async () => {
    const { run } = session();
    await run('function who() { return this }\nconst tag = function (s) { return [this, s[0]] };');
    expect(await run('who()')).toBeUndefined();
    expect(await run('tag`x`')).toEqual([undefined, 'x']);
    expect(await run('const o = { who }; o.who() === o')).toBe(true);
  });
});

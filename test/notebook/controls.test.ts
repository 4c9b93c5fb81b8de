// Live inputs in the kernel: what `ui.*` makes and shows, the checks on what a cell asks for, the
// values the page may set (brought into range as the browser's own control would), and the cells a
// change reruns — found with the kernel's own reading of each cell.
import { afterEach, describe, expect, it } from 'vitest';
import { startKernel } from './kernel-harness';
import { snap } from '../../src/notebook/worker/controls';
import type { ControlChangeReply, ControlSpec, KernelMessage } from '../../src/notebook/protocol';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dispose = undefined;
});

async function kernel() {
  const k = await startKernel({ console: null });
  dispose = k.dispose;
  return k;
}

const CONTROL = 'application/vnd.kiroku.control+json';

type K = Awaited<ReturnType<typeof kernel>>;

async function change(
  k: K,
  controlId: string,
  value: unknown,
  cells: Array<[string, string]> = [],
): Promise<ControlChangeReply> {
  const requestId = `r${k.messages.length}`;
  await k.kernel.handle({
    type: 'control_change',
    requestId,
    controlId,
    value: value as never,
    cells: cells.map(([cellId, code]) => ({ cellId, code, language: 'typescript' })),
  });
  return k.messages.find(
    (m: KernelMessage): m is ControlChangeReply => m.type === 'control_reply' && m.requestId === requestId,
  )!;
}

describe('ui controls', () => {
  it('shows a slider as a control bundle with its spec, and cells read its value', async () => {
    const k = await kernel();
    const made = await k.run(
      "const alpha = ui.slider({ min: 0.01, max: 2, step: 0.01, value: 0.5, label: 'alpha' });\nalpha",
    );
    const spec = made.result![CONTROL] as ControlSpec;
    expect(spec).toMatchObject({ kind: 'slider', label: 'alpha', min: 0.01, max: 2, step: 0.01, value: 0.5 });
    expect(spec.id).toMatch(/^slider-[0-9a-f]{12}$/);
    expect(made.result!['text/plain']).toBe('[slider alpha = 0.5]');
    expect((await k.run('alpha.value * 2')).result).toEqual({ 'text/plain': '1' });
  });

  it('display(control) draws it too, and controls in other kernels get other ids', async () => {
    const k = await kernel();
    const shown = await k.run("const c = ui.checkbox({ label: 'log scale' });\ndisplay(c);\ndisplay(ui.checkbox())");
    const [a, b] = shown.displays.map((d) => d.data[CONTROL] as ControlSpec);
    expect(a).toMatchObject({ kind: 'checkbox', label: 'log scale', value: false });
    expect(b).toMatchObject({ kind: 'checkbox', label: 'checkbox', value: false });
    expect(a!.id).not.toBe(b!.id);
  });

  it('refuses bad options with a message naming the option and the value', async () => {
    const k = await kernel();
    const msg = async (code: string) => (await k.run(code)).error?.evalue;
    expect(await msg('ui.slider({ min: 5, max: 1 })')).toBe('ui.slider: min (5) must be less than max (1).');
    expect(await msg('ui.slider({ step: 0 })')).toBe('ui.slider: step must be greater than 0, not 0.');
    expect(await msg("ui.slider({ value: '3' })")).toBe('ui.slider: value must be a finite number, not "3".');
    expect(await msg('ui.slider(3)')).toBe(
      "ui.slider: expected an options object, e.g. ui.slider({ label: 'alpha' }), not 3.",
    );
    expect(await msg("ui.slider({ label: '' })")).toBe('ui.slider: label must be a non-empty string, not "".');
    expect(await msg('ui.select({ options: [] })')).toBe(
      'ui.select: options must be a non-empty array (of strings, numbers or booleans, or { label, value } objects).',
    );
    expect(await msg("ui.select({ options: ['a', {}] })")).toBe(
      'ui.select: option 1 must be a string, number or boolean (or { label, value } with one), not undefined.',
    );
    expect(await msg("ui.select({ options: ['a'], value: 'b' })")).toBe(
      'ui.select: value "b" is not one of the options.',
    );
    expect(await msg("ui.checkbox({ value: 'yes' })")).toBe('ui.checkbox: value must be true or false, not "yes".');
    expect(await msg('ui.number({ min: 3, max: 1 })')).toBe('ui.number: min (3) must not be greater than max (1).');
    expect(await msg('ui.text({ value: 3 })')).toBe('ui.text: value must be a string, not 3.');
  });

  it('puts an initial slider value on its steps, in range', async () => {
    const k = await kernel();
    const spec = async (code: string) => (await k.run(code)).result![CONTROL] as ControlSpec;
    expect((await spec('ui.slider({ min: 0, max: 1, step: 0.1, value: 0.34 })')).value).toBe(0.3);
    expect((await spec('ui.slider({ min: 0, max: 1, step: 0.1, value: 7 })')).value).toBe(1);
    expect(await spec('ui.slider({ min: 1, max: 10 })')).toMatchObject({ value: 1, step: 0.09 });
    expect(snap(0.7, 0, 1, 0.1)).toBe(0.7); // 7 × 0.1 is 0.7000000000000001 in floats
    expect(snap(0.95, 0, 1, 0.3)).toBe(0.9); // the last step inside max
    expect(snap(3.3e-7, 0, 1e-6, 1e-7)).toBe(3e-7);
  });

  it('takes the values the page sends, as the browser control would keep them', async () => {
    const k = await kernel();
    const ids: Record<string, string> = {};
    for (const [name, code] of Object.entries({
      s: 'ui.slider({ min: 0, max: 1, step: 0.25, value: 0.5 })',
      n: 'ui.number({ min: 0, max: 10, value: 2 })',
      sel: "ui.select({ options: [{ label: 'small', value: 0.1 }, { label: 'large', value: 10 }], value: 10 })",
      c: 'ui.checkbox()',
      t: "ui.text({ value: 'a', placeholder: 'name' })",
      b: "ui.button({ label: 'Go' })",
    })) {
      const spec = (await k.run(`const ${name} = ${code};\n${name}`)).result![CONTROL] as ControlSpec;
      ids[name] = spec.id;
      if (name === 'sel') expect(spec).toMatchObject({ options: ['small', 'large'], value: 1 });
      if (name === 't') expect(spec).toMatchObject({ placeholder: 'name', value: 'a' });
    }
    expect((await change(k, ids.s!, 0.6)).value).toBe(0.5);
    expect((await change(k, ids.s!, -3)).value).toBe(0);
    expect((await change(k, ids.n!, 12.5)).value).toBe(10);
    expect((await change(k, ids.sel!, 0)).value).toBe(0);
    expect((await change(k, ids.c!, true)).value).toBe(true);
    expect((await change(k, ids.t!, 'hello')).value).toBe('hello');
    expect((await change(k, ids.b!, 'anything')).value).toBe(1);
    expect((await change(k, ids.b!, 1)).value).toBe(2);
    expect(
      (await k.run('[s.value, n.value, sel.value, c.value, t.value, b.value]')).result!['application/json'],
    ).toEqual([0, 10, 0.1, true, 'hello', 2]);
  });

  it('refuses a value of the wrong kind and keeps the old one; an unknown control says to run its cell', async () => {
    const k = await kernel();
    const id = ((await k.run('const s = ui.slider({ value: 0.5 });\ns')).result![CONTROL] as ControlSpec).id;
    expect(await change(k, id, 'x')).toMatchObject({
      cellIds: [],
      error: 'The control refused the value: a slider\'s value must be a finite number, not "x".',
    });
    expect((await change(k, 'slider-000000000000', 1)).error).toBe(
      'This control belongs to an earlier kernel: run its cell again to use it.',
    );
    expect((await k.run('s.value')).result).toEqual({ 'text/plain': '0.5' });
    expect((await k.run('s.value = 2')).error?.ename).toBe('TypeError');
  });
});

describe('the cells a change reruns', () => {
  const CELLS: Array<[string, string]> = [
    ['data', 'const X = [[1], [2], [3]];\nconst y = [1, 2, 3];'],
    ['slider', "const alpha = ui.slider({ min: 0, max: 1, step: 0.1, value: 0.5, label: 'alpha' });\nalpha"],
    ['fit', 'const model = { alpha: alpha.value, n: X.length };'],
    ['other', 'const unrelated = y.length;'],
    ['shadow', 'function f(alpha: number) { return alpha * 2 }\nconst g = f(1);'],
    ['report', '`model at ${model.alpha}`'],
    ['later', 'const z = g + 1;'],
  ];

  it('reruns the cells that read the control and those that read what they declare, in order', async () => {
    const k = await kernel();
    let sliderId = '';
    for (const [cellId, code] of CELLS) {
      const r = await k.run(code, { cellId });
      expect(r.error).toBeUndefined();
      if (cellId === 'slider') sliderId = (r.result![CONTROL] as ControlSpec).id;
    }
    const reply = await change(k, sliderId, 0.8, CELLS);
    expect(reply).toMatchObject({ value: 0.8, cellIds: ['fit', 'report'] });
    expect(reply.error).toBeUndefined();
  });

  it('reads the cells as they are now: an edited or never-run cell counts as written', async () => {
    const k = await kernel();
    const id = ((await k.run('const alpha = ui.slider();\nalpha')).result![CONTROL] as ControlSpec).id;
    const reply = await change(k, id, 0.2, [
      ['a', 'const b = alpha.value + 1;'], // never run: b is unknown to the kernel
      ['c', 'b * 2'],
      ['broken', 'alpha.value +'],
      ['d', 'const alpha2 = 1;'],
    ]);
    expect(reply.cellIds).toEqual(['a', 'c']);
  });

  it('follows a control held in an object or array', async () => {
    const k = await kernel();
    const r = await k.run(
      "const controls = { lr: ui.slider({ label: 'lr' }) };\nconst list = " +
        '[ui.checkbox()];\ndisplay(controls.lr);\ndisplay(list[0])',
    );
    const [lr, box] = r.displays.map((d) => (d.data[CONTROL] as ControlSpec).id);
    const cells: Array<[string, string]> = [
      ['p', 'controls.lr.value'],
      ['q', 'list[0].value'],
      ['r', 'controls'],
    ];
    expect((await change(k, lr!, 0.3, cells)).cellIds).toEqual(['p', 'r']);
    expect((await change(k, box!, true, cells)).cellIds).toEqual(['q']);
  });
});

// @vitest-environment jsdom
// One malformed output must not take its notebook down: it is named in place, the outputs beside it
// render, and a part that throws while rendering is caught by its own boundary.
import { describe, expect, it } from 'vitest';
import { h, render, type VNode } from 'preact';
import { act } from 'preact/test-utils';
import { OutputArea } from '../../../src/ui/notebook/outputs/output-area';
import { ErrorBoundary } from '../../../src/ui/components/error-boundary';
import type { CellOutput } from '../../../src/notebook/protocol';

function mount(vnode: VNode<any>): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  act(() => render(vnode, root));
  return root;
}

describe('OutputArea', () => {
  it('names a malformed table, shows the text beside it and the outputs around it', () => {
    const outputs = [
      { output_type: 'stream', name: 'stdout', text: 'before\n' },
      { output_type: 'display_data', data: { 'application/vnd.kiroku.table+json': {}, 'text/plain': 'a frame' } },
      { output_type: 'display_data', data: { 'application/vnd.kiroku.table+json': {} } },
      {
        output_type: 'execute_result',
        execution_count: 2,
        data: { 'application/vnd.kiroku.run+json': { runId: 'r' } },
      },
      { output_type: 'stream', name: 'stdout', text: 'after\n' },
    ] as unknown as CellOutput[];
    const root = mount(h(OutputArea, { outputs, label: 'Cell 1 output' }));
    const shown = [...root.querySelectorAll('.output')].map((o) => o.textContent);
    expect(shown).toEqual([
      'before\n',
      "Part of this output cannot be shown: application/vnd.kiroku.table+json is not a table: 'columns' is " +
        'missing.a frame',
      "Part of this output cannot be shown: application/vnd.kiroku.table+json is not a table: 'columns' is missing.",
      "Part of this output cannot be shown: application/vnd.kiroku.run+json is not a run link: 'runName' is missing.",
      'after\n',
    ]);
    expect(root.querySelectorAll('[role="alert"]').length).toBe(0);
  });
});

// Components at the top level, as in the app (one defined inside a function is a new type at each call).
function Boom({ fail }: { fail: boolean }) {
  if (fail) throw new TypeError("Cannot read properties of undefined (reading 'map')");
  return h('p', null, 'fine now');
}
/** Whether Failing fails: a test turns it off before asking the boundary to try again. */
const failing = { fail: true };
const Failing = () => h(Boom, { fail: failing.fail });
const Host = () => h('div', null, h('p', null, 'sibling'), h(ErrorBoundary, { what: 'cell 2' }, h(Failing, {})));

describe('ErrorBoundary', () => {
  it('shows what failed in place, keeps its siblings, and tries again', () => {
    const warn = console.warn;
    const warned: unknown[] = [];
    console.warn = (...a: unknown[]) => warned.push(a);
    try {
      failing.fail = true;
      const root = mount(h(Host, {}));
      expect(root.textContent).toContain('sibling');
      const alert = root.querySelector('[role="alert"]')!;
      expect(alert.textContent).toContain("Could not show cell 2: Cannot read properties of undefined (reading 'map')");
      failing.fail = false;
      act(() => (alert.querySelector('button') as HTMLButtonElement).click());
      expect(root.textContent).toBe('siblingfine now');
      expect(warned.length).toBe(1);
    } finally {
      console.warn = warn;
    }
  });

  it('clears the failure when its reset key changes (a new route)', () => {
    const warn = console.warn;
    console.warn = () => {};
    try {
      const root = document.createElement('div');
      act(() => render(h(ErrorBoundary, { what: 'the page', resetKey: 'a' }, h(Boom, { fail: true })), root));
      expect(root.textContent).toContain('Could not show the page');
      act(() => render(h(ErrorBoundary, { what: 'the page', resetKey: 'b' }, h(Boom, { fail: false })), root));
      expect(root.textContent).toBe('fine now');
    } finally {
      console.warn = warn;
    }
  });
});

// An interrupt stops the execution it was meant for whenever it arrives: while the kernel is still
// starting, while the cell before it runs, while its lazy globals load, while it awaits — and never
// the next one when it arrives after its cell ended. Each stage is reached by the cell or the test
// signalling it (no sleeps), through both ways an interrupt travels: the message alone (a page that is
// not cross-origin isolated) and the shared flag alone (what a page stores while the worker is busy).
import { afterEach, describe, expect, it } from 'vitest';
import { startKernel } from './kernel-harness';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dispose = undefined;
});

/** A promise with its resolve, for the test to open a gate or hear that a cell got somewhere. */
function signal<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const paths = [
  { path: 'by message', shared: false },
  { path: 'through the shared flag', shared: true },
] as const;

describe.each(paths)('an interrupt $path', ({ shared }) => {
  async function kernel(started = true) {
    const buffer = shared ? new SharedArrayBuffer(4) : undefined;
    const k = await startKernel({ ...(buffer ? { interruptBuffer: buffer } : {}), started });
    dispose = k.dispose;
    /** Interrupt execution `e` the way this path's page would. */
    const interrupt = async (e: { seq: number; interrupt: () => Promise<void> }) => {
      if (buffer) Atomics.store(new Int32Array(buffer), 0, e.seq);
      else await e.interrupt();
    };
    return { ...k, interrupt };
  }

  /** The cell did not run: an InterruptError, and what it would have declared is not there. */
  async function expectStoppedBeforeItRan(
    k: Awaited<ReturnType<typeof kernel>>,
    outcome: Awaited<ReturnType<typeof k.run>>,
  ) {
    expect(outcome.reply.status).toBe('error');
    expect(outcome.error).toMatchObject({ ename: 'InterruptError', evalue: 'Execution interrupted by the user.' });
    expect((await k.run('typeof ran')).result?.['text/plain']).toBe("'undefined'");
  }

  it('sent just after Run while the kernel is still starting: the cell never runs', async () => {
    const k = await kernel(false);
    const e = k.send('let ran = 1;');
    await k.interrupt(e);
    await expectStoppedBeforeItRan(k, await e.done);
  });

  it('sent while the cell before it still runs: that one finishes, this one never runs', async () => {
    const k = await kernel();
    const gate = signal();
    k.kernel.scope.defineBuiltin('gate', gate.promise);
    const before = k.send('await gate; "before done"');
    const e = k.send('let ran = 1;');
    await k.interrupt(e);
    gate.resolve();
    expect((await before.done).result?.['text/plain']).toBe("'before done'");
    await expectStoppedBeforeItRan(k, await e.done);
  });

  it('sent while its lazy globals load: none of its code runs', async () => {
    const k = await kernel();
    const loading = signal();
    const loaded = signal<{ value: number }>();
    k.kernel.scope.defineLazy('slowLib', () => {
      loading.resolve();
      return loaded.promise;
    });
    const e = k.send('let ran = slowLib.value;');
    await loading.promise;
    await k.interrupt(e);
    loaded.resolve({ value: 1 });
    await expectStoppedBeforeItRan(k, await e.done);
  });

  it('sent while the cell awaits: the await is stopped and the variables survive', async () => {
    const k = await kernel();
    await k.run('const kept = "yes";');
    const waiting = signal();
    k.kernel.scope.defineBuiltin('reached', () => waiting.resolve());
    // Awaits something that never settles: only the interrupt ends this cell.
    const e = k.send('let ran = 1;\nreached();\nawait new Promise(() => {});');
    await waiting.promise;
    await k.interrupt(e);
    // a pending await needs the message
    if (shared) await k.kernel.handle({ type: 'interrupt_request', executionId: e.executionId, seq: e.seq });
    const r = await e.done;
    expect(r.error?.ename).toBe('InterruptError');
    expect((await k.run('[kept, ran]')).result?.['application/json']).toEqual(['yes', 1]);
  });

  it('that arrives after its cell ended does not stop the next one', async () => {
    const k = await kernel();
    const first = k.send('1');
    await first.done;
    await k.interrupt(first);
    expect((await k.run('let ran = 2; ran')).result?.['text/plain']).toBe('2');
  });
});

describe('an interrupt for another execution', () => {
  it('is ignored by the one running', async () => {
    const k = await startKernel();
    dispose = k.dispose;
    const gate = signal();
    k.kernel.scope.defineBuiltin('gate', gate.promise);
    const e = k.send('await gate; 5');
    await k.kernel.handle({ type: 'interrupt_request', executionId: 'an-old-one', seq: e.seq - 1 });
    gate.resolve();
    expect((await e.done).result?.['text/plain']).toBe('5');
  });
});

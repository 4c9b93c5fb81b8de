// Interrupts that keep the kernel's state. The shared-memory path is tested as in the browser: the
// kernel runs `while (true) {}` on this thread while another thread (worker_threads) stores 1 in the
// SharedArrayBuffer — nothing on this thread could, it is busy in the loop.
import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { startKernel } from './kernel-harness';
import { checkInterrupt } from '../../src/lib/interrupt';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dispose = undefined;
});

/** Another thread that sets the flag after `ms`, the way the page does. */
function setFlagFromAnotherThread(buffer: SharedArrayBuffer, ms: number): Worker {
  const code = `
    const { workerData } = require('node:worker_threads');
    setTimeout(() => Atomics.store(new Int32Array(workerData), 0, 1), ${ms});
  `;
  return new Worker(code, { eval: true, workerData: buffer });
}

async function isolatedKernel() {
  const buffer = new SharedArrayBuffer(4);
  const k = await startKernel({ interruptBuffer: buffer });
  dispose = k.dispose;
  return { ...k, buffer };
}

describe('interrupt through shared memory', () => {
  it('stops `while (true) {}` set from another thread, and the variables survive', async () => {
    const k = await isolatedKernel();
    await k.run('const before = 42;');
    const thread = setFlagFromAnotherThread(k.buffer, 150);
    const t0 = performance.now();
    const r = await k.run('let spins = 0;\nwhile (true) {\n  spins++;\n}');
    const elapsed = performance.now() - t0;
    await thread.terminate();
    expect(r.reply.status).toBe('error');
    expect(r.error).toMatchObject({ ename: 'InterruptError', evalue: 'Execution interrupted by the user.' });
    expect(r.error?.traceback).toEqual(['InterruptError: Execution interrupted by the user.', '    at cell line 2', '        while (true) {']);
    expect(elapsed).toBeLessThan(5000); // stopped (it would spin forever otherwise); generous for a loaded CI machine
    const after = await k.run('[before, spins > 1000]');
    expect(after.reply.status).toBe('ok');
    expect(after.result?.['application/json']).toEqual([42, true]);
  });

  it('stops a loop inside a function from an earlier cell, and loops with heavy bodies', async () => {
    const k = await isolatedKernel();
    await k.run('function spin() { for (;;) { let s = 0; for (let i = 0; i < 1e5; i++) s += i; } }');
    const thread = setFlagFromAnotherThread(k.buffer, 100);
    const r = await k.run('spin()');
    await thread.terminate();
    expect(r.error?.ename).toBe('InterruptError');
    expect(r.error?.traceback).toContain('    at spin (cell [1], line 1)');
  });

  it('ends an interrupted run KILLED and keeps what it logged', async () => {
    const k = await isolatedKernel();
    const thread = setFlagFromAnotherThread(k.buffer, 150);
    const r = await k.run("await mlflow.startRun({ runName: 'forever' }, async () => {\n  let step = 0;\n  while (true) mlflow.logMetric('x', step, { step: step++ });\n});");
    await thread.terminate();
    expect(r.error?.ename).toBe('InterruptError');
    const [run] = await k.mlflow.searchRuns({ filter: "attributes.run_name = 'forever'" });
    expect(run?.info.status).toBe('KILLED');
    expect(run?.data.metrics.x).toBeGreaterThan(0);
    const link = r.displays.filter((d) => d.data['application/vnd.kiroku.run+json']).at(-1);
    expect(link?.data['application/vnd.kiroku.run+json']).toMatchObject({ status: 'KILLED' });
  });

  it('makes the library’s checkInterrupt() throw inside the cell', async () => {
    const k = await isolatedKernel();
    k.kernel.scope.defineBuiltin('librarySpin', () => {
      // An estimator's epochs: a loop the transpiler never saw, calling the hook.
      for (let epoch = 0; ; epoch++) checkInterrupt();
    });
    const thread = setFlagFromAnotherThread(k.buffer, 100);
    const r = await k.run('librarySpin()');
    await thread.terminate();
    expect(r.error?.ename).toBe('InterruptError');
    expect(() => checkInterrupt()).toThrow(); // still set: nothing of the interrupted cell runs on
    expect((await k.run('1')).reply.status).toBe('ok'); // a new execution starts clean
    expect(() => checkInterrupt()).not.toThrow();
  });

  it('forgets an interrupt that arrived while idle', async () => {
    const k = await isolatedKernel();
    Atomics.store(new Int32Array(k.buffer), 0, 1);
    expect((await k.run('let i = 0; while (i < 1e6) i++; i')).result?.['text/plain']).toBe('1000000');
  });
});

describe('interrupt by message (page not isolated)', () => {
  it('rejects a pending await at once', async () => {
    const k = await startKernel();
    dispose = k.dispose;
    await k.run('const kept = "yes";');
    const exec = k.send('await sleep(60_000);');
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    await k.kernel.handle({ type: 'interrupt_request', executionId: exec.executionId });
    const r = await exec.done;
    expect(performance.now() - t0).toBeLessThan(2000); // not the 60 s of the sleep
    expect(r.error?.ename).toBe('InterruptError');
    expect((await k.run('kept')).result?.['text/plain']).toBe("'yes'");
  });

  it('reaches a loop that only awaits resolved promises (it yields to the event loop now and then)', async () => {
    const k = await startKernel();
    dispose = k.dispose;
    const exec = k.send('let n = 0;\nwhile (true) { n++; await null; }');
    setTimeout(() => void k.kernel.handle({ type: 'interrupt_request', executionId: exec.executionId }), 100);
    const r = await exec.done;
    expect(r.error?.ename).toBe('InterruptError');
    expect((await k.run('n > 0')).result?.['text/plain']).toBe('true');
  });

  it('ignores an interrupt for another execution', async () => {
    const k = await startKernel();
    dispose = k.dispose;
    const exec = k.send('await sleep(50); 5');
    await k.kernel.handle({ type: 'interrupt_request', executionId: 'not-this-one' });
    expect((await exec.done).result?.['text/plain']).toBe('5');
  });
});

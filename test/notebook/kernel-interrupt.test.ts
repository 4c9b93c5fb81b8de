// Interrupts that keep the kernel's state. The shared-memory path is tested as in the browser: the
// kernel runs `while (true) {}` on this thread while another thread (worker_threads) stores the
// execution's number in the SharedArrayBuffer — nothing on this thread could, it is busy in the loop.
// When an interrupt may arrive, stage by stage: kernel-interrupt-stages.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { startKernel } from './kernel-harness';
import { checkInterrupt } from '../../src/lib/interrupt';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dispose = undefined;
});

/**
 * Another thread that stores execution `seq` in the interrupt flag, the way the page does, once the
 * cell has called `reached()` — this thread is busy in the cell's loop then, nothing on it could.
 */
function interruptFromAnotherThread(k: Awaited<ReturnType<typeof isolatedKernel>>, seq: number): Worker {
  const reached = new SharedArrayBuffer(4);
  k.kernel.scope.defineBuiltin('reached', () => {
    Atomics.store(new Int32Array(reached), 0, 1);
    Atomics.notify(new Int32Array(reached), 0);
  });
  const code = `
    const { workerData } = require('node:worker_threads');
    Atomics.wait(new Int32Array(workerData.reached), 0, 0);
    Atomics.store(new Int32Array(workerData.flag), 0, workerData.seq);
  `;
  return new Worker(code, { eval: true, workerData: { reached, flag: k.buffer, seq } });
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
    const e = k.send('let spins = 0;\nreached();\nwhile (true) {\n  spins++;\n}');
    const thread = interruptFromAnotherThread(k, e.seq);
    const r = await e.done; // it would spin forever otherwise
    await thread.terminate();
    expect(r.reply.status).toBe('error');
    expect(r.error).toMatchObject({ ename: 'InterruptError', evalue: 'Execution interrupted by the user.' });
    expect(r.error?.traceback).toEqual([
      'InterruptError: Execution interrupted by the user.',
      '    at cell line 3',
      '        while (true) {',
    ]);
    const after = await k.run('[before, spins > 1000]');
    expect(after.reply.status).toBe('ok');
    expect(after.result?.['application/json']).toEqual([42, true]);
  });

  it('stops a loop inside a function from an earlier cell, and loops with heavy bodies', async () => {
    const k = await isolatedKernel();
    await k.run('function spin() { for (;;) { let s = 0; for (let i = 0; i < 1e5; i++) s += i; } }');
    const e = k.send('reached();\nspin()');
    const thread = interruptFromAnotherThread(k, e.seq);
    const r = await e.done;
    await thread.terminate();
    expect(r.error?.ename).toBe('InterruptError');
    expect(r.error?.traceback).toContain('    at spin (cell [1], line 1)');
  });

  it('ends an interrupted run KILLED and keeps what it logged', async () => {
    const k = await isolatedKernel();
    const e = k.send(
      "await mlflow.startRun({ runName: 'forever' }, async () => {\n  let step = 0;\n  reached();\n  while (true) " +
        "mlflow.logMetric('x', step, { step: step++ });\n});",
    );
    const thread = interruptFromAnotherThread(k, e.seq);
    const r = await e.done;
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
      for (;;) checkInterrupt();
    });
    const e = k.send('reached();\nlibrarySpin()');
    const thread = interruptFromAnotherThread(k, e.seq);
    const r = await e.done;
    await thread.terminate();
    expect(r.error?.ename).toBe('InterruptError');
    expect(() => checkInterrupt()).toThrow(); // still set: nothing of the interrupted cell runs on
    expect((await k.run('1')).reply.status).toBe('ok'); // a new execution starts clean
    expect(() => checkInterrupt()).not.toThrow();
  });
});

describe('interrupt by message (page not isolated)', () => {
  it('reaches a loop that only awaits resolved promises (it yields to the event loop now and then)', async () => {
    const k = await startKernel();
    dispose = k.dispose;
    let reached!: () => void;
    const inLoop = new Promise<void>((resolve) => (reached = resolve));
    k.kernel.scope.defineBuiltin('reached', () => reached());
    const exec = k.send('let n = 0;\nwhile (true) { n++; if (n === 1000) reached(); await null; }');
    await inLoop;
    await exec.interrupt();
    const r = await exec.done;
    expect(r.error?.ename).toBe('InterruptError');
    expect((await k.run('n > 0')).result?.['text/plain']).toBe('true');
  });
});

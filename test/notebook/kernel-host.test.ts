// The page side: KernelHost with an in-process fake Worker that runs the real Kernel, passing messages
// asynchronously and by structured clone as a Worker does.
import { afterEach, describe, expect, it } from 'vitest';
import { KernelHost, WORKER_ENDED } from '../../src/notebook/kernel-host';
import { FakeLocks, FakeWorker } from './fake-worker';
import type { KernelMessage } from '../../src/notebook/protocol';
import type { Execution } from '../../src/notebook/kernel-host';

let n = 0;

const notebook = { id: 'nb', name: 'Host test' };
let host: KernelHost | undefined;
afterEach(() => {
  host?.dispose();
  host = undefined;
  FakeWorker.created = [];
});

function start(options: { fail?: boolean; sharedInterrupt?: boolean } = {}) {
  // `fail`: the first worker dies while starting; the next (after a restart) is fine.
  host = new KernelHost({
    createWorker: () => new FakeWorker(!!options.fail && FakeWorker.created.length === 0),
    trackingUri: `memory:host-test-${++n}`,
    user: 'u',
    sharedInterrupt: options.sharedInterrupt ?? false,
  });
  return host;
}

/** Resolves once the cell has shown its first output: it is running, past its first line. */
async function running(run: Execution): Promise<void> {
  for await (const m of run) if (m.type === 'display_data') return;
}

describe('KernelHost', () => {
  it('starts the kernel, reports starting then idle, and runs a cell as an async iterable', async () => {
    const h = start();
    const statuses: string[] = [];
    h.onMessage((m) => m.type === 'status' && statuses.push(m.state));
    await h.whenIdle();
    const run = h.execute({ cellId: 'c1', code: 'display("hi");\n40 + 2', notebook });
    const types: string[] = [];
    for await (const m of run) types.push(m.type);
    expect(types).toEqual(['display_data', 'execute_result', 'execute_reply']);
    expect(await run.reply).toMatchObject({ status: 'ok', executionCount: 1, cellId: 'c1' });
    expect(statuses[0]).toBe('starting');
    expect(statuses).toContain('idle');
  });

  it('sends cells one at a time, in order, and keeps their state', async () => {
    const h = start();
    const a = h.execute({ cellId: 'a', code: 'await sleep(30); let x = 1;', notebook });
    const b = h.execute({ cellId: 'b', code: 'x + 1', notebook });
    const [ra, rb] = await Promise.all([a.reply, b.reply]);
    expect([ra.executionCount, rb.executionCount]).toEqual([1, 2]);
    const results: KernelMessage[] = [];
    for await (const m of b) results.push(m);
    expect(results.find((m) => m.type === 'execute_result')).toMatchObject({ data: { 'text/plain': '2' } });
  });

  it('aborts the queued cells after an error, as Run all does', async () => {
    const h = start();
    const bad = h.execute({ cellId: 'bad', code: 'throw new Error("x")', notebook });
    const next = h.execute({ cellId: 'next', code: '1', notebook });
    expect((await bad.reply).status).toBe('error');
    expect(await next.reply).toMatchObject({ status: 'aborted', cellId: 'next' });
  });

  it('interrupts a waiting cell by message and keeps the variables', async () => {
    const h = start();
    await h.execute({ cellId: 'a', code: 'const keep = 5;', notebook }).reply;
    const slow = h.execute({ cellId: 'slow', code: 'display("waiting");\nawait sleep(60_000);', notebook });
    await running(slow);
    h.interrupt();
    expect((await slow.reply).status).toBe('error');
    const errors: KernelMessage[] = [];
    for await (const m of slow) if (m.type === 'error') errors.push(m);
    expect(errors[0]).toMatchObject({ ename: 'InterruptError' });
    const check = h.execute({ cellId: 'c', code: 'keep', notebook });
    for await (const m of check) if (m.type === 'execute_result') expect(m.data['text/plain']).toBe('5');
  });

  it('shares the interrupt flag through a SharedArrayBuffer when isolated', async () => {
    const h = start({ sharedInterrupt: true });
    expect(h.info.interruptMode).toBe('shared-memory');
    await h.whenIdle();
    const slow = h.execute({ cellId: 'slow', code: 'display("waiting");\nawait sleep(60_000);', notebook });
    await running(slow);
    h.interrupt();
    expect((await slow.reply).status).toBe('error');
  });

  // Through shared memory the flag is set before the worker even sees the cell. (By message alone, how
  // far the kernel got before the message arrives depends on how fast it starts: each stage is tested
  // on the kernel itself in kernel-interrupt-stages.test.ts.)
  it('stops a cell interrupted just after Run, while the kernel is still starting', async () => {
    const h = start({ sharedInterrupt: true });
    const run = h.execute({ cellId: 'a', code: 'let ran = 1;', notebook });
    h.interrupt();
    expect(await run.reply).toMatchObject({ status: 'error' });
    const errors: KernelMessage[] = [];
    for await (const m of run) if (m.type === 'error') errors.push(m);
    expect(errors).toMatchObject([{ ename: 'InterruptError' }]);
    const check = h.execute({ cellId: 'b', code: 'typeof ran', notebook });
    const results: unknown[] = [];
    for await (const m of check) if (m.type === 'execute_result') results.push(m.data['text/plain']);
    expect(results).toEqual(["'undefined'"]);
  });

  it('restarts: the running cell is aborted, the variables are gone, the kernel is idle again', async () => {
    const h = start();
    await h.execute({ cellId: 'a', code: 'const gone = 1;', notebook }).reply;
    const stuck = h.execute({ cellId: 's', code: 'display("waiting");\nawait sleep(60_000);', notebook });
    await running(stuck);
    await h.restart();
    expect(await stuck.reply).toMatchObject({ status: 'aborted' });
    expect(FakeWorker.created[0]!.terminated).toBe(true);
    expect(h.state).toBe('idle');
    const after = h.execute({ cellId: 'b', code: 'typeof gone', notebook });
    for await (const m of after) if (m.type === 'execute_result') expect(m.data['text/plain']).toBe("'undefined'");
    expect((await after.reply).executionCount).toBe(1);
  });

  it('reports a worker that fails as dead, fails its cells, and comes back on restart', async () => {
    const h = start({ fail: true });
    const run = h.execute({ cellId: 'a', code: '1', notebook });
    const reply = await run.reply;
    expect(reply.status).toBe('error');
    expect(h.state).toBe('dead');
    const later = h.execute({ cellId: 'b', code: '1', notebook });
    expect((await later.reply).status).toBe('error');
    await h.restart();
    expect((await h.execute({ cellId: 'c', code: '1', notebook }).reply).status).toBe('ok');
  });

  it('answers inspect with the kernel’s variables', async () => {
    const h = start();
    await h.execute({ cellId: 'a', code: 'const answer = 42;', notebook }).reply;
    expect(await h.inspect()).toEqual([{ name: 'answer', kind: 'const', type: 'number' }]);
  });

  it('gives a new listener the current status', async () => {
    const h = start();
    await h.whenIdle();
    const got = await new Promise<KernelMessage>((resolve) => h.onMessage(resolve));
    expect(got).toEqual({ type: 'status', state: 'idle' });
  });

  describe('a worker that ends on its own (self.close())', () => {
    function startWatched() {
      const locks = new FakeLocks();
      host = new KernelHost({
        createWorker: () => new FakeWorker(false, { locks }),
        trackingUri: `memory:host-test-${++n}`,
        user: 'u',
        sharedInterrupt: false,
        locks,
      });
      return host;
    }

    it('fails the running cell saying why, and starts a new kernel that runs the next', async () => {
      const h = startWatched();
      await h.whenIdle();
      await h.execute({ cellId: 'a', code: 'let x = 1', notebook }).reply;
      const stuck = h.execute({ cellId: 'b', code: 'display("waiting");\nawait sleep(60_000)', notebook });
      await running(stuck);
      FakeWorker.created[0]!.selfClose();
      const messages: string[] = [];
      for await (const m of stuck) if (m.type === 'error') messages.push(m.evalue);
      expect(messages).toEqual([WORKER_ENDED]);
      expect((await stuck.reply).status).toBe('error');
      const next = h.execute({ cellId: 'c', code: 'typeof x', notebook });
      const results: unknown[] = [];
      for await (const m of next) if (m.type === 'execute_result') results.push(m.data['text/plain']);
      expect(results).toEqual(["'undefined'"]);
      expect(FakeWorker.created.length).toBe(2);
    });

    it('tells the next cell when the worker ended between cells', async () => {
      const h = startWatched();
      await h.whenIdle();
      await h.execute({ cellId: 'a', code: 'let x = 1', notebook }).reply;
      const notices: Array<string | undefined> = [];
      h.onMessage((m) => m.type === 'status' && notices.push(m.notice));
      FakeWorker.created[0]!.selfClose();
      await h.whenIdle();
      expect(h.info.notice).toBe(WORKER_ENDED); // on the status line at once
      const next = h.execute({ cellId: 'b', code: '41 + 1', notebook });
      const seen: string[] = [];
      for await (const m of next) {
        if (m.type === 'stream') seen.push(m.text);
        if (m.type === 'execute_result') seen.push(String(m.data['text/plain']));
      }
      expect(seen).toEqual([`${WORKER_ENDED}\n`, '42']);
      expect((await next.reply).status).toBe('ok');
      expect(notices).toContain(WORKER_ENDED);
      expect(notices.at(-1)).toBeUndefined(); // said once, then gone from the status line
      expect(h.info.notice).toBeUndefined();
    });

    it('does not start another kernel when it ended the worker itself (restart)', async () => {
      const h = startWatched();
      await h.whenIdle();
      await h.restart();
      await new Promise((r) => setTimeout(r, 20));
      expect(FakeWorker.created.length).toBe(2);
      expect((await h.execute({ cellId: 'a', code: '1', notebook }).reply).status).toBe('ok');
    });
  });
});

// One helper thread of the estimators' WebAssembly kernels (see threads.ts, which starts it): it
// instantiates the kernels on the shared memory it is handed, then waits for chunks of a task to claim.
// Plain JavaScript with no imports, so the same file runs as a Web Worker (bundled by Vite) and as a
// Node worker_threads Worker (loaded as it is, also under test runners that transform only TypeScript).
// The control words are described in threads.ts; they must stay in step with it.
const CLAIM = 0;
const DONE = 1;
const FILLED = 2;
const LIMIT = 3;
const FAILED = 4;
const READY = 5;
const TASK = 6;
const NARGS = 7;
const ARGS = 8;

function serve({ module, memory, ctl, index, tasks }) {
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const fns = tasks.map((name) => exports[name]);
  const c = new Int32Array(ctl);
  Atomics.add(c, READY, 1);
  Atomics.notify(c, READY);
  for (;;) {
    const v = Atomics.load(c, CLAIM);
    const next = v & 0x7ff;
    const count = (v >>> 11) & 0x7ff;
    if (next >= count || index >= Atomics.load(c, LIMIT)) {
      Atomics.wait(c, CLAIM, v);
      continue;
    }
    if (Atomics.compareExchange(c, CLAIM, v, v + 1) !== v) continue;
    // The chunk is ours: the task's arguments stay put until every chunk is done.
    for (let f = Atomics.load(c, FILLED); f <= next; f = Atomics.load(c, FILLED)) Atomics.wait(c, FILLED, f);
    try {
      fns[c[TASK]](next, index, ...c.subarray(ARGS, ARGS + c[NARGS]));
    } catch {
      Atomics.store(c, FAILED, 1);
    }
    // Every chunk done is told: the caller may have taken chunks from the back (threads.ts), so `count`
    // here need not be the task's.
    Atomics.add(c, DONE, 1);
    Atomics.notify(c, DONE);
  }
}

if (typeof self === 'undefined')
  globalThis.process.getBuiltinModule('node:worker_threads').parentPort.once('message', serve);
else self.onmessage = (e) => serve(e.data);

// The page side of the kernel (no UI): starts the worker, sends it cells one at a time in the order
// they were asked for, interrupts and restarts it, and tells listeners every message and status.
//
//   const host = new KernelHost();
//   host.onMessage((m) => …);                                  // every KernelMessage, status included
//   const run = host.execute({ cellId, code, language: 'typescript', notebook: { id, name } });
//   for await (const m of run) …                              // this execution's messages, in order
//   await run.reply;                                          // its execute_reply
//   host.interrupt();  await host.restart();
//   const { cellIds } = await host.changeControl({ controlId, value, cells });   // a live input moved
//
// Interrupts: when the page is cross-origin isolated, the host shares an Int32Array over a
// SharedArrayBuffer with the worker and `interrupt()` stores the running execution's number in it (so
// it can never stop another one) — the running cell sees it at its next loop iteration or await, even
// inside `while (true) {}`, and a cell the worker has not begun yet stops as it begins. It also always
// sends `interrupt_request`, which rejects a pending await at once and is the only way when the page
// is not isolated. Code stuck inside one native call sees neither: `restart()` terminates the worker,
// and always works. Making the worker and knowing when it ends on its own is kernel-worker.ts.
import type {
  ControlChangeReply,
  ControlChangeRequest,
  ExecuteRequest,
  InspectReply,
  KernelMessage,
  KernelState,
} from './protocol';
import { mlflow } from '../tracking/default';
import { defaultUser } from '../tracking/context';
import { randomHex } from '../lib/ids';
import { PendingExecution, type CellMessage, type Execution } from './execution';
import {
  connectKernelWorker,
  defaultWorker,
  type LockManagerLike,
  WORKER_ENDED,
  type WorkerLike,
} from './kernel-worker';

export type { Execution } from './execution';
export { type LockManagerLike, WORKER_ENDED, type WorkerLike } from './kernel-worker';

const newId = () => randomHex(8);

export interface KernelHostOptions {
  createWorker?: () => WorkerLike;
  /** The tracking URI the kernel logs to (default: the page's `mlflow`). */
  trackingUri?: string;
  /** Who runs are attributed to (default: the saved user name). */
  user?: string;
  /** Share the interrupt flag through a SharedArrayBuffer (default: when the page is crossOriginIsolated). */
  sharedInterrupt?: boolean;
  /** After an execution fails, the queued ones are aborted, as Jupyter's Run all (default true). */
  stopOnError?: boolean;
  /** The Web Locks API, to learn when a worker ends on its own (default `navigator.locks`; null: do not watch). */
  locks?: LockManagerLike | null;
}

/** A cell to run; `executionId` is made up when absent. */
export interface ExecuteInput {
  cellId: string;
  code: string;
  language?: ExecuteRequest['language'];
  notebook: ExecuteRequest['notebook'];
  executionId?: string;
}

/** A control change as the UI sends it (the host adds the request id). */
export type ControlChange = Omit<ControlChangeRequest, 'type' | 'requestId'>;
export type ControlChangeResult = Omit<ControlChangeReply, 'type' | 'requestId'>;

export interface KernelStatusInfo {
  state: KernelState;
  backend?: string;
  /** Said on the status line until the next cell runs (see `notice`). */
  notice?: string;
  /** How `interrupt()` reaches the worker. */
  interruptMode: 'shared-memory' | 'message';
}

export class KernelHost {
  private worker: WorkerLike | null = null;
  private flag: Int32Array | null = null;
  private status: KernelStatusInfo;
  private readonly listeners = new Set<(m: KernelMessage) => void>();
  private readonly queue: PendingExecution[] = [];
  private running: PendingExecution | null = null;
  private readonly inspects = new Map<string, (names: InspectReply['names']) => void>();
  private readonly controlChanges = new Map<string, { controlId: string; resolve: (r: ControlChangeResult) => void }>();
  private idleWaiters: Array<() => void> = [];
  /** The number of the last execution asked for (ExecuteRequest.seq). */
  private seq = 0;
  private readonly locks: LockManagerLike | null;

  constructor(private readonly options: KernelHostOptions = {}) {
    this.locks =
      options.locks !== undefined
        ? options.locks
        : ((globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks ?? null);
    const shared =
      options.sharedInterrupt ?? (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
    this.status = {
      state: 'starting',
      interruptMode: shared && typeof SharedArrayBuffer === 'function' ? 'shared-memory' : 'message',
    };
    this.start();
  }

  get state(): KernelState {
    return this.status.state;
  }

  get info(): KernelStatusInfo {
    return { ...this.status };
  }

  /** Every message from the kernel (and the status now, on the next microtask). Returns unsubscribe. */
  onMessage(listener: (message: KernelMessage) => void): () => void {
    this.listeners.add(listener);
    queueMicrotask(() => {
      if (this.listeners.has(listener)) listener(this.statusMessage());
    });
    return () => this.listeners.delete(listener);
  }

  /** Queue a cell. Its messages go to `onMessage` listeners and to the returned Execution. */
  execute(input: ExecuteInput): Execution {
    const request: ExecuteRequest = {
      type: 'execute_request',
      cellId: input.cellId,
      executionId: input.executionId ?? newId(),
      code: input.code,
      language: input.language ?? 'typescript',
      notebook: input.notebook,
      seq: ++this.seq,
    };
    const pending = new PendingExecution(request);
    if (this.status.state === 'dead') {
      this.fail(pending, 'The kernel is dead: restart it to run code again.');
      return pending;
    }
    this.queue.push(pending);
    this.pump();
    return pending;
  }

  /** Stop the running cell with an InterruptError; the kernel keeps its variables. */
  interrupt(): void {
    const running = this.running;
    if (!running) return;
    const { executionId, seq } = running.request;
    if (this.flag) Atomics.store(this.flag, 0, seq);
    this.worker?.postMessage({ type: 'interrupt_request', executionId, seq });
  }

  /** A fresh kernel (every variable gone). Resolves when it is idle. */
  restart(): Promise<void> {
    this.stopWorker();
    delete this.status.notice;
    this.abortAll('The kernel was restarted.');
    this.start();
    return this.whenIdle();
  }

  /** The kernel's variables (declared by cells), for the editor. */
  inspect(): Promise<InspectReply['names']> {
    const requestId = newId();
    return new Promise((resolve) => {
      this.inspects.set(requestId, resolve);
      this.worker?.postMessage({ type: 'inspect_request', requestId });
    });
  }

  /**
   * A live input moved: the kernel sets its value at once — even while a cell runs — and answers with
   * the cells to rerun (the caller runs them, after interrupting those it reran for an earlier value).
   */
  changeControl(change: ControlChange): Promise<ControlChangeResult> {
    const requestId = newId();
    return new Promise((resolve) => {
      if (!this.worker || this.status.state === 'dead')
        return resolve({
          controlId: change.controlId,
          cellIds: [],
          error: "The kernel is not running: restart it, then run the control's cell again.",
        });
      this.controlChanges.set(requestId, { controlId: change.controlId, resolve });
      this.worker.postMessage({ type: 'control_change', requestId, ...change });
    });
  }

  /** Resolves the next time the kernel is idle (now, if it is). */
  whenIdle(): Promise<void> {
    if (this.status.state === 'idle' && !this.running && !this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    this.stopWorker();
    this.abortAll('The kernel was shut down.');
    this.listeners.clear();
  }

  // ── internals ──────────────────────────────────────────────────────────────

  private start(): void {
    const worker = (this.options.createWorker ?? defaultWorker)();
    this.worker = worker;
    // A new worker has not chosen a TensorFlow.js backend yet.
    delete this.status.backend;
    this.setStatus({ state: 'starting' });
    // Messages from a worker that was since replaced (restart) are ignored.
    const trackingUri = this.options.trackingUri ?? mlflow.getTrackingUri();
    this.flag = connectKernelWorker(worker, {
      sharedInterrupt: this.status.interruptMode === 'shared-memory',
      locks: this.locks,
      trackingUri,
      user: this.options.user ?? defaultUser(),
      onMessage: (m) => this.worker === worker && this.receive(m),
      onError: (reason) => this.worker === worker && this.died(reason),
      onEnded: () => this.worker === worker && this.ended(),
    });
  }

  private pump(): void {
    if (this.running || !this.worker || this.status.state === 'dead') return;
    const next = this.queue.shift();
    if (!next) return;
    this.running = next;
    // The worker ended between cells: the cell that runs on the new kernel says so first.
    if (this.status.notice) {
      this.deliver(next, next.stderr(this.status.notice));
      const { notice: _, ...rest } = this.status;
      this.status = rest;
      this.emit(this.statusMessage());
    }
    this.worker.postMessage(next.request);
  }

  private receive(m: KernelMessage): void {
    if (m.type === 'status') {
      // The host said "starting" when it made the worker; the worker's own "starting" adds nothing.
      if (m.state === this.status.state && (m.backend ?? this.status.backend) === this.status.backend) return;
      this.setStatus({ state: m.state, ...(m.backend ? { backend: m.backend } : {}) });
      return;
    }
    if (m.type === 'control_reply') {
      const { type: _t, requestId, ...result } = m;
      this.controlChanges.get(requestId)?.resolve(result);
      this.controlChanges.delete(requestId);
      this.emit(m);
      return;
    }
    if (m.type === 'inspect_reply') {
      this.inspects.get(m.requestId)?.(m.names);
      this.inspects.delete(m.requestId);
      this.emit(m);
      return;
    }
    const running = this.running;
    if (running && m.executionId === running.executionId) running.push(m);
    this.emit(m);
    if (m.type === 'execute_reply' && running && m.executionId === running.executionId) {
      this.running = null;
      if (m.status !== 'ok' && (this.options.stopOnError ?? true)) {
        for (const p of this.queue.splice(0)) this.abort(p);
      }
      this.pump();
      this.checkIdle();
    }
  }

  private setStatus(patch: Partial<KernelStatusInfo>): void {
    this.status = { ...this.status, ...patch };
    this.emit(this.statusMessage());
    this.checkIdle();
  }

  private checkIdle(): void {
    if (this.status.state !== 'idle' || this.running || this.queue.length) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private statusMessage(): KernelMessage {
    return {
      type: 'status',
      state: this.status.state,
      ...(this.status.backend ? { backend: this.status.backend } : {}),
      ...(this.status.notice ? { notice: this.status.notice } : {}),
    };
  }

  private emit(m: KernelMessage): void {
    for (const l of this.listeners) {
      try {
        l(m);
      } catch (err) {
        console.error('kiroku: a kernel message listener failed', err);
      }
    }
  }

  private died(reason: string): void {
    this.stopWorker();
    const running = this.running;
    this.running = null;
    if (running) this.fail(running, `The kernel died (${reason}). Restart the kernel to run code again.`);
    for (const p of this.queue.splice(0)) this.abort(p);
    this.dropControlChanges(`The kernel died (${reason}).`);
    this.setStatus({ state: 'dead' });
  }

  /** Forgotten first: its lifeline, released as it ends, must not read as the worker ending on its own. */
  private stopWorker(): void {
    const worker = this.worker;
    this.worker = null;
    worker?.terminate();
  }

  /** The worker ended on its own (its lifeline lock was released): say so where the user looks, and start a new one. */
  private ended(): void {
    this.worker = null;
    const running = this.running;
    this.running = null;
    if (running) this.fail(running, WORKER_ENDED);
    else this.status.notice = WORKER_ENDED;
    for (const p of this.queue.splice(0)) this.abort(p);
    for (const resolve of this.inspects.values()) resolve([]);
    this.inspects.clear();
    this.dropControlChanges(WORKER_ENDED);
    this.start();
  }

  /** Control changes the worker will never answer: nothing reruns. */
  private dropControlChanges(reason: string): void {
    for (const { controlId, resolve } of this.controlChanges.values())
      resolve({ controlId, cellIds: [], error: reason });
    this.controlChanges.clear();
  }

  private abortAll(reason: string): void {
    const running = this.running;
    this.running = null;
    if (running) {
      this.deliver(running, running.stderr(reason));
      this.abort(running);
    }
    for (const p of this.queue.splice(0)) this.abort(p);
    for (const resolve of this.inspects.values()) resolve([]);
    this.inspects.clear();
    this.dropControlChanges(reason);
  }

  private abort(p: PendingExecution): void {
    this.deliver(p, p.abortedReply());
  }

  private fail(p: PendingExecution, message: string): void {
    for (const m of p.failure(message)) this.deliver(p, m);
  }

  private deliver(p: PendingExecution, m: CellMessage): void {
    p.push(m);
    this.emit(m);
  }
}

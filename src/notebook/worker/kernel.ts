// The kernel: handles the page's messages and runs cells, one at a time, in order. Plain code with an
// injected `post`, so Node tests drive it without a Worker (kernel.worker.ts only wires it to `self`).
//
// One execution: begin its interrupt number → attribute runs to the cell → transpile → load the lazy
// globals it uses → evaluate → send the result → wait for the cell's tracking writes and send its runs'
// final state → execute_reply. Every message about the cell carries its cell and execution ids.
import type {
  ControlChangeRequest,
  ExecuteRequest,
  HostMessage,
  InitRequest,
  KernelMessage,
  KernelState,
} from '../protocol';
import { setInterruptCheck } from '../../lib/interrupt';
import { isInterrupt } from '../../lib/errors';
import { mlflow as defaultMlflow } from '../../tracking/default';
import type { Fluent } from '../../tracking/fluent';
import { transpileCell } from './transpile';
import { KernelScope } from './scope';
import { InterruptController } from './interrupt';
import { createRuntime, type CellRuntime } from './runtime';
import { OutputRouter } from './output';
import { errorContent, cellSourceUrl } from './traceback';
import { mimeBundle } from './display';
import { RunWatcher } from './run-watch';
import { defineGlobals } from './globals';
import { loadTf, tfBackend } from './tf-backend';
import { formatLogArgs } from './inspect';
import { isServerUri } from '../../lib/server-options';
import { ControlRegistry } from './controls';
import { cellNames, dependentCells, namesHolding } from './dependents';

export interface KernelOptions {
  /** The tracking API cells get as `mlflow` (default: this context's `mlflow`). */
  mlflow?: Fluent;
  /** Route this console's output to the cells (default: the global console; null: leave it alone). */
  console?: Console | null;
  /** Load TensorFlow.js after start so the status can name its backend (default true). */
  preloadTf?: boolean;
  /** Longest wait for a cell's tracking writes before its reply is sent anyway (ms). */
  settleTimeoutMs?: number;
}

type CellFunction = (scope: Record<string, unknown>, runtime: CellRuntime) => Promise<unknown>;

/** Evaluates generated code in the global scope (indirect eval): it sees no kernel variables. */
// biome-ignore lint/security/noGlobalEval: running the user's cell is the kernel's job
const globalEval = eval;

/**
 * The cell's function. What acorn accepts but the engine refuses (`import.meta` outside a module) fails here, before
 * any line runs.
 */
function compile(source: string): CellFunction {
  try {
    return globalEval(source) as CellFunction;
  } catch (err) {
    if (err instanceof Error) (err as Error & { cellLine?: number }).cellLine = 0;
    throw err;
  }
}

export class Kernel {
  readonly scope = new KernelScope();
  private interrupts = new InterruptController();
  private runtime: CellRuntime = createRuntime(this.scope, this.interrupts);
  private readonly output: OutputRouter;
  private readonly runs: RunWatcher;
  private readonly controls = new ControlRegistry();
  private readonly mlflow: Fluent;
  private readonly restoreConsole: () => void;
  private state: KernelState = 'starting';
  private executionCount = 0;
  /** The code of recent executions, by execution count: tracebacks quote the lines they point at. */
  private readonly sources = new Map<number, string[]>();
  private chain: Promise<void> = Promise.resolve();
  private ready: Promise<void> | null = null;
  private user: string | undefined;
  private announcedBackend: string | undefined;

  constructor(
    private readonly post: (message: KernelMessage) => void,
    private readonly options: KernelOptions = {},
  ) {
    this.mlflow = options.mlflow ?? defaultMlflow;
    this.output = new OutputRouter(post);
    this.runs = new RunWatcher(this.mlflow, (m) => this.output.send(m));
    const target = options.console === undefined ? console : options.console;
    this.restoreConsole = target ? this.output.captureConsole(target) : () => {};
  }

  /** Handles one message from the page. Resolves when it has been dealt with (an execution: queued). */
  handle(message: HostMessage): Promise<void> {
    switch (message.type) {
      case 'init':
        return (this.ready = this.init(message));
      case 'execute_request':
        this.chain = this.chain.then(() => this.execute(message));
        return Promise.resolve();
      case 'interrupt_request':
        // Not only for the cell running now: the one asked for may not have begun (see InterruptController).
        this.interrupts.request(message.seq);
        return Promise.resolve();
      case 'control_change':
        this.post(this.changeControl(message));
        return Promise.resolve();
      case 'inspect_request':
        this.post({ type: 'inspect_reply', requestId: message.requestId, names: this.scope.entries() });
        return Promise.resolve();
      default:
        this.output.stream(
          'stderr',
          `kiroku kernel: unknown message ${JSON.stringify((message as { type?: unknown }).type)}\n`,
        );
        return Promise.resolve();
    }
  }

  /** Resolves when every queued execution has finished. */
  idle(): Promise<void> {
    return this.chain;
  }

  dispose(): void {
    this.restoreConsole();
    this.runs.dispose();
    setInterruptCheck(null);
  }

  /** An error no cell caught (a timer's callback, a promise nobody awaited): shown under the last cell. */
  reportUncaught(reason: unknown, kind: 'error' | 'rejection'): void {
    if (isInterrupt(reason)) return; // the tail of an interrupted cell
    const text =
      reason instanceof Error ? (reason.stack ?? `${reason.name}: ${reason.message}`) : formatLogArgs([reason]);
    this.output.stream('stderr', `Uncaught${kind === 'rejection' ? ' (in promise)' : ''} ${text}\n`);
    this.output.flush();
  }

  private async init(message: Partial<InitRequest>): Promise<void> {
    this.setState('starting');
    this.interrupts = new InterruptController(message.interruptBuffer);
    this.runtime = createRuntime(this.scope, this.interrupts);
    // Library loops (an estimator's epochs) call checkInterrupt(); in the kernel it is the real check.
    setInterruptCheck(() => this.interrupts.check());
    this.runs.pageTrackingUri = message.trackingUri ?? null;
    if (message.trackingUri && isServerUri(message.trackingUri)) {
      // The page works against an MLflow server: so do cells, with the page's credentials.
      const { connectTrackingServer } = await import('../../interop/rest/connect');
      connectTrackingServer(this.mlflow, message.trackingUri, message.server);
    } else if (message.trackingUri && message.trackingUri !== this.mlflow.getTrackingUri())
      this.mlflow.setTrackingUri(message.trackingUri);
    // Opening the client ends the runs a previous kernel left RUNNING (a restart terminated it and
    // released their locks) as KILLED now, not when a cell first logs.
    this.mlflow.client();
    this.user = message.user;
    await defineGlobals(this.scope, {
      mlflow: this.mlflow,
      display: (value, options) => this.display(value, options),
      ui: this.controls.factories(),
    });
    this.setState('idle');
    if (this.options.preloadTf ?? true) {
      loadTf().then(
        () => this.announceBackend(),
        (err: unknown) => this.output.stream('stderr', `TensorFlow.js could not start: ${String(err)}\n`),
      );
    }
  }

  private async execute(req: ExecuteRequest): Promise<void> {
    this.ready ??= this.init({});
    await this.ready.catch(() => {});
    const count = ++this.executionCount;
    const target = { cellId: req.cellId, executionId: req.executionId };
    this.keepSource(count, req.code);
    this.interrupts.begin(req.seq);
    this.output.begin(target);
    this.setState('busy');
    let status: 'ok' | 'error' = 'ok';
    let declared: string[] | undefined;
    try {
      this.runs.begin({ ...target, code: req.code, language: req.language, notebook: req.notebook }, this.user);
      const cell = transpileCell(req.code, {
        language: req.language,
        sourceUrl: cellSourceUrl(count),
        kernelName: (n) => this.scope.kernelName(n),
        isGlobal: (n) => n in globalThis,
      });
      // Interrupted before it began, or while its globals loaded: none of its code runs.
      this.interrupts.check();
      await this.scope.load(cell.uses);
      this.interrupts.check();
      this.scope.record(cell.declared, cell.consts);
      declared = cell.declared;
      const fn = compile(cell.source);
      const value = await fn(this.scope.values, this.runtime);
      if (cell.hasResult && value !== undefined) {
        const data = await mimeBundle(value);
        if (data) this.output.send({ type: 'execute_result', ...target, executionCount: count, data });
      }
    } catch (err) {
      status = 'error';
      this.output.send({ type: 'error', ...target, ...errorContent(err, count, (n) => this.sources.get(n)) });
    }
    await this.settle();
    this.output.flush();
    this.post({ type: 'execute_reply', ...target, status, executionCount: count, ...(declared ? { declared } : {}) });
    this.setState('idle');
    this.announceBackend();
  }

  private keepSource(count: number, code: string): void {
    this.sources.set(count, code.split(/\r\n|\r|\n/));
    // A function defined long ago can still fail; its cell's code is small. Keep the last thousand.
    if (this.sources.size > 1000) this.sources.delete(this.sources.keys().next().value!);
  }

  /**
   * A live input moved: set its value now (the page has interrupted the cells it reran for the value
   * before) and name the cells to rerun — those reading a name that holds the control, and what
   * depends on them (dependents.ts), analysed with this kernel's names as they are now.
   */
  private changeControl(req: ControlChangeRequest): KernelMessage {
    const reply = { type: 'control_reply' as const, requestId: req.requestId, controlId: req.controlId };
    const control = this.controls.get(req.controlId);
    if (!control)
      return {
        ...reply,
        cellIds: [],
        error: 'This control belongs to an earlier kernel: run its cell again to use it.',
      };
    let value: ReturnType<typeof control.set>;
    try {
      value = control.set(req.value);
    } catch (err) {
      return {
        ...reply,
        cellIds: [],
        error: `The control refused the value: ${err instanceof Error ? err.message : String(err)}.`,
      };
    }
    const names = cellNames(req.cells, (c) =>
      transpileCell(c.code, {
        language: c.language,
        sourceUrl: 'analysis',
        kernelName: (n) => this.scope.kernelName(n),
        isGlobal: (n) => n in globalThis,
      }),
    );
    return { ...reply, value, cellIds: dependentCells(names, namesHolding(this.scope.values, control)) };
  }

  /** Waits (boundedly) for the cell's tracking writes and its runs' final displays. */
  private async settle(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.settleTimeoutMs ?? 5000)));
    try {
      await Promise.race([this.runs.end().catch(() => {}), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** `display(x)` in a cell: a display_data message under the running cell (or the last one). */
  private display(value: unknown, options: { displayId?: string; raw?: boolean } = {}): void | Promise<void> {
    const target = this.output.current;
    if (!target) return;
    const send = (data: Awaited<ReturnType<typeof mimeBundle>>) => {
      if (!data) return;
      this.output.send({
        type: 'display_data',
        ...target,
        data,
        ...(options.displayId ? { displayId: String(options.displayId) } : {}),
      });
    };
    const data = mimeBundle(value, options);
    if (data instanceof Promise) return data.then(send);
    send(data);
  }

  private setState(state: KernelState): void {
    this.state = state;
    this.post({ type: 'status', state, ...(this.announcedBackend ? { backend: this.announcedBackend } : {}) });
  }

  /** Tell the page which TensorFlow.js backend runs (after start, and after each cell: it may switch). */
  private announceBackend(): void {
    void tfBackend().then((backend) => {
      if (!backend || backend === this.announcedBackend) return;
      this.announcedBackend = backend;
      this.post({ type: 'status', state: this.state, backend });
    });
  }
}

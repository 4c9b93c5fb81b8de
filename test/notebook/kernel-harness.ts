// Drives a Kernel in-process, as the worker entry does, and collects what it sends per execution.
import { Kernel, type KernelOptions } from '../../src/notebook/worker/kernel';
import { Fluent } from '../../src/tracking/fluent';
import type { ErrorMessage, ExecuteReply, KernelMessage, MimeBundle } from '../../src/notebook/protocol';

let sessions = 0;

export interface CellOutcome {
  messages: KernelMessage[];
  reply: ExecuteReply;
  stdout: string;
  stderr: string;
  result?: MimeBundle;
  error?: ErrorMessage;
  displays: Array<{ data: MimeBundle; displayId?: string }>;
}

/** `started: false` returns at once, with the kernel still starting (its `init` not handled yet). */
export async function startKernel(
  options: KernelOptions & { interruptBuffer?: SharedArrayBuffer; started?: boolean } = {},
) {
  const messages: KernelMessage[] = [];
  const uri = `memory:kernel-test-${++sessions}`;
  const mlflow = options.mlflow ?? new Fluent(uri);
  const kernel = new Kernel((m) => messages.push(m), { preloadTf: false, ...options, mlflow });
  const init = kernel.handle({
    type: 'init',
    trackingUri: mlflow.getTrackingUri(),
    user: 'tester',
    ...(options.interruptBuffer ? { interruptBuffer: options.interruptBuffer } : {}),
  });
  if (options.started ?? true) await init;
  let n = 0;

  /** Queue a cell; resolves with everything it sent once its reply arrived. */
  function send(code: string, opts: { cellId?: string; language?: 'typescript' | 'javascript' } = {}) {
    const seq = ++n;
    const executionId = `e${seq}`;
    const cellId = opts.cellId ?? `cell-${seq}`;
    void kernel.handle({
      type: 'execute_request',
      cellId,
      executionId,
      code,
      language: opts.language ?? 'typescript',
      notebook: { id: 'nb-1', name: 'Test notebook' },
      seq,
    });
    const done = (async (): Promise<CellOutcome> => {
      for (;;) {
        const reply = messages.find(
          (m): m is ExecuteReply => m.type === 'execute_reply' && m.executionId === executionId,
        );
        if (reply)
          return outcome(
            messages.filter((m) => 'executionId' in m && m.executionId === executionId),
            reply,
          );
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    /** Interrupt this execution as the host does (by message; the shared flag is the caller's). */
    const interrupt = () => kernel.handle({ type: 'interrupt_request', executionId, seq });
    return { executionId, cellId, seq, done, interrupt };
  }

  const run = (code: string, opts?: { cellId?: string; language?: 'typescript' | 'javascript' }) =>
    send(code, opts).done;
  return { kernel, messages, mlflow, send, run, dispose: () => kernel.dispose() };
}

function outcome(messages: KernelMessage[], reply: ExecuteReply): CellOutcome {
  const text = (name: 'stdout' | 'stderr') =>
    messages.map((m) => (m.type === 'stream' && m.name === name ? m.text : '')).join('');
  const result = messages.find((m) => m.type === 'execute_result');
  const error = messages.find((m): m is ErrorMessage => m.type === 'error');
  return {
    messages,
    reply,
    stdout: text('stdout'),
    stderr: text('stderr'),
    ...(result?.type === 'execute_result' ? { result: result.data } : {}),
    ...(error ? { error } : {}),
    displays: messages.flatMap((m) =>
      m.type === 'display_data' ? [{ data: m.data, ...(m.displayId ? { displayId: m.displayId } : {}) }] : [],
    ),
  };
}

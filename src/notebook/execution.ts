// One execution as the page sees it: the cell's messages, kept in order and handed out as an async
// iterable that ends after the execute_reply, and the reply itself as a promise. KernelHost makes one
// per `execute()` and pushes the kernel's messages into it, and those it says itself when the kernel cannot.
import type { ExecuteReply, ExecuteRequest, KernelMessage } from './protocol';

export type CellMessage = Exclude<
  KernelMessage,
  { type: 'status' } | { type: 'inspect_reply' } | { type: 'control_reply' }
>;

/** One execution: its messages as an async iterable (ending after the reply), and the reply. */
export interface Execution extends AsyncIterable<CellMessage> {
  readonly cellId: string;
  readonly executionId: string;
  readonly reply: Promise<ExecuteReply>;
}

export class PendingExecution implements Execution {
  readonly reply: Promise<ExecuteReply>;
  private resolveReply!: (r: ExecuteReply) => void;
  private readonly buffer: CellMessage[] = [];
  private wake: (() => void) | null = null;
  private done = false;

  constructor(readonly request: ExecuteRequest) {
    this.reply = new Promise((resolve) => (this.resolveReply = resolve));
  }

  get cellId(): string {
    return this.request.cellId;
  }

  get executionId(): string {
    return this.request.executionId;
  }

  push(m: CellMessage): void {
    if (this.done) return;
    this.buffer.push(m);
    if (m.type === 'execute_reply') {
      this.done = true;
      this.resolveReply(m);
    }
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<CellMessage> {
    let i = 0;
    for (;;) {
      while (i < this.buffer.length) {
        const m = this.buffer[i++]!;
        yield m;
        if (m.type === 'execute_reply') return;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }

  // What the host says for this execution when its kernel cannot: a note, an abort, a failure.

  /** A line on the cell's stderr. */
  stderr(text: string): CellMessage {
    return { type: 'stream', cellId: this.cellId, executionId: this.executionId, name: 'stderr', text: `${text}\n` };
  }

  /** The reply of an execution that will not run (or not finish): queued behind an error, or restarted. */
  abortedReply(): CellMessage {
    return {
      type: 'execute_reply',
      cellId: this.cellId,
      executionId: this.executionId,
      status: 'aborted',
      executionCount: 0,
    };
  }

  /** A KernelError saying `message` (the kernel died or is dead), then the error reply. */
  failure(message: string): CellMessage[] {
    const { cellId, executionId } = this;
    return [
      {
        type: 'error',
        cellId,
        executionId,
        ename: 'KernelError',
        evalue: message,
        traceback: [`KernelError: ${message}`],
      },
      { type: 'execute_reply', cellId, executionId, status: 'error', executionCount: 0 },
    ];
  }
}

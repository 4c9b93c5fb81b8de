// One execution as the page sees it: the cell's messages, kept in order and handed out as an async
// iterable that ends after the execute_reply, and the reply itself as a promise. KernelHost makes one
// per `execute()` and pushes the kernel's messages into it.
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
}

// Everything a cell prints goes through here: console calls become `stream` messages (log/info/debug
// → stdout, warn/error → stderr), coalesced so a loop that logs 10,000 lines sends a few messages, not
// 10,000, and capped per execution so a runaway log never ships 100 MB to the page. Any other message
// for the cell (display, result, error) flushes pending text first, so output keeps its order.
//
// The worker's own `console` is patched: library code that logs (danfojs's `df.print()`, tfjs
// warnings) lands under the cell too, as Jupyter captures all of stdout. Output that arrives after
// a cell ended (a timer it set) goes to the last cell that ran.
import type { KernelMessage } from '../protocol';
import { formatLogArgs, inspect } from './inspect';

export const STREAM_MAX_CHARS = 1_000_000;

// danfojs's browser bundle carries its own copy of TensorFlow.js; when both copies load, the second
// warns once per kernel it registers (hundreds of lines). Nothing a user can act on: not shown.
const NOISE = [
  /^The kernel '[^']+' for backend '[^']+' is already registered\n$/,
  /^Platform \w+ has already been set\. Overwriting the platform with/,
  /^\w+ backend was already registered\. Reusing existing backend factory\.\n$/,
];
const FLUSH_MS = 30;
const FLUSH_CHARS = 64 * 1024;

export interface OutputTarget {
  cellId: string;
  executionId: string;
}

type StreamName = 'stdout' | 'stderr';

export class OutputRouter {
  private target: OutputTarget | null = null;
  private pending: { name: StreamName; text: string } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sent = 0;
  private dropped = 0;
  private groupIndent = '';
  private readonly counts = new Map<string, number>();
  private readonly timers = new Map<string, number>();

  constructor(private readonly post: (message: KernelMessage) => void) {}

  /** A new execution: its output goes to its cell, with a fresh allowance. */
  begin(target: OutputTarget): void {
    this.flush();
    this.target = target;
    this.sent = 0;
    this.dropped = 0;
    this.groupIndent = '';
  }

  get current(): OutputTarget | null {
    return this.target;
  }

  stream(name: StreamName, text: string): void {
    const t = this.target;
    if (!t) return;
    if (this.sent >= STREAM_MAX_CHARS) {
      this.dropped += text.length;
      return;
    }
    if (this.sent + text.length > STREAM_MAX_CHARS) {
      this.dropped += this.sent + text.length - STREAM_MAX_CHARS;
      text = text.slice(0, STREAM_MAX_CHARS - this.sent);
    }
    this.sent += text.length;
    if (this.pending && this.pending.name !== name) this.flush();
    if (this.pending) this.pending.text += text;
    else this.pending = { name, text };
    if (this.pending.text.length >= FLUSH_CHARS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Send pending stream text now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const t = this.target;
    if (!t) return;
    if (this.pending) {
      this.post({
        type: 'stream',
        cellId: t.cellId,
        executionId: t.executionId,
        name: this.pending.name,
        text: this.pending.text,
      });
      this.pending = null;
    }
    if (this.dropped) {
      const note = `\n… output truncated: ${this.dropped.toLocaleString('en-US')} more characters were not shown.\n`;
      this.post({ type: 'stream', cellId: t.cellId, executionId: t.executionId, name: 'stderr', text: note });
      this.dropped = 0;
    }
  }

  /** Any other message for the current cell, after its pending text. */
  send(message: KernelMessage): void {
    this.flush();
    this.post(message);
  }

  /** Routes `console` into this router; returns the function that restores it. */
  captureConsole(target: Console = console): () => void {
    const saved = new Map<string, unknown>();
    const line = (name: StreamName, args: unknown[]) => {
      const text = formatLogArgs(args);
      if (name === 'stderr' && NOISE.some((re) => re.test(text + '\n'))) return;
      this.stream(name, (this.groupIndent ? text.replace(/^/gm, this.groupIndent) : text) + '\n');
    };
    const methods: Record<string, (...args: unknown[]) => void> = {
      log: (...a) => line('stdout', a),
      info: (...a) => line('stdout', a),
      debug: (...a) => line('stdout', a),
      warn: (...a) => line('stderr', a),
      error: (...a) => line('stderr', a),
      trace: (...a) =>
        line('stderr', [`Trace: ${formatLogArgs(a)}\n${(new Error().stack ?? '').split('\n').slice(2).join('\n')}`]),
      dir: (v) => line('stdout', [inspect(v)]),
      table: (v) => line('stdout', [inspect(v, { depth: 1 })]),
      assert: (cond, ...a) => {
        if (!cond) line('stderr', ['Assertion failed' + (a.length ? `: ${formatLogArgs(a)}` : '')]);
      },
      group: (...a) => {
        if (a.length) line('stdout', a);
        this.groupIndent += '  ';
      },
      groupCollapsed: (...a) => methods.group!(...a),
      groupEnd: () => {
        this.groupIndent = this.groupIndent.slice(2);
      },
      count: (label = 'default') => {
        const n = (this.counts.get(String(label)) ?? 0) + 1;
        this.counts.set(String(label), n);
        line('stdout', [`${String(label)}: ${n}`]);
      },
      countReset: (label = 'default') => void this.counts.delete(String(label)),
      time: (label = 'default') => void this.timers.set(String(label), performance.now()),
      timeLog: (label = 'default', ...a) => line('stdout', [`${String(label)}: ${this.elapsed(String(label))}`, ...a]),
      timeEnd: (label = 'default') => {
        line('stdout', [`${String(label)}: ${this.elapsed(String(label))}`]);
        this.timers.delete(String(label));
      },
    };
    const c = target as unknown as Record<string, unknown>;
    for (const [name, fn] of Object.entries(methods)) {
      saved.set(name, c[name]);
      c[name] = fn;
    }
    return () => {
      for (const [name, fn] of saved) c[name] = fn;
    };
  }

  private elapsed(label: string): string {
    const start = this.timers.get(label);
    return start === undefined ? `(no timer '${label}')` : `${(performance.now() - start).toFixed(3)}ms`;
  }
}

// Edits to a cell's text that keep its lines where they were, so a stack frame's line number is the
// cell's own line: text removed or replaced leaves its line breaks behind.
import type MagicString from 'magic-string';
import { CellSyntaxError } from './cell-code';
import type { AnyNode } from './bindings';

export class LineKeepingEdits {
  constructor(
    readonly s: MagicString,
    readonly source: string,
  ) {}

  /** The line breaks of the text between `start` and `end`. */
  newlines(start: number, end: number): string {
    return this.source.slice(start, end).replace(/[^\n]/g, '');
  }

  /** Remove text but keep its line breaks, so later lines keep their numbers. */
  blank(start: number, end: number): void {
    if (start >= end) return;
    const nl = this.newlines(start, end);
    if (nl) this.s.update(start, end, nl);
    else this.s.remove(start, end);
  }

  /** A cell the kernel refuses to run, at `node`'s line. */
  error(message: string, node: AnyNode): CellSyntaxError {
    return new CellSyntaxError(message, node.loc?.start.line ?? 1);
  }
}

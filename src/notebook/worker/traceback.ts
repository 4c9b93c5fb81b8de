// An error thrown by a cell → Jupyter's error content (ename, evalue, traceback), with stack frames
// mapped to the cells' own line numbers and each followed by that line of the cell's code (the format
// is traceback-format.ts). Each execution's code is evaluated with `//# sourceURL=kiroku-cell-<n>.js`
// (n = its execution count) and keeps its lines (see transpile.ts), so a frame
// `at train (kiroku-cell-3.js:5:9)` is line 5 of the cell that ran as [3]:
//
//   TypeError: Cannot read properties of undefined (reading 'fit')
//       at train (cell [3], line 5)
//           return model.fit(X, y);
//       at cell line 2
//           train();
//
// Frames below the outermost cell frame are the kernel calling the cell: dropped. Library frames above
// the first cell frame (where the error happened, inside danfojs or an estimator) are kept, shortened;
// the page shows them only on request.
import {
  DataError,
  InterruptError,
  NotFittedError,
  SchemaError,
  SearchSyntaxError,
  TrackingError,
  isInterrupt,
} from '../../lib/errors';
import { FRAME_INDENT, SOURCE_INDENT } from '../traceback-format';
import { KernelError } from './errors';
import { inspect } from './inspect';

export const CELL_URL_PREFIX = 'kiroku-cell-';
const MAX_LIBRARY_FRAMES = 8;

export function cellSourceUrl(executionCount: number): string {
  return `${CELL_URL_PREFIX}${executionCount}.js`;
}

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

interface Frame {
  fn: string;
  file: string;
  line: number;
}

// V8: "    at fn (file:line:col)", "    at file:line:col", "    at async fn (file:line:col)".
const V8_FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):\d+\)?\s*$/;
// Firefox / Safari: "fn@file:line:col".
const GECKO_FRAME = /^(.*?)@(.*?):(\d+):\d+$/;

function parseFrame(line: string): Frame | undefined {
  const m = V8_FRAME.exec(line) ?? GECKO_FRAME.exec(line.trim());
  if (!m) return undefined;
  return { fn: m[1] ?? '', file: m[2] ?? '', line: Number(m[3]) };
}

/** The code of the cell that ran as [n] (its lines), if the kernel still has it. */
export type CellSources = (executionCount: number) => readonly string[] | undefined;

export function errorContent(
  err: unknown,
  executionCount: number,
  sources: CellSources = () => undefined,
): ErrorContent {
  if (!(err instanceof Error)) {
    return { ename: 'Uncaught', evalue: inspect(err), traceback: [`Uncaught ${inspect(err)}`] };
  }
  const ename = errorName(err);
  const evalue = cleanMessage(err.message);
  const head = `${ename}: ${evalue}`;
  // Errors raised for a known line before any cell code ran (syntax, imports) carry that line.
  const known =
    (err as { cellLine?: number; line?: number }).cellLine ??
    (err instanceof SyntaxError ? (err as { line?: number }).line : undefined);
  // (Line 0: the engine refused the whole cell and said nowhere where.)
  const withSource = (frame: string, count: number, line: number) => {
    const code = sources(count)?.[line - 1]?.trim();
    return code ? [frame, `${SOURCE_INDENT}${code}`] : [frame];
  };
  if (typeof known === 'number')
    return {
      ename,
      evalue,
      traceback:
        known > 0 ? [head, ...withSource(`${FRAME_INDENT}at cell line ${known}`, executionCount, known)] : [head],
    };

  const frames = (err.stack ?? '').split('\n').map(parseFrame);
  const lines: string[] = [];
  const firstCell = frames.findIndex((f) => f?.file.includes(CELL_URL_PREFIX));
  let lastCell = -1;
  frames.forEach((f, i) => {
    if (f?.file.includes(CELL_URL_PREFIX)) lastCell = i;
  });
  let libraryFrames = 0;
  frames.forEach((f, i) => {
    if (!f) return;
    if (f.file.includes(CELL_URL_PREFIX))
      return void lines.push(...withSource(`${FRAME_INDENT}at ${cellFrame(f, executionCount)}`, cellCount(f), f.line));
    if (lastCell !== -1 && i > lastCell) return; // the kernel calling the cell
    const library = `${FRAME_INDENT}at ${f.fn ? `${f.fn} ` : ''}(${shortFile(f.file)}:${f.line})`;
    if (firstCell === -1 || i < firstCell) {
      // Where the error happened. An interrupt is raised by the kernel's own check: nothing to show.
      if (isInterrupt(err) && firstCell !== -1) return;
      if (libraryFrames++ < MAX_LIBRARY_FRAMES) lines.push(library);
      return;
    }
    lines.push(library); // between cell frames, e.g. mlflow.startRun calling the cell's callback
  });
  const traceback = [head, ...lines];
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error) traceback.push(`Caused by: ${cause.name}: ${cause.message}`);
  return { ename, evalue, traceback };
}

// Kiroku's error classes name themselves after their class, which a production build minifies ("ne");
// the names users should read are restored here, most specific first.
const KNOWN: Array<[new (...args: never[]) => Error, string]> = [
  [InterruptError, 'InterruptError'],
  [SearchSyntaxError, 'SearchSyntaxError'],
  [TrackingError, 'TrackingError'],
  [SchemaError, 'SchemaError'],
  [NotFittedError, 'NotFittedError'],
  [DataError, 'DataError'],
  [KernelError, 'KernelError'],
];

function errorName(err: Error): string {
  for (const [cls, name] of KNOWN) if (err instanceof cls) return name;
  return err.name || err.constructor?.name || 'Error';
}

const cellCount = (f: Frame) => Number(/kiroku-cell-(\d+)/.exec(f.file)?.[1]);

function cellFrame(f: Frame, executionCount: number): string {
  const n = cellCount(f);
  const where = n === executionCount ? `cell line ${f.line}` : `cell [${n}], line ${f.line}`;
  // A cell-level function is called as a property of the kernel's scope object: V8 says "Object.f".
  const fn = f.fn.replace(/^async /, '').replace(/^Object\./, '');
  const isAsync = f.fn.startsWith('async ');
  // The cell's own top level is the generated function named `cell` (Chromium may call it `eval`
  // before its first await; strict code cannot name a function `eval`).
  if (fn === 'cell' || fn === 'eval') return `${isAsync ? 'async ' : ''}${where}`;
  return `${isAsync ? 'async ' : ''}${fn || '<anonymous>'} (${where})`;
}

/**
 * V8 quotes the failing expression in some messages ("x.fit is not a function"): show the cell's own
 * text, not the rewritten one (`__ks.x`, `(0, __ks.f)`, `__kk.ref("y")`).
 */
export function cleanMessage(message: string): string {
  return message
    .replace(/\(0\s*,\s*__ks\.([\w$]+)\)/g, '$1')
    .replace(/__kk\.(?:ref|peek)\("([^"]+)"\)/g, '$1')
    .replace(/__kk\.aw\(/g, '(')
    .replace(/\b__ks\./g, '');
}

function shortFile(file: string): string {
  const path = file.replace(/[?#].*$/, '');
  return path.slice(path.lastIndexOf('/') + 1) || path;
}

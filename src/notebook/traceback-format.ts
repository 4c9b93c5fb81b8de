// The lines of a cell's traceback, as the kernel writes them and the page reads them. A traceback stays
// Jupyter's plain list of text lines (so .ipynb keeps it whole), in this form:
//
//   TypeError: Cannot read properties of null (reading 'fit')       the error's name and message
//       at train (cell line 5)                                       a frame in the cell that ran…
//           model.fit(X, y);                                         …and that line of its code
//       at helper (cell [3], line 2)                                 a frame in code cell [3] defined
//       at fit (estimator.ts:120)                                    a library frame (Kiroku, danfojs, …)
//   Caused by: RangeError: …                                         an error's cause
//
// The page shows the cells' frames and hides library frames behind "Show full traceback".

/** Indent of a frame line, and of the code line under a cell frame. */
export const FRAME_INDENT = '    ';
export const SOURCE_INDENT = '        ';

export type TracebackLineKind = 'message' | 'cell' | 'source' | 'library' | 'cause';

const CELL_FRAME = /^ {4}at (?:.*\()?(?:async )?cell (?:line \d+|\[\d+\], line \d+)\)?$/;

/** Each line of a traceback with what it is. */
export function tracebackLines(traceback: readonly string[]): Array<{ kind: TracebackLineKind; text: string }> {
  return traceback.map((text, i) => {
    if (text.startsWith(SOURCE_INDENT) && i > 0 && CELL_FRAME.test(traceback[i - 1]!)) return { kind: 'source', text };
    if (CELL_FRAME.test(text)) return { kind: 'cell', text };
    if (text.startsWith(`${FRAME_INDENT}at `)) return { kind: 'library', text };
    if (text.startsWith('Caused by: ')) return { kind: 'cause', text };
    return { kind: 'message', text };
  });
}

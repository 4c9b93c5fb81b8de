// What Monaco's TypeScript service knows about a cell's globals (`mlflow`, `display`, `loadCSV`, …),
// so completions and hover docs work offline. The declarations are a hand-kept file (not generated)
// because they describe the kernel's globals, not the source tree, and read better as docs; a unit
// test compiles every sample notebook and every TypeScript example of the README and docs/ against
// them, so they cannot drift from what samples and docs use.
// The file is `.d.ts.txt`: as a `.d.ts` it would declare these globals for the app's own code too.
import cellGlobals from './cell-globals.d.ts.txt?raw';

export const CELL_GLOBALS_URI = 'file:///kiroku/cell-globals.d.ts';
export { cellGlobals };

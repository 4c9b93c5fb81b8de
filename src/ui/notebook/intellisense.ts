// What Monaco's TypeScript service knows about a cell's globals (`mlflow`, `display`, `loadCSV`, …), so
// completions and hover docs work offline. Generated from the source of the API cells get
// (scripts/gen-cell-types.ts, from src/notebook/worker/cell-api.ts; `npm run gen:cell-types`): the module
// 'kiroku' as cells import it, and each of its exports as a global. test/notebook/cell-types.test.ts fails
// when they differ from the source or from the names the kernel gives cells.
// The files are `.d.ts.txt`: as `.d.ts` they would declare these globals for the app's own code too.
import kirokuModule from './cell-types/kiroku.d.ts.txt?raw';
import cellGlobals from './cell-types/cell-globals.d.ts.txt?raw';

/** The editor's extra libraries: content and the URI each is known by. */
export const CELL_TYPES: ReadonlyArray<{ uri: string; content: string }> = [
  { uri: 'file:///kiroku/kiroku.d.ts', content: kirokuModule },
  { uri: 'file:///kiroku/cell-globals.d.ts', content: cellGlobals },
];

// The names every cell starts with (docs: the notebook's IntelliSense lists the same ones):
//
//   everything src/index.ts exports (mlflow, the tracking API, estimators and data helpers as they land),
//   mlflow               the kernel's `mlflow`: tracking, models and autolog over its tracking instance
//   display(x, options)  show a value under the cell now ({ displayId } updates it in place later)
//   html(s), markdown(s) mark a string for rich display (HTML is sanitized by the page)
//   loadCSV(name)        a file from the Files panel (or a sample dataset) as a DataFrame
//   readCSV, loadSample, SAMPLE_DATASETS
//   sleep(ms)            a promise that resolves after ms (interruptible when awaited)
//   dfd, tf, ml          danfojs, TensorFlow.js, Kiroku's ML layer — loaded when a cell first uses them
//   ui                   live inputs: ui.slider({ min, max, step, value, label }), … (controls.ts)
//
// A cell may declare any of these names for itself; the builtin is then shadowed for later cells.
import type { Fluent } from '../../tracking/fluent';
import { readCSV } from '../../data/csv';
import { loadSample, SAMPLE_DATASETS } from '../../data/datasets';
import { loadCSV } from '../files';
import type { KernelScope } from './scope';
import { html, markdown } from './markup';
import { loadTf } from './tf-backend';
import type { UiFactories } from './controls';
import type { display as cellDisplay } from './cell-api';

export interface GlobalsDeps {
  mlflow: Fluent;
  /** The kernel's display, as cell-api.ts declares it to the editor. */
  display: typeof cellDisplay;
  ui: UiFactories;
}

export async function defineGlobals(scope: KernelScope, deps: GlobalsDeps): Promise<void> {
  const api = (await import('../../index')) as Record<string, unknown>;
  for (const [name, value] of Object.entries(api)) scope.defineBuiltin(name, value);
  // Composed over the kernel's own instance (a kernel may track elsewhere than the page's default).
  const { createMlflow } = await import('../../mlflow');
  scope.defineBuiltin('mlflow', createMlflow(deps.mlflow));
  scope.defineBuiltin('display', deps.display);
  scope.defineBuiltin('html', html);
  scope.defineBuiltin('markdown', markdown);
  scope.defineBuiltin('loadCSV', loadCSV);
  scope.defineBuiltin('readCSV', readCSV);
  scope.defineBuiltin('loadSample', loadSample);
  scope.defineBuiltin('SAMPLE_DATASETS', SAMPLE_DATASETS);
  scope.defineBuiltin('ui', deps.ui);
  scope.defineBuiltin('sleep', sleep);
  scope.defineLazy('dfd', () => import('danfojs'));
  scope.defineLazy('tf', loadTf);
  scope.defineLazy('ml', () => import('../../ml'));
}

/** A promise that resolves after `ms` milliseconds (Interrupt stops the wait). */
export function sleep(ms: number): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}

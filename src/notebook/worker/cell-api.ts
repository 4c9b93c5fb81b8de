/// <reference path="../../env.d.ts" />
// Every name a cell starts with, as types: the source of the editor's declarations of the cell globals
// (scripts/gen-cell-types.ts generates src/ui/notebook/cell-types/ from this module and what it reaches).
// globals.ts defines the same names at run time; test/notebook/cell-types.test.ts fails when the two lists
// differ. Types only: nothing imports this module at run time. (env.d.ts: the build-time constants that
// src/lib/build-info.ts reads, for the declaration emit, which starts from this file.)
import type { UiFactories } from './controls';

export * from '../../index';
export * as ml from '../../ml/index';
export * as dfd from 'danfojs';
export * as tf from '@tensorflow/tfjs';
export { loadCSV } from '../files';
export { sleep } from './globals';
/** A chart: what `display(spec)` draws under the cell and `mlflow.logFigure` logs. */
export type { ChartSpec } from '../protocol';

/**
 * Show a value under the cell now: DataFrames as tables, ChartSpecs as charts, objects as trees.
 * With a `displayId`, a later `display(…, { displayId })` replaces it in place (progress, live values);
 * with `raw`, the value is a MIME bundle shown as it is (`display({ 'text/plain': 'x' }, { raw: true })`).
 */
export declare function display(value: unknown, options?: { displayId?: string; raw?: boolean }): void | Promise<void>;

/**
 * Live inputs, drawn as form controls under the cell. Other cells read `.value`; moving a control
 * reruns exactly the cells that read it, in order, once the value settles (not for the values passed
 * while dragging), and their autologged fits become runs.
 */
export declare const ui: UiFactories;

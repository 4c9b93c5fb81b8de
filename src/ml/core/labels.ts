// Class labels as scikit-learn handles them: any mix-free set of numbers, strings or booleans, kept
// in np.unique order (numbers ascending, strings by code unit), so `classes_`, confusion-matrix rows
// and probability columns line up with what a scikit-learn user expects.
import { DataError } from '../../lib/errors';
import { vectorValues, type VectorInput } from '../../data/frame';

export type Label = number | string | boolean;

function isMissingLabel(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v));
}

/** y as labels; refuses missing values (null, undefined, NaN) and objects, naming the column and row. */
export function toLabels(y: VectorInput, what = 'y'): Label[] {
  const { values, name } = vectorValues(y);
  const col = name === 'y' ? what : name;
  const out = new Array<Label>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') {
      if (!isMissingLabel(v)) {
        out[i] = v;
        continue;
      }
    }
    const shown = isMissingLabel(v) ? 'a missing value' : `the value ${JSON.stringify(v)}`;
    throw new DataError(`Column '${col}' has ${shown} at row ${i}; class labels must be numbers, strings or booleans.`);
  }
  return out;
}

function labelType(v: Label): 'number' | 'string' {
  return typeof v === 'string' ? 'string' : 'number';
}

/** np.unique's order; numbers and booleans compare numerically (false < true), strings by code unit. */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a !== 'string' && typeof b !== 'string') return Number(a) - Number(b);
  throw new DataError(`Mix of label input types (string and number): ${JSON.stringify(a)} and ${JSON.stringify(b)}.`);
}

/** Sorted distinct labels of one or more label arrays (sklearn's `unique_labels`). */
export function uniqueLabels(...ys: ArrayLike<Label>[]): Label[] {
  const seen = new Set<Label>();
  for (const y of ys) for (let i = 0; i < y.length; i++) seen.add(y[i]!);
  const out = [...seen];
  if (out.length > 1) {
    const t = labelType(out[0]!);
    const other = out.find((v) => labelType(v) !== t);
    if (other !== undefined) compareLabels(out[0]!, other);
  }
  return out.sort(compareLabels);
}

/** label → position in `classes`. */
export function labelIndex(classes: readonly Label[]): Map<Label, number> {
  return new Map(classes.map((c, k) => [c, k]));
}

/** Encode labels as their index in `classes`; unknown labels throw, naming the label. */
export function encodeLabels(y: ArrayLike<Label>, classes: readonly Label[]): Int32Array {
  const index = labelIndex(classes);
  const out = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const k = index.get(y[i]!);
    if (k === undefined) {
      throw new DataError(
        `y contains previously unseen label ${JSON.stringify(y[i])}; known labels are ${JSON.stringify(classes)}.`,
      );
    }
    out[i] = k;
  }
  return out;
}

/** True when every numeric label is an integer (or a boolean, or a string): a classification target. */
export function isDiscrete(labels: readonly Label[]): boolean {
  return labels.every((v) => typeof v !== 'number' || Number.isInteger(v));
}

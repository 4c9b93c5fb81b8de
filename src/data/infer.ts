// A column's type from its values, by pandas' rules, over ALL values (never a sample: a column whose
// first thousand rows are whole numbers may still hold decimals further down, and its type must say
// so). Missing is null, undefined or NaN.
//
//   numbers only            int64 when every value is a whole number (a safe integer) and none is
//                           missing; otherwise float64 (NaN for missing) — as pandas
//   booleans only           bool (null for missing)
//   nothing but missing     float64, as pandas types an all-NaN column
//   anything else           string (null for missing); numbers, booleans and dates in it become text,
//                           as they are in pandas' object columns when written out
//
// `float: true` keeps a numeric column float64 even when its values are whole: a Float64Array, or a
// column a library declared float, is float data whatever its values (numpy keeps 1.0 a float64).
import type { ColumnData, Dtype } from './table';

export interface InferredColumn {
  dtype: Dtype;
  data: ColumnData;
}

const NUMBER = 1;
const BOOL = 2;
const OTHER = 4;

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && v !== v);
}

/** The pandas dtype and storage of a column of values. */
export function inferColumn(values: ArrayLike<unknown>, options: { float?: boolean } = {}): InferredColumn {
  const n = values.length;
  if (values instanceof Float64Array || values instanceof Float32Array) {
    return { dtype: 'float64', data: values instanceof Float64Array ? values : Float64Array.from(values) };
  }
  if (ArrayBuffer.isView(values) && !(values instanceof BigInt64Array) && !(values instanceof BigUint64Array)) {
    // Int8…Uint32 arrays: whole numbers, never missing.
    return { dtype: options.float ? 'float64' : 'int64', data: Float64Array.from(values as ArrayLike<number>) };
  }
  const numbers = numericColumn(values, options.float === true);
  if (numbers) return numbers;
  let kinds = 0;
  let missing = 0;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v === 'number') {
      if (v !== v) missing++;
      else {
        kinds |= NUMBER;
        if (whole && !Number.isSafeInteger(v)) whole = false;
      }
    } else if (typeof v === 'boolean') kinds |= BOOL;
    else if (v === null || v === undefined) missing++;
    else if (typeof v === 'bigint' && Number.isSafeInteger(Number(v))) kinds |= NUMBER;
    else kinds |= OTHER;
  }
  if (kinds === NUMBER || kinds === 0) {
    const data = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      data[i] = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN;
    }
    const int = kinds === NUMBER && whole && missing === 0 && !options.float;
    return { dtype: int ? 'int64' : 'float64', data };
  }
  if (kinds === BOOL) {
    const data = new Array<boolean | null>(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      data[i] = typeof v === 'boolean' ? v : null;
    }
    return { dtype: 'bool', data };
  }
  const data = new Array<string | null>(n);
  for (let i = 0; i < n; i++) data[i] = asText(values[i]);
  return { dtype: 'string', data };
}

/**
 * The common case in one pass: a column of numbers (NaN for missing) copied straight into its
 * Float64Array while its kind is checked; null as soon as a value is anything else.
 */
function numericColumn(values: ArrayLike<unknown>, float: boolean): InferredColumn | null {
  const n = values.length;
  const data = new Float64Array(n);
  let whole = !float;
  let missing = false;
  let present = false;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number') return null;
    data[i] = v;
    if (v !== v) missing = true;
    else {
      present = true;
      if (whole && (Math.floor(v) !== v || v > Number.MAX_SAFE_INTEGER || v < -Number.MAX_SAFE_INTEGER)) whole = false;
    }
  }
  return { dtype: whole && present && !missing ? 'int64' : 'float64', data };
}

/** A value of a string column as text; null for missing. */
function asText(v: unknown): string | null {
  if (isMissing(v)) return null;
  if (typeof v === 'string') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'object') {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

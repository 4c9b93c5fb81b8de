// What every transformer shares: reading X as a Table (strings allowed, so encoders and imputers can
// see categories), checking that transform gets the columns fit saw, and building the output.
//
// Why a Table rather than `toMatrix`: `toMatrix` refuses strings and missing values, which is exactly
// what OneHotEncoder and SimpleImputer exist to handle. Numeric transformers read the same columns and
// convert, treating missing values as NaN (scikit-learn's scalers ignore NaN in fit and keep it in
// transform, so a scaler may sit before an imputer).
//
// Output is a column-major `Matrix` whose `columns` are `getFeatureNamesOut()`, so the next step of a
// Pipeline (or a model's `toMatrix`) reads it without copying and the feature names survive to the
// logged signature. The one exception is SimpleImputer on string columns, which returns a Table.
import { DataError } from '../../lib/errors';
import { Estimator, type EstimatorKind } from '../core/estimator';
import { areDefaultNames, defaultNames, type Matrix } from '../../data/frame';
import type { Table } from '../../data/table';
import { toTable, type TableInput } from '../../data/table-from';

export type { TableInput };

/** Anything usable as a transformer step: this module's transformers, or a Pipeline of them. */
export type TransformerLike = Estimator<object> & {
  transform(X: TableInput): Matrix | Table;
  getFeatureNamesOut(): string[];
};

/** Whether X came with column names (a DataFrame's, a named Matrix's) rather than `x0`, `x1`, … */
export function hasNames(t: Table): boolean {
  return !areDefaultNames(t.columns);
}

/** NaN, null and undefined are "missing", as pandas and scikit-learn treat them. */
export function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/** A column as float64 with NaN for missing; strings are refused with the column and row named. */
export function numericColumn(values: ArrayLike<unknown>, column: string, who: string): Float64Array {
  if (values instanceof Float64Array) return values;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number') out[i] = v;
    else if (typeof v === 'boolean') out[i] = v ? 1 : 0;
    else if (isMissing(v)) out[i] = NaN;
    else {
      throw new DataError(
        `${who} needs numeric input, but column '${column}' has the value ${JSON.stringify(v)} at row ${i}; ` +
          `encode it with OneHotEncoder or leave the column out.`,
      );
    }
  }
  return out;
}

/** Stack columns (each of length `rows`) into one column-major Matrix. */
export function matrixFromColumns(cols: ArrayLike<number>[], columns: string[], rows: number): Matrix {
  const data = new Float64Array(rows * cols.length);
  cols.forEach((c, j) => data.set(c, j * rows));
  return { data, rows, cols: cols.length, columns };
}

/** JSON has no NaN: store it as null and read it back. */
export function nanToNull(a: ArrayLike<number>): (number | null)[] {
  return Array.from(a, (v) => (Number.isNaN(v) ? null : v));
}
export function nullToNaN(a: unknown): number[] {
  return (a as (number | null)[]).map((v) => (v === null ? NaN : v));
}

/**
 * Base of every transformer: remembers the input columns at fit (`nFeaturesIn_`, and
 * `featureNamesIn_` when X came with names, as scikit-learn does for DataFrames) and checks transform
 * input against them.
 */
export abstract class Transformer<P extends object = Record<string, unknown>> extends Estimator<P> {
  static readonly kind: EstimatorKind = 'transformer';

  nFeaturesIn_: number | undefined = undefined;
  featureNamesIn_: string[] | undefined = undefined;

  abstract override fit(X: TableInput, y?: unknown): this;
  abstract transform(X: TableInput): Matrix | Table;
  /** Output column names, like scikit-learn's `get_feature_names_out()`. */
  abstract getFeatureNamesOut(): string[];

  fitTransform(X: TableInput, y?: unknown): Matrix | Table {
    return this.fit(X, y).transform(X);
  }

  /** Start of fit: read X and record its columns. */
  protected fitTable(X: TableInput): Table {
    const t = toTable(X);
    if (t.rows === 0) throw new DataError(`${this.estimatorName} needs at least one sample to fit; X has 0 rows.`);
    this.nFeaturesIn_ = t.columns.length;
    this.featureNamesIn_ = hasNames(t) ? [...t.columns] : undefined;
    return t;
  }

  /** Start of transform: check fitted, read X, and check it has the columns fit saw. */
  protected transformTable(X: TableInput): Table {
    this.checkFitted();
    const t = toTable(X);
    if (t.columns.length !== this.nFeaturesIn_) {
      throw new DataError(
        `X has ${t.columns.length} features, but ${this.estimatorName} is expecting ${this.nFeaturesIn_} features ` +
          `as input.`,
      );
    }
    const fitNames = this.featureNamesIn_;
    if (fitNames && hasNames(t) && t.columns.some((c, j) => c !== fitNames[j])) {
      throw new DataError(
        `The feature names should match those that were passed during fit: expected [${fitNames.join(', ')}], ` +
          `got [${t.columns.join(', ')}].`,
      );
    }
    return t;
  }

  /** Input names for `getFeatureNamesOut`: the fitted names, else `x0`, `x1`, … */
  protected inputNames(): string[] {
    this.checkFitted();
    return this.featureNamesIn_ ?? defaultNames(this.nFeaturesIn_!);
  }

  /** The shared part of every transformer's state. */
  protected baseState(): Record<string, unknown> {
    return { nFeaturesIn: this.nFeaturesIn_, featureNamesIn: this.featureNamesIn_ ?? null };
  }
  protected restoreBase(state: Record<string, unknown>): void {
    this.nFeaturesIn_ = state.nFeaturesIn as number;
    this.featureNamesIn_ = (state.featureNamesIn as string[] | null) ?? undefined;
  }
}

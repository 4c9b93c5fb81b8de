// OneHotEncoder with scikit-learn's params, fitted attributes and feature names (`color_red`).
//
// Differences from scikit-learn, on purpose: output is always dense (a Matrix; `sparse_output` is not
// a param), and every missing value (NaN, null, undefined) is one category, `null` in `categories_`
// and `nan` in feature names. Category names use JavaScript's `String()`, except booleans and missing
// values, which follow Python (`True`, `nan`); a float column of whole numbers therefore names its
// columns `x_1` where pandas would say `x_1.0`.
import { registerEstimator } from '../core/estimator';
import { DataError, KirokuError } from '../../lib/errors';
import type { Matrix } from '../../data/frame';
import { Transformer, isMissing, matrixFromColumns, type TableInput } from './base';

export type Category = string | number | boolean | null;

export type OneHotEncoderParams = {
  /** 'auto' (sorted unique values seen in fit) or the categories of each column. */
  categories: 'auto' | Category[][];
  /**
   * null keeps every column; 'first' drops each feature's first category; 'if_binary' only for two-category features.
   */
  drop: null | 'first' | 'if_binary';
  /** 'error' refuses categories not seen in fit; 'ignore' encodes them as all zeros. */
  handleUnknown: 'error' | 'ignore';
};

function categoryKey(v: unknown): Category {
  return isMissing(v) ? null : (v as Category);
}

/** Python's `str()` for the values where JavaScript differs. */
export function categoryName(c: Category): string {
  if (c === null) return 'nan';
  if (typeof c === 'boolean') return c ? 'True' : 'False';
  return String(c);
}

/** Sorted as numpy sorts one column: numbers (or strings, or booleans) ascending, missing last. */
function sortedCategories(values: ArrayLike<unknown>, column: string): Category[] {
  const seen = new Set<Category>();
  for (let i = 0; i < values.length; i++) seen.add(categoryKey(values[i]));
  const hasMissing = seen.delete(null);
  const cats = [...seen];
  const types = new Set(cats.map((c) => typeof c));
  if (types.size > 1) {
    throw new DataError(
      `Encoders require their input to be uniformly strings or numbers. Column '${column}' ` +
        `mixes ${[...types].join(' and ')}.`,
    );
  }
  cats.sort((a, b) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  if (hasMissing) cats.push(null);
  return cats;
}

/** Encode categorical features as one 0/1 column per category, scikit-learn's OneHotEncoder. */
export class OneHotEncoder extends Transformer<OneHotEncoderParams> {
  static override readonly kind = 'transformer' as const;
  /** The categories of each feature, in output order (before dropping). */
  categories_: Category[][] | null = null;
  /** Per feature, the index in `categories_` of the dropped category, or null; null overall when `drop` is null. */
  dropIdx_: (number | null)[] | null = null;

  constructor(params: Partial<OneHotEncoderParams> = {}) {
    super({ categories: 'auto', drop: null, handleUnknown: 'error' }, params);
  }

  get isFitted(): boolean {
    return this.categories_ !== null;
  }

  fit(X: TableInput): this {
    const t = this.fitTable(X);
    const { categories, drop } = this.params;
    if (categories === 'auto') {
      this.categories_ = t.data.map((v, j) => sortedCategories(v, t.columns[j]!));
    } else {
      if (categories.length !== t.columns.length) {
        throw new KirokuError(
          `Shape mismatch: if categories is an array, it has to be of shape (n_features,); ` +
            `got ${categories.length} lists for ${t.columns.length} features.`,
          'INVALID_PARAMETER_VALUE',
        );
      }
      this.categories_ = categories.map((c) => c.map(categoryKey));
      const unknown = this.unknownIn(t.data);
      if (unknown)
        throw new DataError(`Found unknown categories [${unknown.values}] in column ${unknown.column} during fit`);
    }
    this.dropIdx_ = drop === null ? null : this.categories_.map((c) => (drop === 'first' || c.length === 2 ? 0 : null));
    return this;
  }

  /** The first column with values outside its categories, for the error message. */
  private unknownIn(values: readonly ArrayLike<unknown>[]): { column: number; values: string } | null {
    for (let j = 0; j < values.length; j++) {
      const known = new Set(this.categories_![j]);
      const bad = new Set<Category>();
      const col = values[j]!;
      for (let i = 0; i < col.length; i++) if (!known.has(categoryKey(col[i]))) bad.add(categoryKey(col[i]));
      if (bad.size)
        return {
          column: j,
          values: [...bad].map((b) => JSON.stringify(categoryName(b)).replace(/"/g, "'")).join(', '),
        };
    }
    return null;
  }

  transform(X: TableInput): Matrix {
    const t = this.transformTable(X);
    if (this.params.handleUnknown === 'error') {
      const unknown = this.unknownIn(t.data);
      if (unknown)
        throw new DataError(
          `Found unknown categories [${unknown.values}] in column ${unknown.column} during transform`,
        );
    }
    const out: Float64Array[] = [];
    t.data.forEach((col, j) => {
      const cats = this.categories_![j]!;
      const dropped = this.dropIdx_?.[j] ?? null;
      // Output column of each category, -1 for the dropped one.
      const where = new Map<Category, number>();
      let k = 0;
      cats.forEach((c, ci) => where.set(c, ci === dropped ? -1 : k++));
      const block = Array.from({ length: k }, () => new Float64Array(t.rows));
      for (let i = 0; i < t.rows; i++) {
        const pos = where.get(categoryKey(col[i]));
        if (pos !== undefined && pos >= 0) block[pos]![i] = 1;
      }
      out.push(...block);
    });
    return matrixFromColumns(out, this.getFeatureNamesOut(), t.rows);
  }

  getFeatureNamesOut(): string[] {
    const names = this.inputNames();
    const out: string[] = [];
    this.categories_!.forEach((cats, j) => {
      cats.forEach((c, ci) => {
        if (ci !== this.dropIdx_?.[j]) out.push(`${names[j]}_${categoryName(c)}`);
      });
    });
    return out;
  }

  protected stateToJSON(): Record<string, unknown> {
    return { ...this.baseState(), categories: this.categories_, dropIdx: this.dropIdx_ };
  }

  protected override stateFromJSON(s: Record<string, unknown>): void {
    this.restoreBase(s);
    this.categories_ = s.categories as Category[][];
    this.dropIdx_ = s.dropIdx as (number | null)[] | null;
  }
}

registerEstimator('OneHotEncoder', OneHotEncoder);

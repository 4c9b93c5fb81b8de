// SimpleImputer with scikit-learn's strategies. Missing means NaN, null or undefined (what pandas and
// danfojs produce for an empty CSV cell); there is no `missing_values` param.
//
// Output: a Matrix when every output value is numeric; otherwise (most_frequent or constant on string
// columns) a Table, which the next step (OneHotEncoder, a ColumnTransformer) reads like a DataFrame.
// scikit-learn returns an object array in that case, for the same reason.
import { registerEstimator } from '../core/estimator';
import { DataError, KirokuError } from '../../lib/errors';
import type { Matrix } from '../../data/frame';
import { inferColumn } from '../../data/infer';
import { Table } from '../../data/table';
import { Transformer, isMissing, matrixFromColumns, numericColumn, type TableInput } from './base';

export type ImputeStrategy = 'mean' | 'median' | 'most_frequent' | 'constant';
type Fill = number | string | boolean;

export type SimpleImputerParams = {
  strategy: ImputeStrategy;
  /** The value for strategy 'constant'; default 0 for numeric columns and 'missing_value' for others. */
  fillValue: Fill | null;
  /** Keep columns that were all missing in fit (filled with 0) instead of dropping them, as scikit-learn. */
  keepEmptyFeatures: boolean;
};

const STRATEGIES: ImputeStrategy[] = ['mean', 'median', 'most_frequent', 'constant'];

function present(values: ArrayLike<unknown>): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < values.length; i++) if (!isMissing(values[i])) out.push(values[i]);
  return out;
}

function median(sorted: number[]): number {
  const n = sorted.length;
  const h = n >> 1;
  return n % 2 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
}

/** The most frequent value; ties go to the smallest, as scikit-learn. */
function mostFrequent(values: unknown[]): Fill {
  const counts = new Map<unknown, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: unknown;
  let bestCount = 0;
  for (const [v, c] of counts) {
    if (c > bestCount || (c === bestCount && (v as Fill) < (best as Fill))) {
      best = v;
      bestCount = c;
    }
  }
  return best as Fill;
}

/** Fill missing values per column, scikit-learn's SimpleImputer. */
export class SimpleImputer extends Transformer<SimpleImputerParams> {
  static override readonly kind = 'transformer' as const;
  /** The fill value of each input feature; null for features that were all missing (scikit-learn: NaN). */
  statistics_: (Fill | null)[] | null = null;

  constructor(params: Partial<SimpleImputerParams> = {}) {
    super({ strategy: 'mean', fillValue: null, keepEmptyFeatures: false }, params);
  }

  get isFitted(): boolean {
    return this.statistics_ !== null;
  }

  fit(X: TableInput): this {
    const { strategy, fillValue, keepEmptyFeatures } = this.params;
    if (!STRATEGIES.includes(strategy)) {
      throw new KirokuError(
        `Invalid strategy '${strategy}' for SimpleImputer; use one of ${STRATEGIES.join(', ')}.`,
        'INVALID_PARAMETER_VALUE',
      );
    }
    const t = this.fitTable(X);
    this.statistics_ = t.data.map((col, j) => {
      const name = t.columns[j]!;
      const vals = present(col);
      const numeric = vals.every((v) => typeof v === 'number' || typeof v === 'boolean');
      if (strategy === 'constant') {
        if (fillValue === null) return numeric ? 0 : 'missing_value';
        if (numeric && vals.length && typeof fillValue === 'string') {
          throw new DataError(
            `'fill_value'=${fillValue} is invalid. Expected a numerical value when imputing numerical data (column ` +
              `'${name}').`,
          );
        }
        return fillValue;
      }
      if (vals.length === 0) return keepEmptyFeatures ? 0 : null;
      if (strategy === 'most_frequent') return mostFrequent(vals);
      const nums = Array.from(numericColumn(vals, name, `SimpleImputer(strategy='${strategy}')`));
      if (strategy === 'mean') return nums.reduce((a, v) => a + v, 0) / nums.length;
      return median(nums.sort((a, b) => a - b));
    });
    return this;
  }

  /** Input features kept in the output: those with a statistic (all-missing ones are dropped). */
  private kept(): number[] {
    return this.statistics_!.flatMap((s, j) => (s === null ? [] : [j]));
  }

  transform(X: TableInput): Matrix | Table {
    const t = this.transformTable(X);
    const cols: unknown[][] = [];
    let numeric = true;
    for (const j of this.kept()) {
      const fill = this.statistics_![j]!;
      const src = t.data[j]!;
      const col = new Array<unknown>(t.rows);
      for (let i = 0; i < t.rows; i++) {
        const v = isMissing(src[i]) ? fill : src[i];
        if (typeof v !== 'number' && typeof v !== 'boolean') numeric = false;
        col[i] = v;
      }
      cols.push(col);
    }
    const names = this.getFeatureNamesOut();
    if (!numeric)
      return new Table(
        names.map((name, j) => ({ name, ...inferColumn(cols[j]!) })),
        t.rows,
      );
    return matrixFromColumns(
      cols.map((c) => Float64Array.from(c as number[], Number)),
      names,
      t.rows,
    );
  }

  getFeatureNamesOut(): string[] {
    const names = this.inputNames();
    return this.kept().map((j) => names[j]!);
  }

  protected stateToJSON(): Record<string, unknown> {
    return { ...this.baseState(), statistics: this.statistics_ };
  }

  protected override stateFromJSON(state: Record<string, unknown>): void {
    this.restoreBase(state);
    this.statistics_ = state.statistics as (Fill | null)[];
  }
}

registerEstimator('SimpleImputer', SimpleImputer);

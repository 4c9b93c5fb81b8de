// StandardScaler and MinMaxScaler with scikit-learn's names, defaults and edge cases: population
// variance (ddof = 0); constant features get scale 1 so they map to 0 instead of NaN; NaN is ignored in
// fit and kept in transform.
import { registerEstimator } from '../core/estimator';
import { DataError } from '../../lib/errors';
import type { Matrix } from '../../data/frame';
import type { Table } from '../../data/table';
import { Transformer, matrixFromColumns, nanToNull, nullToNaN, numericColumn, type TableInput } from './base';

const EPS = 2.220446049250313e-16;

function numericColumns(t: Table, who: string): Float64Array[] {
  return t.data.map((v, j) => numericColumn(v, t.columns[j]!, who));
}

/** Mean and population variance of the non-NaN values, plus how many there were. */
function meanVar(col: Float64Array): { mean: number; variance: number; n: number } {
  let n = 0;
  let sum = 0;
  for (const v of col)
    if (!Number.isNaN(v)) {
      n++;
      sum += v;
    }
  const mean = n ? sum / n : NaN;
  // Two passes with the correction term (Chan et al.): accurate when the mean is large next to the spread.
  let ss = 0;
  let c = 0;
  for (const v of col)
    if (!Number.isNaN(v)) {
      const d = v - mean;
      ss += d * d;
      c += d;
    }
  return { mean, variance: n ? (ss - (c * c) / n) / n : NaN, n };
}

export type StandardScalerParams = {
  withMean: boolean;
  withStd: boolean;
};

/** Standardize features: `(x - mean_) / scale_`, scikit-learn's StandardScaler. */
export class StandardScaler extends Transformer<StandardScalerParams> {
  static override readonly kind = 'transformer' as const;
  /** Per-feature mean; null when neither centering nor scaling (as scikit-learn). */
  mean_: number[] | null = null;
  /** Per-feature population variance; null when `withStd` is false. */
  var_: number[] | null = null;
  /** Per-feature std (1 for constant features); null when `withStd` is false. */
  scale_: number[] | null = null;
  /** Non-missing values seen per feature. */
  nSamplesSeen_: number[] | null = null;

  constructor(params: Partial<StandardScalerParams> = {}) {
    super({ withMean: true, withStd: true }, params);
  }

  get isFitted(): boolean {
    return this.nSamplesSeen_ !== null;
  }

  fit(X: TableInput): this {
    const cols = numericColumns(this.fitTable(X), this.estimatorName);
    const stats = cols.map(meanVar);
    const { withMean, withStd } = this.params;
    this.nSamplesSeen_ = stats.map((s) => s.n);
    this.mean_ = withMean || withStd ? stats.map((s) => s.mean) : null;
    this.var_ = withStd ? stats.map((s) => s.variance) : null;
    this.scale_ = withStd
      ? stats.map((s) => {
          // scikit-learn's _is_constant_feature: variance within rounding error of zero counts as zero.
          const bound = s.n * EPS * s.variance + (s.n * s.mean * EPS) ** 2;
          return s.variance <= bound || Number.isNaN(s.variance) ? 1 : Math.sqrt(s.variance);
        })
      : null;
    return this;
  }

  transform(X: TableInput): Matrix {
    const t = this.transformTable(X);
    const cols = numericColumns(t, this.estimatorName).map((c, j) => {
      const m = this.params.withMean ? this.mean_![j]! : 0;
      const s = this.params.withStd ? this.scale_![j]! : 1;
      return c.map((v) => (v - m) / s);
    });
    return matrixFromColumns(cols, this.getFeatureNamesOut(), t.rows);
  }

  /** Undo the scaling: `x * scale_ + mean_`. */
  inverseTransform(X: TableInput): Matrix {
    const t = this.transformTable(X);
    const cols = numericColumns(t, this.estimatorName).map((c, j) => {
      const m = this.params.withMean ? this.mean_![j]! : 0;
      const s = this.params.withStd ? this.scale_![j]! : 1;
      return c.map((v) => v * s + m);
    });
    return matrixFromColumns(cols, this.inputNames(), t.rows);
  }

  getFeatureNamesOut(): string[] {
    return this.inputNames();
  }

  protected stateToJSON(): Record<string, unknown> {
    const opt = (a: number[] | null) => (a ? nanToNull(a) : null);
    return {
      ...this.baseState(),
      mean: opt(this.mean_),
      var: opt(this.var_),
      scale: opt(this.scale_),
      nSamplesSeen: this.nSamplesSeen_,
    };
  }

  protected override stateFromJSON(s: Record<string, unknown>): void {
    this.restoreBase(s);
    const opt = (a: unknown) => (a == null ? null : nullToNaN(a));
    this.mean_ = opt(s.mean);
    this.var_ = opt(s.var);
    this.scale_ = opt(s.scale);
    this.nSamplesSeen_ = s.nSamplesSeen as number[];
  }
}

export type MinMaxScalerParams = {
  featureRange: [number, number];
  clip: boolean;
};

/** Scale each feature to `featureRange` (default [0, 1]): `x * scale_ + min_`, scikit-learn's MinMaxScaler. */
export class MinMaxScaler extends Transformer<MinMaxScalerParams> {
  static override readonly kind = 'transformer' as const;
  dataMin_: number[] | null = null;
  dataMax_: number[] | null = null;
  dataRange_: number[] | null = null;
  scale_: number[] | null = null;
  min_: number[] | null = null;

  constructor(params: Partial<MinMaxScalerParams> = {}) {
    super({ featureRange: [0, 1], clip: false }, params);
  }

  get isFitted(): boolean {
    return this.scale_ !== null;
  }

  fit(X: TableInput): this {
    const [lo, hi] = this.params.featureRange;
    if (!(lo < hi)) {
      throw new DataError(`Minimum of desired feature range must be smaller than maximum. Got [${lo}, ${hi}].`);
    }
    const cols = numericColumns(this.fitTable(X), this.estimatorName);
    // NaN skipped, as scikit-learn's nanmin and nanmax do (Math.min and Math.max would return NaN).
    // biome-ignore lint/complexity/useMathMinMax: skips NaN
    this.dataMin_ = cols.map((c) => c.reduce((a, v) => (v < a ? v : a), Infinity)).map(infToNaN);
    // biome-ignore lint/complexity/useMathMinMax: skips NaN
    this.dataMax_ = cols.map((c) => c.reduce((a, v) => (v > a ? v : a), -Infinity)).map(infToNaN);
    this.dataRange_ = this.dataMax_.map((mx, j) => mx - this.dataMin_![j]!);
    // A constant feature has range 0; scikit-learn scales it by 1 rather than dividing by zero.
    this.scale_ = this.dataRange_.map((r) => (hi - lo) / (r < 10 * EPS ? 1 : r));
    this.min_ = this.dataMin_.map((mn, j) => lo - mn * this.scale_![j]!);
    return this;
  }

  transform(X: TableInput): Matrix {
    const t = this.transformTable(X);
    const [lo, hi] = this.params.featureRange;
    const cols = numericColumns(t, this.estimatorName).map((c, j) => {
      const s = this.scale_![j]!;
      const m = this.min_![j]!;
      return c.map((v) => {
        const out = v * s + m;
        return this.params.clip ? Math.min(hi, Math.max(lo, out)) : out;
      });
    });
    return matrixFromColumns(cols, this.getFeatureNamesOut(), t.rows);
  }

  /** Undo the scaling: `(x - min_) / scale_`. */
  inverseTransform(X: TableInput): Matrix {
    const t = this.transformTable(X);
    const cols = numericColumns(t, this.estimatorName).map((c, j) =>
      c.map((v) => (v - this.min_![j]!) / this.scale_![j]!),
    );
    return matrixFromColumns(cols, this.inputNames(), t.rows);
  }

  getFeatureNamesOut(): string[] {
    return this.inputNames();
  }

  protected stateToJSON(): Record<string, unknown> {
    return {
      ...this.baseState(),
      dataMin: nanToNull(this.dataMin_!),
      dataMax: nanToNull(this.dataMax_!),
      dataRange: nanToNull(this.dataRange_!),
      scale: nanToNull(this.scale_!),
      min: nanToNull(this.min_!),
    };
  }

  protected override stateFromJSON(s: Record<string, unknown>): void {
    this.restoreBase(s);
    this.dataMin_ = nullToNaN(s.dataMin);
    this.dataMax_ = nullToNaN(s.dataMax);
    this.dataRange_ = nullToNaN(s.dataRange);
    this.scale_ = nullToNaN(s.scale);
    this.min_ = nullToNaN(s.min);
  }
}

/** An all-NaN column reduces to ±Infinity; scikit-learn reports NaN. */
function infToNaN(v: number): number {
  return Number.isFinite(v) ? v : NaN;
}

registerEstimator('StandardScaler', StandardScaler);
registerEstimator('MinMaxScaler', MinMaxScaler);

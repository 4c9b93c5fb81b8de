// scikit-learn's ColumnTransformer: different transformers for different columns (scale the numbers,
// one-hot the categories), outputs side by side. The given transformers are left untouched; fitted
// clones live in `transformers_`, as in scikit-learn.
//
//   new ColumnTransformer([
//     ['num', new StandardScaler(), ['bill_length_mm', 'body_mass_g']],
//     ['cat', new OneHotEncoder({ handleUnknown: 'ignore' }), ['island', 'sex']],
//   ])
//
// Output names are `name__feature` (`num__body_mass_g`, `cat__island_Dream`), scikit-learn's
// verbose_feature_names_out=True; columns left over are dropped unless `remainder: 'passthrough'`.
import { registerEstimator, type EstimatorJSON } from '../core/estimator';
import { DataError, KirokuError } from '../../lib/errors';
import type { Matrix } from '../../data/frame';
import type { Table } from '../../data/table';
import { toTable } from '../../data/table-from';
import { Transformer, numericColumn, type TableInput, type TransformerLike } from './base';
import {
  clone,
  isEstimator,
  nestedParams,
  paramFromJSON,
  paramToJSON,
  setParamsLoose,
  splitNestedParams,
} from '../model-selection/clone';

/** Columns by name (needs a DataFrame or named Matrix) or by position. */
export type ColumnSelector = string | number | (string | number)[];
export type ColumnSpec = [name: string, transformer: TransformerLike | 'drop' | 'passthrough', columns: ColumnSelector];

export type ColumnTransformerParams = {
  transformers: ColumnSpec[];
  remainder: 'drop' | 'passthrough';
  /** Prefix output names with the transformer's name (`num__age`); false keeps the bare names. */
  verboseFeatureNamesOut: boolean;
};

/** A fitted entry: the positions it read and what it became. */
type FittedSpec = [name: string, transformer: TransformerLike | 'passthrough', columns: number[]];

export class ColumnTransformer extends Transformer<ColumnTransformerParams> {
  static override readonly kind = 'transformer' as const;
  /** Fitted clones with the column positions each read; the remainder appears as 'remainder'. */
  transformers_: FittedSpec[] | null = null;

  constructor(transformers: ColumnSpec[] | Partial<ColumnTransformerParams> = {}) {
    super(
      { transformers: [], remainder: 'drop', verboseFeatureNamesOut: true },
      Array.isArray(transformers) ? { transformers } : transformers,
    );
  }

  get isFitted(): boolean {
    return this.transformers_ !== null;
  }

  /** Positions of the selected columns, refusing names that are not there. */
  private resolve(sel: ColumnSelector, t: Table): number[] {
    const list = Array.isArray(sel) ? sel : [sel];
    return list.map((c) => {
      if (typeof c === 'number') {
        if (c < 0 || c >= t.columns.length)
          throw new DataError(`Column index ${c} is out of range; X has ${t.columns.length} columns.`);
        return c;
      }
      const j = t.columns.indexOf(c);
      if (j < 0)
        throw new DataError(
          `A given column is not a column of the dataframe: '${c}'. Columns are: ${t.columns.join(', ')}.`,
        );
      return j;
    });
  }

  private static subTable(t: Table, cols: number[]): Table {
    return t.pick(cols);
  }

  fit(X: TableInput): this {
    const t = this.fitTable(X);
    const used = new Set<number>();
    const fitted: FittedSpec[] = [];
    for (const [name, tr, sel] of this.params.transformers) {
      if (name === 'remainder' || name.includes('__'))
        throw new KirokuError(`Invalid transformer name '${name}'.`, 'INVALID_PARAMETER_VALUE');
      const cols = this.resolve(sel, t);
      cols.forEach((j) => used.add(j));
      if (tr === 'drop' || cols.length === 0) continue;
      if (tr === 'passthrough') fitted.push([name, 'passthrough', cols]);
      else {
        const fittedTr = clone(tr);
        fittedTr.fit(ColumnTransformer.subTable(t, cols)); // transformers fit synchronously
        fitted.push([name, fittedTr, cols]);
      }
    }
    const rest = t.columns.map((_, j) => j).filter((j) => !used.has(j));
    if (this.params.remainder === 'passthrough' && rest.length) fitted.push(['remainder', 'passthrough', rest]);
    this.transformers_ = fitted;
    this.getFeatureNamesOut(); // refuse duplicate output names now rather than at transform
    return this;
  }

  transform(X: TableInput): Matrix {
    const t = this.transformTable(X);
    const blocks: Float64Array[] = [];
    for (const [name, tr, cols] of this.transformers_!) {
      const sub = ColumnTransformer.subTable(t, cols);
      const out = tr === 'passthrough' ? sub : tr.transform(sub);
      const ot = toTable(out);
      ot.data.forEach((v, j) => blocks.push(numericColumn(v, `${name}__${ot.columns[j]}`, 'ColumnTransformer output')));
    }
    const names = this.getFeatureNamesOut();
    const data = new Float64Array(t.rows * blocks.length);
    blocks.forEach((b, j) => data.set(b, j * t.rows));
    return { data, rows: t.rows, cols: blocks.length, columns: names };
  }

  getFeatureNamesOut(): string[] {
    const input = this.inputNames();
    const names = this.transformers_!.flatMap(([name, tr, cols]) => {
      const inner = tr === 'passthrough' ? cols.map((j) => input[j]!) : tr.getFeatureNamesOut();
      return this.params.verboseFeatureNamesOut ? inner.map((f) => `${name}__${f}`) : inner;
    });
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) {
      throw new DataError(
        `Output feature names are not unique ('${dup}'); set verboseFeatureNamesOut: true to prefix them with the ` +
          `transformer name.`,
      );
    }
    return names;
  }

  /** Fitted transformers by name, as scikit-learn's `named_transformers_`. */
  get namedTransformers_(): Record<string, TransformerLike | 'passthrough'> {
    this.checkFitted();
    return Object.fromEntries(this.transformers_!.map(([n, tr]) => [n, tr]));
  }

  override getParams(): Record<string, unknown> {
    const out: Record<string, unknown> = {
      remainder: this.params.remainder,
      verbose_feature_names_out: this.params.verboseFeatureNamesOut,
      transformers: JSON.stringify(
        this.params.transformers.map(([n, tr, c]) => [n, isEstimator(tr) ? tr.estimatorName : tr, c]),
      ),
    };
    for (const [name, tr] of this.params.transformers) Object.assign(out, nestedParams(name, tr));
    return out;
  }

  override setParams(params: Partial<ColumnTransformerParams> & Record<string, unknown>): this {
    const { own, nested } = splitNestedParams(params);
    super.setParams(own as Partial<ColumnTransformerParams>);
    for (const [name, p] of nested) {
      const tr = this.params.transformers.find(([n]) => n === name)?.[1];
      if (!isEstimator(tr))
        throw new KirokuError(
          `Invalid parameter '${name}' for estimator ColumnTransformer: no transformer named '${name}'.`,
          'INVALID_PARAMETER_VALUE',
        );
      setParamsLoose(tr, p);
    }
    return this;
  }

  override toJSON(): EstimatorJSON {
    const transformers = this.params.transformers.map(([n, tr, c]) => [
      n,
      isEstimator(tr) ? { $estimator: { ...tr.toJSON(), state: null } } : tr,
      c,
    ]);
    return {
      name: this.estimatorName,
      version: this.stateVersion,
      params: { ...this.params, transformers },
      state: this.isFitted ? this.stateToJSON() : null,
    };
  }

  protected stateToJSON(): Record<string, unknown> {
    return { ...this.baseState(), transformers: paramToJSON(this.transformers_) };
  }

  static override paramsFromJSON(params: Record<string, unknown>): Record<string, unknown> {
    return { ...params, transformers: paramFromJSON(params.transformers) };
  }

  protected override stateFromJSON(state: Record<string, unknown>): void {
    this.restoreBase(state);
    this.transformers_ = paramFromJSON(state.transformers) as FittedSpec[];
  }
}

/** scikit-learn's `make_column_selector(dtype_include=...)` in its simplest use: numeric (and boolean) or not. */
export function selectColumns(X: TableInput, kind: 'numeric' | 'categorical'): string[] {
  const t = toTable(X);
  return t.columns.filter((_, j) => (t.dtypes[j] !== 'string') === (kind === 'numeric'));
}

registerEstimator('ColumnTransformer', ColumnTransformer);

// The part of danfojs the notebook's editor knows (cells get the whole package as `dfd`). Hand-kept, with
// tfjs.d.ts the one part of the cell types that is: danfojs's own declarations cannot be bundled (they use
// a value, their `tensorflow` shim typed any, as a namespace — `tensorflow.Tensor` — where dts-bundle-generator
// stops). scripts/gen-cell-types.ts reads this file for 'danfojs' (the `paths` of its bundling step).
export type Value = number | string | boolean | null;
export declare class NDframe {
  /** [rows, columns] */
  readonly shape: number[];
  readonly values: unknown[] | unknown[][];
  readonly index: Array<string | number>;
  readonly dtypes: string[];
  print(): void;
}
export declare class Series extends NDframe {
  constructor(data: unknown[], options?: { index?: Array<string | number>; columns?: string[]; dtypes?: string[] });
  readonly values: Value[];
  readonly dtype: string;
  head(rows?: number): Series;
  tail(rows?: number): Series;
  mean(): number;
  std(): number;
  min(): number;
  max(): number;
  sum(): number;
  unique(): Series;
  valueCounts(): Series;
  map(fn: (value: Value, i: number) => Value): Series;
  iloc(rows: number[] | string): Series;
}
export declare class DataFrame extends NDframe {
  constructor(data: unknown, options?: { index?: Array<string | number>; columns?: string[]; dtypes?: string[] });
  readonly columns: string[];
  readonly values: Value[][];
  /** The first rows (5 by default). */
  head(rows?: number): DataFrame;
  tail(rows?: number): DataFrame;
  /** One column as a Series. */
  column(name: string): Series;
  /** Select rows and columns by label. */
  loc(selection: { rows?: Array<string | number> | string | Series; columns?: string[] }): DataFrame;
  /** Select rows and columns by position: `iloc({ rows: ['0:100'] })`. */
  iloc(selection: { rows?: number[] | string[] | Series; columns?: number[] | string[] }): DataFrame;
  drop(options: { columns?: string | string[]; index?: Array<string | number>; inplace?: boolean }): DataFrame;
  /** axis 1 drops rows with a missing value, axis 0 columns. */
  dropNa(options?: { axis: 0 | 1; inplace?: boolean }): DataFrame;
  fillNa(values: Value | Value[], options?: { columns?: string[]; inplace?: boolean }): DataFrame;
  describe(): DataFrame;
  sortValues(column: string, options?: { ascending?: boolean; inplace?: boolean }): DataFrame;
  addColumn(name: string, values: Series | Value[], options?: { inplace?: boolean }): DataFrame;
  groupby(columns: string[]): {
    mean(): DataFrame;
    count(): DataFrame;
    sum(): DataFrame;
    agg(spec: Record<string, string | string[]>): DataFrame;
  };
  query(mask: Series): DataFrame;
  copy(): DataFrame;
  toJSON(options?: { format?: 'column' | 'row' }): object;
  mean(options?: { axis?: 0 | 1 }): Series;
}
export declare function readCSV(source: string | File, options?: object): Promise<DataFrame>;
export declare function toCSV(frame: DataFrame | Series, options?: object): string | undefined;
export declare function concat(options: { dfList: Array<DataFrame | Series>; axis: 0 | 1 }): DataFrame | Series;

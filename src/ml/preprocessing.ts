// Preprocessing with scikit-learn's names and semantics, one concept per file:
//   preprocessing-base.ts     reading X as a Table, the Transformer base class
//   preprocessing-scalers.ts  StandardScaler, MinMaxScaler
//   preprocessing-encoder.ts  OneHotEncoder
//   preprocessing-imputer.ts  SimpleImputer
//   preprocessing-column.ts   ColumnTransformer, selectColumns
// Every transformer takes a DataFrame, rows of values, or a Matrix, and `transform` returns a Matrix
// whose `columns` are `getFeatureNamesOut()` (SimpleImputer on strings returns a Table).
export { Transformer, isMissing } from './preprocessing-base';
export { StandardScaler, MinMaxScaler, type StandardScalerParams, type MinMaxScalerParams } from './preprocessing-scalers';
export { OneHotEncoder, type OneHotEncoderParams, type Category } from './preprocessing-encoder';
export { SimpleImputer, type SimpleImputerParams, type ImputeStrategy } from './preprocessing-imputer';
export {
  ColumnTransformer, selectColumns, type ColumnTransformerParams, type ColumnSpec, type ColumnSelector,
} from './preprocessing-column';

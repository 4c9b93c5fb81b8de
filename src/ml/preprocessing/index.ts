// Preprocessing with scikit-learn's names and semantics, one concept per file:
//   base.ts     reading X as a Table, the Transformer base class
//   scalers.ts  StandardScaler, MinMaxScaler
//   encoder.ts  OneHotEncoder
//   imputer.ts  SimpleImputer
//   column.ts   ColumnTransformer, selectColumns
// Every transformer takes a DataFrame, rows of values, or a Matrix, and `transform` returns a Matrix
// whose `columns` are `getFeatureNamesOut()` (SimpleImputer on strings returns a Table).
export { Transformer, isMissing } from './base';
export { StandardScaler, MinMaxScaler, type StandardScalerParams, type MinMaxScalerParams } from './scalers';
export { OneHotEncoder, type OneHotEncoderParams, type Category } from './encoder';
export { SimpleImputer, type SimpleImputerParams, type ImputeStrategy } from './imputer';
export {
  ColumnTransformer,
  selectColumns,
  type ColumnTransformerParams,
  type ColumnSpec,
  type ColumnSelector,
} from './column';

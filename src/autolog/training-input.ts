// What autolog records about a fit's X: its Table (the dataset input's schema and digest), the model
// signature's inputs, and the first rows as the input example. Types come from ALL of X's values (a
// column whose decimals start at row 1000 is double, whatever danfojs declared), never from the
// example's few rows.
import { isMatrix, sliceRows, type MatrixInput } from '../data/frame';
import type { Table } from '../data/table';
import { toTable } from '../data/table-from';
import { inferSchema, tensorSchema, type Schema } from '../logged-model/signature';
import { INPUT_EXAMPLE_ROWS } from './options';

export interface TrainingInput {
  /** X as a Table (unnamed columns are x0, x1, …). */
  table: Table;
  /** The first rows, in X's own kind (a Table for tables, rows for rows, a Matrix for a Matrix). */
  head: unknown;
  /** The signature's inputs: named columns for tables, a tensor for rows and matrices (numpy arrays in MLflow). */
  inputs: Schema;
}

export function trainingInput(X: MatrixInput, rows = INPUT_EXAMPLE_ROWS): TrainingInput {
  const table = toTable(X);
  if (isMatrix(X)) return { table, head: sliceRows(X, 0, Math.min(rows, X.rows)), inputs: inferSchema(X) };
  if (Array.isArray(X) && X.length > 0 && (Array.isArray(X[0]) || ArrayBuffer.isView(X[0]))) {
    return { table, head: X.slice(0, rows), inputs: tensorSchema(table) };
  }
  return { table, head: table.head(rows), inputs: inferSchema(table) };
}

// What MLflow's "Failed to predict data '<data>'" messages print for the input: pandas' str(DataFrame)
// (a table with the row index; the first and last rows of a long one), and MLflow's repr of a schema.
import type { ColSpec, Schema, TensorSpec } from '../logged-model/signature';
import { isTensorSchema } from '../logged-model/signature';
import { isNamedRows, type ModelInput } from './request-input';

/** pandas shows all rows up to this many, else the first and last half of it. */
const MAX_ROWS = 10;

/** pandas' str(DataFrame) of the input, abbreviated like pandas for more than MAX_ROWS rows. */
export function dataRepr(data: ModelInput['data']): string {
  const values = isNamedRows(data) ? data.values : data;
  const rows = values.length;
  if (rows === 0) return `Empty DataFrame\nColumns: [${isNamedRows(data) ? data.columns.join(', ') : ''}]\nIndex: []`;
  const names = isNamedRows(data)
    ? data.columns
    : Array.from({ length: Array.isArray(values[0]) ? (values[0] as unknown[]).length : 1 }, (_, j) => String(j));
  const cell = (i: number, j: number) => {
    const row = values[i];
    return pyValue(Array.isArray(row) ? row[j] : row);
  };
  const shown = rows > MAX_ROWS ? [...range(0, MAX_ROWS / 2), -1, ...range(rows - MAX_ROWS / 2, rows)] : range(0, rows);
  const table = [
    ['', ...names],
    ...shown.map((i) => (i < 0 ? ['..', ...names.map(() => '...')] : [String(i), ...names.map((_, j) => cell(i, j))])),
  ];
  const widths = table[0]!.map((_, j) => Math.max(...table.map((r) => r[j]!.length)));
  const text = table
    .map((r) => r.map((c, j) => (j === 0 ? c.padEnd(widths[0]!) : c.padStart(widths[j]!))).join('  '))
    .join('\n');
  return rows > MAX_ROWS ? `${text}\n\n[${rows} rows x ${names.length} columns]` : text;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

function pyValue(v: unknown): string {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)))
    return v === null || v === undefined ? 'None' : 'NaN';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** MLflow's repr of a Schema: ['alcohol': double (required), …] or [Tensor('float64', (-1, 11))]. */
export function schemaRepr(schema: Schema): string {
  if (isTensorSchema(schema)) {
    return `[${(schema as TensorSpec[])
      .map(
        (t) =>
          `Tensor('${t['tensor-spec'].dtype}', ` +
          `(${t['tensor-spec'].shape.join(', ')}${t['tensor-spec'].shape.length === 1 ? ',' : ''}))`,
      )
      .join(', ')}]`;
  }
  return `[${(schema as ColSpec[])
    .map((c) => (c.name === undefined ? c.type : `'${c.name}': ${c.type} (${c.required ? 'required' : 'optional'})`))
    .join(', ')}]`;
}

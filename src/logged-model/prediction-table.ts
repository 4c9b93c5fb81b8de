// A model's output as table columns, to show beside the inputs and write to CSV: a vector is
// `predictions` (the column MLflow's batch inference writes); rows of several values (probabilities,
// multi-output) are `predictions_0`, `predictions_1`, …; records keep their keys. Types come from the
// values, as for any Table.
import { KirokuError } from '../lib/errors';
import { inferColumn } from '../data/infer';
import { Table } from '../data/table';
import { uniqueNames } from '../data/column-names';

export function predictionTable(output: unknown, rows: number): Table {
  let values: unknown = output;
  const wrapped = values as { values?: unknown; toArray?: () => unknown } | null;
  if (wrapped && typeof wrapped === 'object' && !Array.isArray(values) && !ArrayBuffer.isView(values)) {
    if (values instanceof Table) return values;
    if (typeof wrapped.toArray === 'function') values = wrapped.toArray();
    else if (Array.isArray(wrapped.values)) values = wrapped.values;
  }
  const list = values as ArrayLike<unknown>;
  if (!list || typeof list.length !== 'number' || list.length !== rows) {
    throw new KirokuError(
      `The model returned ${list && typeof list.length === 'number' ? list.length : 'no list of'} predictions ` +
        `for ${rows} rows.`,
      'PREDICT_FAILED',
    );
  }
  const first = list[0];
  if (Array.isArray(first) || ArrayBuffer.isView(first)) {
    const width = (first as ArrayLike<unknown>).length;
    return new Table(
      Array.from({ length: width }, (_, j) => ({
        name: `predictions_${j}`,
        ...inferColumn(Array.from(list, (r) => (r as ArrayLike<unknown>)[j])),
      })),
      rows,
    );
  }
  if (first && typeof first === 'object') {
    return new Table(
      Object.keys(first).map((k) => ({
        name: k,
        ...inferColumn(Array.from(list, (r) => (r as Record<string, unknown>)[k])),
      })),
      rows,
    );
  }
  return new Table(
    [
      {
        name: 'predictions',
        ...(list instanceof Float64Array ? { dtype: 'float64' as const, data: list } : inferColumn(list)),
      },
    ],
    rows,
  );
}

/**
 * The inputs with the prediction columns on the right; a name the inputs use already gets `.1`, `.2`, … as pandas does.
 */
export function withPredictions(inputs: Table, predictions: Table): Table {
  const names = uniqueNames([...inputs.columns, ...predictions.columns]).slice(inputs.columns.length);
  return inputs.withColumns(predictions.columns.map((_, j) => ({ ...predictions.spec(j), name: names[j]! })));
}

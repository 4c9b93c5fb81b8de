// Input examples, saved as MLflow saves them: a DataFrame (or records) in pandas "split" orient
// `{"columns": [...], "data": [[...], ...]}`, an array in `{"inputs": [[...]]}`.
import { isMatrix, sliceRows, toRows } from '../data/matrix';
import { Table } from '../data/table';
import { isDanfoFrame, tableFromDanfo } from '../data/danfo';

export interface SavedInputExample {
  json: string;
  info:
    | { artifact_path: string; type: 'dataframe'; pandas_orient: 'split' }
    | { artifact_path: string; type: 'ndarray'; format: 'tf-serving' };
}

export const INPUT_EXAMPLE_FILE = 'input_example.json';

/** The first `maxRows` rows of an example (MLflow's autolog keeps 5). */
export function saveInputExample(example: unknown, maxRows = Infinity): SavedInputExample {
  const clean = (v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);
  if (example instanceof Table || isDanfoFrame(example)) {
    const t = (example instanceof Table ? example : tableFromDanfo(example)).head(maxRows);
    const data = t.values.map((row) => row.map(clean));
    return {
      json: JSON.stringify({ columns: t.columns, data }),
      info: { artifact_path: INPUT_EXAMPLE_FILE, type: 'dataframe', pandas_orient: 'split' },
    };
  }
  if (
    Array.isArray(example) &&
    example.length &&
    typeof example[0] === 'object' &&
    example[0] !== null &&
    !Array.isArray(example[0])
  ) {
    const records = (example as Array<Record<string, unknown>>).slice(0, maxRows);
    const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
    const data = records.map((r) => columns.map((c) => clean(r[c])));
    return {
      json: JSON.stringify({ columns, data }),
      info: { artifact_path: INPUT_EXAMPLE_FILE, type: 'dataframe', pandas_orient: 'split' },
    };
  }
  const rows = isMatrix(example)
    ? toRows(sliceRows(example, 0, Math.min(example.rows, maxRows)))
    : (example as unknown[]);
  const inputs = rows.slice(0, maxRows).map((r) => (Array.isArray(r) ? r.map(clean) : clean(r)));
  return {
    json: JSON.stringify({ inputs }),
    info: { artifact_path: INPUT_EXAMPLE_FILE, type: 'ndarray', format: 'tf-serving' },
  };
}

/** An input example read back: records for split-orient frames, rows for arrays. */
export function loadInputExample(json: string): Array<Record<string, unknown>> | unknown[] {
  const parsed = JSON.parse(json) as { columns?: string[]; data?: unknown[][]; inputs?: unknown[] };
  if (parsed.columns && parsed.data) {
    const columns = parsed.columns;
    return parsed.data.map((row) => Object.fromEntries(columns.map((c, j) => [c, row[j]])));
  }
  return parsed.inputs ?? [];
}

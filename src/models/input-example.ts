// Input examples, saved as MLflow saves them: a DataFrame (or records) in pandas "split" orient
// `{"columns": [...], "data": [[...], ...]}`, an array in `{"inputs": [[...]]}`.
import { frameColumns, isFrame, isMatrix, toRows } from '../data/frame';

export interface SavedInputExample {
  json: string;
  info: { artifact_path: string; type: 'dataframe'; pandas_orient: 'split' } | { artifact_path: string; type: 'ndarray'; format: 'tf-serving' };
}

export const INPUT_EXAMPLE_FILE = 'input_example.json';

/** The first `maxRows` rows of an example (MLflow's autolog keeps 5). */
export function saveInputExample(example: unknown, maxRows = Infinity): SavedInputExample {
  const clean = (v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);
  if (isFrame(example)) {
    const cols = frameColumns(example);
    const n = Math.min(example.shape[0]!, maxRows);
    const data = Array.from({ length: n }, (_, i) => cols.map((c) => clean(c[i])));
    return { json: JSON.stringify({ columns: example.columns.map(String), data }), info: { artifact_path: INPUT_EXAMPLE_FILE, type: 'dataframe', pandas_orient: 'split' } };
  }
  if (Array.isArray(example) && example.length && typeof example[0] === 'object' && example[0] !== null && !Array.isArray(example[0])) {
    const records = (example as Array<Record<string, unknown>>).slice(0, maxRows);
    const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
    const data = records.map((r) => columns.map((c) => clean(r[c])));
    return { json: JSON.stringify({ columns, data }), info: { artifact_path: INPUT_EXAMPLE_FILE, type: 'dataframe', pandas_orient: 'split' } };
  }
  const rows = isMatrix(example) ? toRows(example) : (example as unknown[]);
  const inputs = rows.slice(0, maxRows).map((r) => (Array.isArray(r) ? r.map(clean) : clean(r)));
  return { json: JSON.stringify({ inputs }), info: { artifact_path: INPUT_EXAMPLE_FILE, type: 'ndarray', format: 'tf-serving' } };
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

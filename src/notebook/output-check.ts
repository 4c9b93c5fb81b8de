// The shape of every output a notebook shows, checked where outputs come from outside — an imported
// .ipynb, a stored notebook, a cell's `display(bundle, { raw: true })` — so one malformed output cannot
// take the notebook down with it. Each MIME type the page draws has a contract (protocol.ts); an entry
// that breaks it is left out of the bundle and named in `problems`, and the renderer falls back to the
// next type (usually text/plain). Types the page does not draw are kept as they are.
import type { CellOutput, MimeBundle, TableData } from './protocol';

export interface CheckedBundle {
  bundle: MimeBundle;
  /** One line per entry left out: its MIME type and what was wrong with it. */
  problems: string[];
}

type Check = (value: unknown) => string | null;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isString = (x: unknown): x is string => typeof x === 'string';
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
const isNumber = (x: unknown): x is number => typeof x === 'number';
const optional = (x: unknown, test: (v: unknown) => boolean) => x === undefined || test(x);

function describe(x: unknown): string {
  if (Array.isArray(x)) {
    const json = JSON.stringify(x);
    return json.length <= 40 ? json : 'a list';
  }
  if (x === null) return 'null';
  return typeof x === 'object' ? 'an object' : `${typeof x} ${JSON.stringify(x)?.slice(0, 40) ?? String(x)}`;
}

/** The first field that breaks the contract, as "<field> is …", or null when all hold. */
function fields(value: unknown, what: string, tests: Record<string, (v: unknown) => boolean>): string | null {
  if (!isObject(value)) return `not ${what} (it is ${describe(value)})`;
  for (const [name, test] of Object.entries(tests)) {
    if (!test(value[name]))
      return `not ${what}: '${name}' is ${value[name] === undefined ? 'missing' : describe(value[name])}`;
  }
  return null;
}

const checkTable: Check = (v) => {
  const problem = fields(v, 'a table', {
    columns: (x) => Array.isArray(x) && x.every(isString),
    index: (x) => Array.isArray(x) && x.every((i) => isString(i) || isNumber(i)),
    rows: (x) => Array.isArray(x) && x.every(Array.isArray),
    shape: (x) => Array.isArray(x) && x.length === 2 && x.every(isCount),
    kind: (x) => x === 'DataFrame' || x === 'Series',
    dtypes: (x) => optional(x, (d) => Array.isArray(d) && d.every(isString)),
  });
  if (problem) return problem;
  const t = v as unknown as TableData;
  const wide = t.rows.findIndex((r) => r.length > t.columns.length);
  return wide >= 0
    ? `not a table: row ${wide} has ${t.rows[wide]!.length} cells for ${t.columns.length} columns`
    : null;
};

const checkChart: Check = (v) =>
  fields(v, 'a chart', {
    type: (x) => x === 'line' || x === 'scatter' || x === 'bar',
    title: (x) => optional(x, isString),
    x: (x) =>
      isObject(x) &&
      optional(x.label, isString) &&
      Array.isArray(x.values) &&
      x.values.every((e) => isString(e) || isNumber(e)),
    series: (x) =>
      Array.isArray(x) &&
      x.every(
        (s) =>
          isObject(s) &&
          isString(s.name) &&
          Array.isArray(s.values) &&
          s.values.every((e) => e === null || isNumber(e)),
      ),
    y: (x) =>
      optional(x, (y) => isObject(y) && optional(y.label, isString) && optional(y.log, (l) => typeof l === 'boolean')),
  });

const checkRunLink: Check = (v) =>
  fields(v, 'a run link', {
    runId: isString,
    runName: isString,
    experimentId: isString,
    status: isString,
    metricCount: isCount,
    server: (x) => optional(x, isString),
  });

const checkProgress: Check = (v) =>
  fields(v, 'a progress', {
    id: isString,
    label: isString,
    step: isNumber,
    total: (x) => optional(x, isNumber),
    metrics: (x) => isObject(x) && Object.values(x).every(isNumber),
  });

const text: Check = (v) => (isString(v) ? null : `not text (it is ${describe(v)})`);
const base64: Check = (v) =>
  isString(v) && /^[A-Za-z0-9+/=\s]*$/.test(v) ? null : `not base64 image data (it is ${describe(v)})`;

/** What each MIME type the page draws must hold. */
const CHECKS: Record<string, Check> = {
  'text/plain': text,
  'text/html': text,
  'text/markdown': text,
  'image/svg+xml': text,
  'image/png': base64,
  'application/vnd.kiroku.table+json': checkTable,
  'application/vnd.kiroku.chart+json': checkChart,
  'application/vnd.kiroku.run+json': checkRunLink,
  'application/vnd.kiroku.progress+json': checkProgress,
};

/** The bundle without the entries that break their type's contract, and what was wrong with each. */
export function checkBundle(data: unknown): CheckedBundle {
  if (!isObject(data))
    return { bundle: {}, problems: [`the output's data is not a MIME bundle (it is ${describe(data)})`] };
  const bundle: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [mime, value] of Object.entries(data)) {
    const problem = CHECKS[mime]?.(value) ?? null;
    if (problem) problems.push(`${mime} is ${problem}`);
    else bundle[mime] = value;
  }
  return { bundle: bundle as MimeBundle, problems };
}

/**
 * An output read from a file, with nbformat's structure enforced (the four output types and their
 * fields) and its bundle checked; a malformed rich entry is left out and named. Undefined for an
 * output type this page does not know (a newer nbformat's): dropped rather than shown wrongly.
 */
export function checkOutput(raw: unknown): { output: CellOutput; problems: string[] } | undefined {
  if (!isObject(raw)) return undefined;
  switch (raw.output_type) {
    case 'stream':
      return {
        output: {
          output_type: 'stream',
          name: raw.name === 'stderr' ? 'stderr' : 'stdout',
          text: isString(raw.text) ? raw.text : '',
        },
        problems: [],
      };
    case 'display_data':
    case 'execute_result': {
      const { bundle, problems } = checkBundle(raw.data);
      const output: CellOutput =
        raw.output_type === 'display_data'
          ? { output_type: 'display_data', data: bundle }
          : {
              output_type: 'execute_result',
              data: bundle,
              execution_count: isCount(raw.execution_count) ? raw.execution_count : 0,
            };
      return { output, problems };
    }
    case 'error':
      return {
        output: {
          output_type: 'error',
          ename: isString(raw.ename) ? raw.ename : 'Error',
          evalue: isString(raw.evalue) ? raw.evalue : '',
          traceback: Array.isArray(raw.traceback) ? raw.traceback.map(String) : [],
        },
        problems: [],
      };
    default:
      return undefined;
  }
}

// `kiroku models predict` (MLflow's `mlflow models predict`): read a JSON body (the scoring server's
// formats) or a CSV file, predict through the same path as the server, and write `{"predictions": …}`
// — or, for an output ending in .csv, a CSV with a `predictions` column (one column per output field).
import { readFile, writeFile } from 'node:fs/promises';
import type { PyFuncModel } from '../logged-model/pyfunc';
import { inputFromCsv, inputFromJson } from './request-input';
import { inputNames, predict, predictionsToJson } from './scoring';

export type InputType = 'json' | 'csv';

export interface BatchPredictOptions {
  /** A file, or undefined for standard input. */
  input?: string;
  /** A file, or undefined for standard output. */
  output?: string;
  /** Default: csv for a `.csv` input, else json (MLflow's default). */
  contentType?: InputType;
}

export async function batchPredict(
  model: PyFuncModel,
  options: BatchPredictOptions,
  stdio = { stdin: process.stdin, stdout: process.stdout },
): Promise<void> {
  const text = options.input ? await readFile(options.input, 'utf8') : await readAll(stdio.stdin);
  const type = options.contentType ?? (options.input && /\.csv$/i.test(options.input) ? 'csv' : 'json');
  const input = type === 'csv' ? await inputFromCsv(text) : inputFromJson(text, inputNames(model));
  const predictions = await predict(model, input);
  const out =
    options.output && /\.csv$/i.test(options.output) ? predictionsToCsv(predictions) : predictionsToJson(predictions);
  if (options.output) await writeFile(options.output, out);
  else stdio.stdout.write(out + '\n');
}

/** One line per prediction: a `predictions` column, or one column per field of record predictions. */
export function predictionsToCsv(predictions: unknown): string {
  const rows = ArrayBuffer.isView(predictions)
    ? Array.from(predictions as unknown as ArrayLike<number>)
    : (predictions as unknown[]);
  const first = rows[0];
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    const names = Object.keys(first);
    return (
      [
        names.map(csvField).join(','),
        ...rows.map((r) => names.map((n) => csvField((r as Record<string, unknown>)[n])).join(',')),
      ].join('\n') + '\n'
    );
  }
  if (Array.isArray(first)) {
    const names = first.map((_, j) => String(j));
    return [names.join(','), ...rows.map((r) => (r as unknown[]).map(csvField).join(','))].join('\n') + '\n';
  }
  return ['predictions', ...rows.map(csvField)].join('\n') + '\n';
}

function csvField(v: unknown): string {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return '';
  const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString('utf8');
}

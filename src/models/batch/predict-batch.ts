// Parallel batch prediction, the browser's answer to MLflow's `spark_udf`: rows are cut into blocks
// and spread over a pool of Web Workers (one per hardware thread), with progress and cancel. Blocks
// travel column-major as transferred buffers, so nothing is copied twice. Where workers cannot help
// (no Worker, or a model that is not an estimator), blocks are predicted here, yielding between them.
import { KirokuError } from '../../lib/errors';
import { Estimator } from '../../ml/estimator';
import { takeRows, toMatrix, type Matrix, type MatrixInput } from '../../data/frame';
import { enforceSchema } from '../enforce';
import type { PyFuncModel } from '../pyfunc';
import type { FromWorker, ToWorker } from './protocol';
import { discard, exclusive, workers } from './pool';

export interface PredictBatchOptions {
  /** Workers to use (default: navigator.hardwareConcurrency); 0 predicts on this thread. */
  workers?: number;
  /** Rows per block (default: enough for ~4 blocks per worker, at most 250,000). */
  blockRows?: number;
  /** Called with the fraction of rows done, 0 … 1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

type Predictable = Estimator<object> & { predict(X: unknown): Float64Array | unknown[] };

function estimatorOf(model: unknown): Predictable | null {
  if (model instanceof Estimator) return model as Predictable;
  const raw = (model as { unwrap?: () => unknown }).unwrap?.();
  return raw instanceof Estimator ? (raw as Predictable) : null;
}

function aborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new KirokuError('Batch prediction was cancelled.', 'CANCELLED');
}

function concat(parts: Array<Float64Array | unknown[]>): Float64Array | unknown[] {
  if (parts.every((p) => p instanceof Float64Array)) {
    const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts as Float64Array[]) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
  return parts.flatMap((p) => Array.from(p as ArrayLike<unknown>));
}

export async function predictBatch(model: PyFuncModel | Estimator<object>, data: unknown, options: PredictBatchOptions = {}): Promise<Float64Array | unknown[]> {
  const signature = (model as PyFuncModel).signature;
  const checked = signature ? enforceSchema(signature.inputs, data).data : data;
  const estimator = estimatorOf(model);
  const hardware = (globalThis.navigator as { hardwareConcurrency?: number } | undefined)?.hardwareConcurrency ?? 1;
  const workers = Math.max(0, Math.floor(options.workers ?? hardware));
  const canUseWorkers = workers > 0 && typeof Worker === 'function' && estimator !== null;
  const X: Matrix = toMatrix(checked as MatrixInput);
  const blockRows = Math.max(1, options.blockRows ?? Math.min(250_000, Math.ceil(X.rows / Math.max(1, workers * 4))));
  const blocks: Array<[number, number]> = [];
  for (let start = 0; start < X.rows; start += blockRows) blocks.push([start, Math.min(X.rows, start + blockRows)]);
  options.onProgress?.(0);
  if (!canUseWorkers) return predictHere(estimator ?? (model as { predict(X: unknown): unknown }), X, blocks, options);
  return predictInWorkers(estimator!, X, blocks, Math.min(workers, blocks.length), options);
}

function block(X: Matrix, [from, to]: [number, number]): Matrix {
  return takeRows(X, Uint32Array.from({ length: to - from }, (_, k) => from + k));
}

async function predictHere(model: { predict(X: unknown): unknown }, X: Matrix, blocks: Array<[number, number]>, options: PredictBatchOptions) {
  const parts: Array<Float64Array | unknown[]> = [];
  let done = 0;
  for (const b of blocks) {
    aborted(options.signal);
    parts.push(model.predict(block(X, b)) as Float64Array | unknown[]);
    done += b[1] - b[0];
    options.onProgress?.(done / X.rows);
    await new Promise((r) => setTimeout(r, 0)); // keep the page responsive between blocks
  }
  return concat(parts);
}

function predictInWorkers(estimator: Predictable, X: Matrix, blocks: Array<[number, number]>, n: number, options: PredictBatchOptions) {
  return exclusive(() => new Promise<Float64Array | unknown[]>((resolve, reject) => {
    const json = estimator.toJSON();
    // Cross-origin isolated pages share the matrix once; workers copy their own rows in parallel.
    const shared = typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
    let buffer: SharedArrayBuffer | null = null;
    if (shared) {
      buffer = new SharedArrayBuffer(X.data.byteLength);
      new Float64Array(buffer).set(X.data);
    }
    const results: Array<Float64Array | unknown[]> = new Array(blocks.length);
    const team = workers(n);
    let next = 0;
    let finished = 0;
    let rowsDone = 0;
    let settled = false;
    const stop = (err?: unknown) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const w of team) w.onmessage = w.onerror = null;
      if (err) {
        discard(team);
        reject(err);
      } else resolve(concat(results));
    };
    const onAbort = () => stop(new KirokuError('Batch prediction was cancelled.', 'CANCELLED'));
    options.signal?.addEventListener('abort', onAbort);
    if (options.signal?.aborted) return onAbort();
    const send = (w: Worker) => {
      if (next >= blocks.length) return;
      const id = next++;
      const [from, to] = blocks[id]!;
      if (buffer) {
        const msg: ToWorker = { type: 'predict', id, block: { kind: 'shared', buffer, totalRows: X.rows, from, to }, cols: X.cols, columns: X.columns };
        w.postMessage(msg);
      } else {
        const m = block(X, [from, to]);
        const msg: ToWorker = { type: 'predict', id, block: { kind: 'copy', data: m.data, rows: m.rows }, cols: X.cols, columns: X.columns };
        w.postMessage(msg, [m.data.buffer]);
      }
    };
    for (const w of team) {
      w.onerror = (e) => stop(new KirokuError(`A prediction worker failed: ${e.message}`, 'WORKER_FAILED'));
      w.onmessage = (e: MessageEvent<FromWorker>) => {
        const msg = e.data;
        if (msg.type === 'error') return stop(new KirokuError(msg.message, 'PREDICT_FAILED'));
        if (msg.type === 'loaded') return send(w);
        results[msg.id] = msg.predictions;
        finished++;
        rowsDone += blocks[msg.id]![1] - blocks[msg.id]![0];
        options.onProgress?.(rowsDone / X.rows);
        if (finished === blocks.length) stop();
        else send(w);
      };
      const load: ToWorker = { type: 'load', model: json };
      w.postMessage(load);
    }
  }));
}

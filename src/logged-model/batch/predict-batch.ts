// Batch prediction, the browser's answer to MLflow's `spark_udf`: predictions for many rows with
// progress, cancel, and the page kept responsive — on this thread, or spread over a pool of Web
// Workers when the model's work is worth shipping there.
//
// Where the rows go is measured, not guessed: the first blocks are predicted here and timed. When the
// rest would take a moment (a linear model does a million rows in tens of milliseconds), it is
// predicted in one call, as `model.predict` would, so predictBatch is never slower than predicting on
// the page. When it would take long, it goes to the workers if they pay for themselves (their
// start-up and the copy of each block), else here in blocks of a few milliseconds with the event loop
// served between them. Workers only run Kiroku's estimators (they load from JSON); other flavors
// predict here.
import { KirokuError } from '../../lib/errors';
import { Estimator } from '../../ml/core/estimator';
import { isMatrix, sliceRows, toMatrix, type Matrix } from '../../data/frame';
import { Table } from '../../data/table';
import { toTable } from '../../data/table-from';
import { yieldToEventLoop } from '../../data/yield';
import { enforceSchema } from '../enforce';
import type { PyFuncModel } from '../pyfunc';
import type { FromWorker, ToWorker } from './protocol';
import { discard, exclusive, isWarm, workers } from './pool';

export interface PredictBatchOptions {
  /** The most workers to use (default: navigator.hardwareConcurrency); 0 keeps every row on this thread. */
  workers?: number;
  /** Rows per block sent to a worker (default: ~4 blocks per worker, at most 250,000). */
  blockRows?: number;
  /** Called with the fraction of rows done, 0 … 1. */
  onProgress?: (fraction: number) => void;
  /** Called as predictions for rows [from, from + predictions.length) are ready (the first block comes first). */
  onBlock?: (from: number, predictions: Float64Array | unknown[]) => void;
  signal?: AbortSignal;
}

type Predictions = Float64Array | unknown[];
type Predictable = { predict(X: unknown): unknown };

/** Rows predicted here first (and per timed block), to time the model on this data. */
const CALIBRATION_ROWS = 1024;
/** Timed blocks at most. */
const TIMED_BLOCKS = 4;
/** Work for the rest that is done in one call (it blocks the page less than a long task's 100 ms). */
const ONE_CALL_MS = 80;
/** Work per block here, between two turns of the event loop. */
const BLOCK_MS = 20;
/** Work worth moving to workers that are running already, and to workers that must start first. */
const WORKERS_WARM_MS = 150;
const WORKERS_COLD_MS = 600;

function estimatorOf(model: unknown): (Estimator<object> & Predictable) | null {
  if (model instanceof Estimator) return model as Estimator<object> & Predictable;
  const raw = (model as { unwrap?: () => unknown }).unwrap?.();
  return raw instanceof Estimator ? (raw as Estimator<object> & Predictable) : null;
}

function cancelled(): KirokuError {
  return new KirokuError('Batch prediction was cancelled.', 'CANCELLED');
}

function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw cancelled();
}

function asPredictions(out: unknown, rows: number): Predictions {
  if (out instanceof Float64Array) return out;
  const list = Array.isArray(out)
    ? out
    : ArrayBuffer.isView(out)
      ? Array.from(out as unknown as ArrayLike<number>)
      : null;
  if (!list || list.length !== rows)
    throw new KirokuError(
      `The model returned ${list ? list.length : 'no list of'} predictions for ${rows} rows.`,
      'PREDICT_FAILED',
    );
  return list;
}

/** The model input as something whose rows can be cut cheaply: a Matrix, rows, or a Table. */
type Rows = Matrix | unknown[][] | Table;

function rowsOf(input: unknown): Rows {
  if (isMatrix(input) || input instanceof Table) return input;
  if (Array.isArray(input) && (input.length === 0 || Array.isArray(input[0]))) return input as unknown[][];
  return toTable(input, 'the input');
}

function countRows(x: Rows): number {
  return Array.isArray(x) ? x.length : x.rows;
}

function slice(x: Rows, from: number, to: number): Rows {
  if (isMatrix(x)) return sliceRows(x, from, to);
  return x.slice(from, to);
}

function concat(parts: Predictions[]): Predictions {
  if (parts.length === 1) return parts[0]!;
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

/**
 * Predictions for every row of `data` (a Table, a danfojs DataFrame, records, rows or a Matrix),
 * checked against the model's signature first with MLflow's rules.
 */
export async function predictBatch(
  model: PyFuncModel | Estimator<object>,
  data: unknown,
  options: PredictBatchOptions = {},
): Promise<Predictions> {
  const { signal } = options;
  checkAborted(signal);
  const signature = (model as PyFuncModel).signature;
  const checked = signature ? enforceSchema(signature.inputs, data).data : data;
  const estimator = estimatorOf(model);
  const predictor: Predictable = estimator ?? (model as Predictable);
  const X = rowsOf(checked);
  const n = countRows(X);
  options.onProgress?.(0);
  if (n === 0) return asPredictions(predictor.predict(checked), 0);

  // The first rows, here: shown at once.
  const cal = Math.min(n, CALIBRATION_ROWS);
  const parts: Predictions[] = [asPredictions(predictor.predict(cal === n ? X : slice(X, 0, cal)), cal)];
  options.onBlock?.(0, parts[0]!);
  options.onProgress?.(cal / n);
  if (cal === n) return parts[0]!;
  // Then a few more blocks, timed. The first call pays for the JIT warming up, and a block the system
  // or the garbage collector interrupted looks slower than the model is, so the quickest block counts —
  // of all four, unless they add up to BLOCK_MS (a slow model is timed well enough by fewer). Stopping
  // at the first block that looked slow let one interruption on a busy machine send a linear model to
  // the workers, slower than predicting here.
  let done = cal;
  let msPerRow = Infinity;
  let timed = 0;
  await yieldToEventLoop(); // let the first rows be shown
  checkAborted(signal);
  for (let k = 0; k < TIMED_BLOCKS && done < n; k++) {
    const to = Math.min(n, done + cal);
    const t0 = performance.now();
    const p = asPredictions(predictor.predict(slice(X, done, to)), to - done);
    const ms = performance.now() - t0;
    msPerRow = Math.min(msPerRow, Math.max(ms, 0.005) / (to - done));
    parts.push(p);
    options.onBlock?.(done, p);
    done = to;
    timed += ms;
    if (timed >= BLOCK_MS) break;
  }
  options.onProgress?.(done / n);
  if (done === n) return concat(parts);
  const hardware = (globalThis.navigator as { hardwareConcurrency?: number } | undefined)?.hardwareConcurrency ?? 1;
  const maxWorkers = Math.max(0, Math.floor(options.workers ?? hardware));
  const poolUsable = maxWorkers > 0 && typeof Worker === 'function' && estimator !== null;
  const plan = planBatch({
    rows: n,
    done,
    msPerRow,
    maxWorkers: poolUsable ? maxWorkers : 0,
    warm: isWarm(maxWorkers),
    blockRows: options.blockRows,
  });

  if (plan.where === 'one-call') {
    // Everything in one call, as `model.predict(X)` would (the rows done again cost less than cutting
    // the rest out of a Matrix).
    await yieldToEventLoop();
    checkAborted(signal);
    const all = asPredictions(predictor.predict(X), n);
    options.onBlock?.(0, all);
    options.onProgress?.(1);
    return all;
  }

  if (plan.where === 'workers') {
    const blocks: Array<[number, number]> = [];
    for (let start = done; start < n; start += plan.blockRows)
      blocks.push([start, Math.min(n, start + plan.blockRows)]);
    return concat([...parts, ...(await predictInWorkers(estimator!, X, blocks, plan.workers, n, done, options))]);
  }
  return concat([...parts, ...(await predictHere(predictor, X, done, n, plan.blockRows, options))]);
}

export type BatchPlan =
  | { where: 'one-call' }
  | { where: 'here'; blockRows: number }
  | { where: 'workers'; workers: number; blockRows: number };

/**
 * Where the rows after the first `done` go, from the time the model took per row on them: one call
 * when the rest is quick; workers when the rest would take long enough to pay for them (`maxWorkers`
 * 0 when they can't be used; `warm` when they are running already); else blocks of ~BLOCK_MS here.
 */
export function planBatch(p: {
  rows: number;
  done: number;
  msPerRow: number;
  maxWorkers: number;
  warm: boolean;
  blockRows?: number;
}): BatchPlan {
  const left = p.rows - p.done;
  const rest = left * p.msPerRow;
  if (rest <= ONE_CALL_MS) return { where: 'one-call' };
  if (p.maxWorkers > 0 && rest >= (p.warm ? WORKERS_WARM_MS : WORKERS_COLD_MS)) {
    const blockRows = Math.max(1, p.blockRows ?? Math.min(250_000, Math.ceil(left / (p.maxWorkers * 4))));
    return { where: 'workers', workers: Math.min(p.maxWorkers, Math.ceil(left / blockRows)), blockRows };
  }
  return { where: 'here', blockRows: Math.max(1, Math.floor(BLOCK_MS / p.msPerRow)) };
}

async function predictHere(
  model: Predictable,
  X: Rows,
  start: number,
  n: number,
  blockRows: number,
  options: PredictBatchOptions,
): Promise<Predictions[]> {
  const parts: Predictions[] = [];
  for (let from = start; from < n; from += blockRows) {
    await yieldToEventLoop(); // keep the page responsive between blocks
    checkAborted(options.signal);
    const to = Math.min(n, from + blockRows);
    const p = asPredictions(model.predict(slice(X, from, to)), to - from);
    parts.push(p);
    options.onBlock?.(from, p);
    options.onProgress?.(to / n);
  }
  return parts;
}

function predictInWorkers(
  estimator: Estimator<object>,
  X: Rows,
  blocks: Array<[number, number]>,
  count: number,
  n: number,
  done: number,
  options: PredictBatchOptions,
): Promise<Predictions[]> {
  return exclusive(
    () =>
      new Promise<Predictions[]>((resolve, reject) => {
        const json = estimator.toJSON();
        const results: Predictions[] = new Array(blocks.length);
        const team = workers(count);
        let next = 0;
        let finished = 0;
        let rowsDone = done;
        let settled = false;
        const stop = (err?: unknown) => {
          if (settled) return;
          settled = true;
          options.signal?.removeEventListener('abort', onAbort);
          for (const w of team) w.onmessage = w.onerror = null;
          if (err) {
            discard(team);
            reject(err);
          } else resolve(results);
        };
        const onAbort = () => stop(cancelled());
        options.signal?.addEventListener('abort', onAbort);
        if (options.signal?.aborted) return onAbort();
        // Each block is made here (a copy of its rows, column-major) and transferred, not copied again.
        const send = (w: Worker) => {
          if (next >= blocks.length || settled) return;
          const id = next++;
          const [from, to] = blocks[id]!;
          let m: Matrix;
          try {
            m = toMatrix(slice(X, from, to) as never);
          } catch (err) {
            return stop(err);
          }
          const msg: ToWorker = { type: 'predict', id, data: m.data, rows: m.rows, cols: m.cols, columns: m.columns };
          w.postMessage(msg, [m.data.buffer]);
        };
        for (const w of team) {
          w.onerror = (e) => stop(new KirokuError(`A prediction worker failed: ${e.message}`, 'WORKER_FAILED'));
          w.onmessage = (e: MessageEvent<FromWorker>) => {
            const msg = e.data;
            if (msg.type === 'error') return stop(new KirokuError(msg.message, 'PREDICT_FAILED'));
            if (msg.type === 'loaded') return send(w);
            const [from, to] = blocks[msg.id]!;
            results[msg.id] = msg.predictions;
            finished++;
            rowsDone += to - from;
            options.onBlock?.(from, msg.predictions);
            options.onProgress?.(rowsDone / n);
            if (finished === blocks.length) stop();
            else send(w);
          };
          const load: ToWorker = { type: 'load', model: json };
          w.postMessage(load);
        }
      }),
  );
}

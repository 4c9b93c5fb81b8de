// The contract between the notebook page and its kernel (a Web Worker): Jupyter's message shapes,
// typed once and imported by both sides. Every message about a cell carries the cell id and the
// execution id, so late output from an interrupted execution can never land under the wrong cell.
// Types only: nothing here runs.

export type KernelState = 'starting' | 'idle' | 'busy' | 'dead';

/** A MIME bundle, as Jupyter's `data` field: the renderer picks the richest type it knows. */
export interface MimeBundle {
  'text/plain'?: string;
  'text/html'?: string;
  'text/markdown'?: string;
  'image/png'?: string; // base64
  'image/svg+xml'?: string;
  'application/json'?: unknown;
  /** A DataFrame or Series: the head rows, the columns and the full shape. */
  'application/vnd.kiroku.table+json'?: TableData;
  /** A chart spec (line, scatter, bar), also what `mlflow.logFigure` logs. */
  'application/vnd.kiroku.chart+json'?: ChartSpec;
  /** A run created or updated by the cell: rendered as a link to the run's page. */
  'application/vnd.kiroku.run+json'?: RunLink;
  /** Training progress (epoch, loss, …) for a fit in progress; replaces itself as it updates. */
  'application/vnd.kiroku.progress+json'?: Progress;
}

export interface TableData {
  columns: string[];
  /** Row labels (index) of the rows shown. */
  index: Array<string | number>;
  rows: unknown[][];
  /** The whole object's shape: rows × columns (the table shows the head). */
  shape: [number, number];
  dtypes?: string[];
  kind: 'DataFrame' | 'Series';
}

export interface ChartSpec {
  type: 'line' | 'scatter' | 'bar';
  title?: string;
  x: { label?: string; values: Array<number | string> };
  series: Array<{ name: string; values: number[] }>;
  y?: { label?: string; log?: boolean };
}

export interface RunLink {
  runId: string;
  runName: string;
  experimentId: string;
  status: string;
  metricCount: number;
}

export interface Progress {
  /** Stable id of the progress display (e.g. the run id): updates replace the previous one. */
  id: string;
  label: string;
  step: number;
  total?: number;
  metrics: Record<string, number>;
}

// ── page → kernel ──────────────────────────────────────────────────────────

export interface ExecuteRequest {
  type: 'execute_request';
  cellId: string;
  executionId: string;
  code: string;
  language: 'typescript' | 'javascript';
  /** Names the notebook, for the runs' `mlflow.source.name`. */
  notebook: { id: string; name: string };
}

/** Fallback when the page is not cross-origin isolated: checked at the next `await` in the cell. */
export interface InterruptRequest {
  type: 'interrupt_request';
  executionId: string;
}

export interface InitRequest {
  type: 'init';
  /** Int32Array(1) over a SharedArrayBuffer: the page stores 1 to interrupt (absent when not isolated). */
  interruptBuffer?: SharedArrayBuffer;
  trackingUri: string;
  user: string;
}

/** Tab completion and hover are Monaco's (TypeScript service); the kernel answers for live values. */
export interface InspectRequest {
  type: 'inspect_request';
  requestId: string;
  /** Names declared by earlier cells, to feed the editor's IntelliSense. */
}

export type HostMessage = InitRequest | ExecuteRequest | InterruptRequest | InspectRequest;

// ── kernel → page ──────────────────────────────────────────────────────────

interface CellMessage {
  cellId: string;
  executionId: string;
}

export interface StatusMessage {
  type: 'status';
  state: KernelState;
  /** The TensorFlow.js backend in use, once known ("webgl", "wasm", "cpu"). */
  backend?: string;
}

export interface StreamMessage extends CellMessage {
  type: 'stream';
  name: 'stdout' | 'stderr';
  text: string;
}

export interface DisplayDataMessage extends CellMessage {
  type: 'display_data';
  data: MimeBundle;
  /** When set, replaces the earlier output with the same display id (Jupyter's update_display_data). */
  displayId?: string;
}

export interface ExecuteResultMessage extends CellMessage {
  type: 'execute_result';
  executionCount: number;
  data: MimeBundle;
}

export interface ErrorMessage extends CellMessage {
  type: 'error';
  ename: string;
  evalue: string;
  /** Stack lines, mapped to the cell's own line numbers. */
  traceback: string[];
}

export interface ExecuteReply extends CellMessage {
  type: 'execute_reply';
  status: 'ok' | 'error' | 'aborted';
  executionCount: number;
  /** Names the cell declared (visible to later cells), for the editor's completions. */
  declared?: string[];
}

export interface InspectReply {
  type: 'inspect_reply';
  requestId: string;
  names: Array<{ name: string; kind: string }>;
}

export type KernelMessage =
  | StatusMessage
  | StreamMessage
  | DisplayDataMessage
  | ExecuteResultMessage
  | ErrorMessage
  | ExecuteReply
  | InspectReply;

/** Outputs kept in a notebook document (nbformat's output types). */
export type CellOutput =
  | { output_type: 'stream'; name: 'stdout' | 'stderr'; text: string }
  | { output_type: 'display_data'; data: MimeBundle; displayId?: string }
  | { output_type: 'execute_result'; data: MimeBundle; execution_count: number }
  | { output_type: 'error'; ename: string; evalue: string; traceback: string[] };

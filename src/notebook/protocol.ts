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
  /** A live input (`ui.slider(…)`): drawn as a form control; moving it reruns the cells that read it. */
  'application/vnd.kiroku.control+json'?: ControlSpec;
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
  /** The MLflow server the run lives on, when it is not where the page keeps runs (a cell's own setTrackingUri). */
  server?: string;
}

export interface Progress {
  /** Stable id of the progress display (e.g. the run id): updates replace the previous one. */
  id: string;
  label: string;
  /** The latest step logged; with `total`, the epochs done (counted from 1, as "epoch 7/20"). */
  step: number;
  total?: number;
  /** 'epoch' when `step` of `total` are a fit's epochs. */
  unit?: 'epoch';
  /** Since the fit began, until its latest epoch ended. */
  elapsedMs?: number;
  /** Estimated time to the last epoch, once an epoch has ended. */
  etaMs?: number;
  metrics: Record<string, number>;
}

export type ControlKind = 'slider' | 'number' | 'select' | 'checkbox' | 'text' | 'button';
export type ControlValue = number | string | boolean;

/**
 * A live input as the page draws it. `value` is the control's state: a number (slider, number), a
 * string (text), a boolean (checkbox), the selected option's index (select) or the clicks so far
 * (button). `id` is unique across kernels: a control drawn from a saved notebook has no kernel behind it.
 */
export interface ControlSpec {
  id: string;
  kind: ControlKind;
  label: string;
  value: ControlValue;
  /** slider (always) and number (when bounded). */
  min?: number;
  max?: number;
  step?: number;
  /** select: the options' labels. */
  options?: string[];
  /** text */
  placeholder?: string;
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
  /**
   * The host numbers its executions 1, 2, 3…: an interrupt names the execution it is meant for by this
   * number, so it stops that one whenever it arrives — before the kernel has begun it included — and
   * never a later one.
   */
  seq: number;
}

/**
 * Stop the running cell with an InterruptError (the kernel keeps its variables). Always sent by the
 * host: it rejects a pending `await` at once, and it is the only way in when the page is not
 * cross-origin isolated (then a loop without awaits cannot be reached: restart the kernel). When
 * isolated, the host also stores the execution's `seq` in the `interruptBuffer`, which loops see at
 * once. An interrupt for an execution that has not begun yet (the kernel is still starting, or still
 * finishing the cell before) stops it as it begins; one for an execution that has ended is ignored.
 */
export interface InterruptRequest {
  type: 'interrupt_request';
  executionId: string;
  /** The `seq` of the execution to stop. */
  seq: number;
}

/** The first message to a new worker. Execute requests may follow at once: the kernel queues them. */
export interface InitRequest {
  type: 'init';
  /**
   * Int32Array(1) over a SharedArrayBuffer: the page stores an execution's `seq` to interrupt it (absent when not
   * isolated).
   */
  interruptBuffer?: SharedArrayBuffer;
  /** Where runs go (the page's `mlflow.getTrackingUri()`): the worker's `mlflow` is set to it. */
  trackingUri: string;
  /** For a tracking server: its credentials and timeouts (the page keeps them in memory only). */
  server?: import('../lib/server-options').ServerOptions;
  /** `mlflow.user` of the runs cells create (workers have no localStorage to read it from). */
  user: string;
  /**
   * A Web Lock the worker takes before it handles anything (its first status message says it holds it)
   * and holds until it ends. The page asks for the same lock: being granted it means the worker is gone
   * — a cell's `self.close()` ends a worker without any event the page could hear.
   */
  lifeline?: string;
}

/**
 * Tab completion and hover are Monaco's (TypeScript service); the kernel answers for live values: the names declared by
 * earlier cells, to feed the editor's IntelliSense.
 */
export interface InspectRequest {
  type: 'inspect_request';
  requestId: string;
}

/**
 * The user moved a live input to `value` (a select: the option's index; a button: a click). The kernel
 * sets it — at once, not after the running cell — and answers with the cells to rerun: of `cells` (the
 * notebook's code cells, in order, as they are now), those that read a name bound to the control, and
 * then those that read a name such a cell declares, in the order given.
 */
export interface ControlChangeRequest {
  type: 'control_change';
  requestId: string;
  controlId: string;
  value: ControlValue;
  cells: Array<{ cellId: string; code: string; language: 'typescript' | 'javascript' }>;
}

export type HostMessage = InitRequest | ExecuteRequest | InterruptRequest | InspectRequest | ControlChangeRequest;

// ── kernel → page ──────────────────────────────────────────────────────────

interface CellMessage {
  cellId: string;
  executionId: string;
}

/** starting → idle; busy while a cell runs; dead when the worker failed (only a restart helps). */
export interface StatusMessage {
  type: 'status';
  state: KernelState;
  /** The TensorFlow.js backend in use and how it runs, once known ("webgl", "wasm (SIMD, 2 threads)", "cpu"). */
  backend?: string;
  /**
   * What the user should know about the kernel until the next cell runs (the host restarted it because its worker
   * ended).
   */
  notice?: string;
}

export interface StreamMessage extends CellMessage {
  type: 'stream';
  name: 'stdout' | 'stderr';
  text: string;
}

export interface DisplayDataMessage extends CellMessage {
  type: 'display_data';
  data: MimeBundle;
  /**
   * When set, replaces the earlier output with the same display id (Jupyter's update_display_data);
   * otherwise it is appended. The kernel uses the run id for a run link and `progress-<runId>` for a
   * run's training progress. A run left RUNNING after its cell ended is updated later with the ids of
   * the cell and execution that created it.
   */
  displayId?: string;
}

export interface ExecuteResultMessage extends CellMessage {
  type: 'execute_result';
  executionCount: number;
  data: MimeBundle;
}

export interface ErrorMessage extends CellMessage {
  type: 'error';
  /** The error's class: "TypeError", "InterruptError", "SyntaxError", "KernelError", … */
  ename: string;
  evalue: string;
  /**
   * `${ename}: ${evalue}`, then stack lines mapped to cells: "    at train (cell line 5)" for the cell
   * that ran, "    at fit (cell [3], line 2)" for code defined by the cell that ran as [3], each
   * followed by that line of code, and "    at name (file.js:120)" for library frames where the error
   * happened. Plain text, no ANSI; the format is traceback-format.ts.
   */
  traceback: string[];
}

/**
 * The last message of every execution. `aborted`: it never ran (the host aborts queued cells after an
 * error, and the running one on restart); such replies come from the host, with executionCount 0.
 */
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
  /** `kind`: "const" | "let" (declared by a cell) | "builtin"; `type`: typeof, or the class ("DataFrame"). */
  names: Array<{ name: string; kind: string; type?: string }>;
}

/**
 * The answer to a control_change: the value kept (in range, on the slider's steps) and the cells to rerun, or why not.
 */
export interface ControlChangeReply {
  type: 'control_reply';
  requestId: string;
  controlId: string;
  /** Absent when the change was refused (`error`). */
  value?: ControlValue;
  cellIds: string[];
  /**
   * The control is unknown to this kernel (drawn from a saved notebook, or from before a restart), or the value was
   * refused.
   */
  error?: string;
}

export type KernelMessage =
  | ControlChangeReply
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

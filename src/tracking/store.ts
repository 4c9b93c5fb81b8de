// The persistence boundary: a TrackingStore stores and reads entities; it never fills defaults or
// validates user input (the client does), but it does enforce what needs the stored state to check —
// param immutability, unique experiment names — inside its own transaction.
import type { DumpedRun, TrackingDumpItem } from './dump';
import type {
  ArtifactEntry,
  DatasetInput,
  Experiment,
  LifecycleStage,
  Metric,
  Param,
  Run,
  RunInfo,
  RunTag,
} from './entities';

export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

/** Points of one metric key in columns: how a training loop's metrics travel to storage. */
export interface MetricSeries {
  key: string;
  steps: ArrayLike<number>;
  values: ArrayLike<number>;
  timestamps: ArrayLike<number>;
}

export interface LogBatch {
  /** Single points (MLflow's log-batch shape). */
  metrics?: Metric[];
  /** Many points per key, in columns (the write queue's shape); stored after `metrics`. */
  series?: MetricSeries[];
  params?: Param[];
  tags?: RunTag[];
}

export type RunInfoPatch = Partial<Pick<RunInfo, 'status' | 'endTime' | 'runName' | 'lifecycleStage'>>;

/** Several changes to one run, applied in one transaction (all or nothing). */
export interface RunChange {
  /** Create this run first (its id must be the committed run's; a store that assigns ids replaces it). */
  create?: Run;
  batch?: LogBatch;
  inputs?: DatasetInput[];
  artifacts?: StoredArtifact[];
  info?: RunInfoPatch;
}

export interface ExperimentPatch {
  name?: string;
  lifecycleStage?: LifecycleStage;
}

export interface StoredArtifact {
  path: string;
  contentType: string;
  /**
   * The file's bytes: in memory, or a Blob that a store reads a chunk at a time (a 1 GB model is never
   * read whole). Stores give files back as Blobs (IndexedDB, memory) or bytes (a server).
   */
  bytes: ArrayBuffer | Blob;
}

/** What a purge deleted for good: the runs, and about how many bytes (files and metric history). */
export interface PurgeResult {
  runs: string[];
  bytes: number;
}

/** A run row as it is kept, with the hidden bookkeeping the stores need. */
export interface RunMeta {
  /** Last time anything was logged to the run; a run found orphaned ends KILLED at this time. */
  lastActivity: number;
}

/** One page of a run search, as MLflow's runs/search takes it. */
export interface RunSearch {
  experimentIds: string[];
  filter?: string;
  orderBy?: string[];
  maxResults: number;
  pageToken?: string | null;
  viewType: ViewType;
}

export interface TrackingStore {
  /** A short description for messages, e.g. "indexeddb:kiroku". */
  readonly uri: string;
  /**
   * True when the store, not the caller, chooses run ids (an MLflow server's runs/create): the id of
   * a run built locally is replaced, and callers must use the id createRun/commit give back.
   */
  readonly assignsRunIds: boolean;

  createExperiment(input: {
    name: string;
    artifactLocation?: string;
    tags?: Record<string, string>;
    creationTime: number;
  }): Promise<Experiment>;
  getExperiment(experimentId: string): Promise<Experiment | undefined>;
  getExperimentByName(name: string): Promise<Experiment | undefined>;
  listExperiments(viewType?: ViewType): Promise<Experiment[]>;
  updateExperiment(experimentId: string, patch: ExperimentPatch, time: number): Promise<Experiment>;
  setExperimentTag(experimentId: string, key: string, value: string): Promise<void>;

  /** Stores a new run; returns it as stored (with the store's id when `assignsRunIds`). */
  createRun(run: Run): Promise<Run>;
  getRun(runId: string): Promise<Run | undefined>;
  /** Runs of the given experiments in any order; filtering and sorting are the client's. */
  listRuns(experimentIds: string[], viewType?: ViewType): Promise<Run[]>;
  /**
   * Optional: a store that searches itself (a server) answers a page without the client reading every
   * run. It may refuse a filter it does not support (INVALID_PARAMETER_VALUE); the client then
   * filters `listRuns` itself.
   */
  searchRuns?(search: RunSearch): Promise<{ runs: Run[]; nextPageToken: string | null }>;
  /** Runs whose status is RUNNING, with their last activity time, for orphan recovery. */
  listRunningRuns(): Promise<Array<{ info: RunInfo } & RunMeta>>;
  updateRunInfo(runId: string, patch: RunInfoPatch): Promise<RunInfo>;
  /** Applies params, tags and metrics in one transaction; all or nothing. */
  logBatch(runId: string, batch: LogBatch): Promise<void>;
  /**
   * Applies a batch, inputs, artifacts and info changes in one transaction; all or nothing. With
   * `create`, the returned info carries the run's stored id (`runId` is the built run's).
   */
  commit(runId: string, change: RunChange): Promise<RunInfo>;
  deleteTag(runId: string, key: string): Promise<void>;
  logInputs(runId: string, inputs: DatasetInput[]): Promise<void>;
  getMetricHistory(runId: string, key: string): Promise<Metric[]>;

  putArtifact(runId: string, artifact: StoredArtifact): Promise<void>;
  /** Several files in one transaction (a logged model's folder): all or none. */
  putArtifacts(runId: string, artifacts: StoredArtifact[]): Promise<void>;
  getArtifact(runId: string, path: string): Promise<StoredArtifact | undefined>;
  /** Every artifact path of a run (files only), sorted. */
  listArtifactPaths(runId: string): Promise<Array<{ path: string; size: number }>>;
  /**
   * Optional: a file below an artifact URI that no run id names, as MLflow's artifact repository for
   * that scheme reads it — an MLflow server's `mlflow-artifacts:` URIs, through its proxy (a model
   * version's source as MLflow's Python client registers it). Undefined when the file is not there.
   */
  getArtifactAtUri?(artifactUri: string, path: string): Promise<StoredArtifact | undefined>;
  /** Optional (local stores): deletes a file, or a folder's files; returns what was deleted. */
  deleteArtifacts?(runId: string, path: string): Promise<Array<{ path: string; size: number }>>;
  /**
   * Optional (local stores): MLflow's `gc` — deletes these runs for good, with their metric history and
   * files. The client checks that they are deleted runs first.
   */
  purgeRuns?(runIds: string[]): Promise<PurgeResult>;
  /**
   * Optional (local stores; a tracking server has no dump — "Export as MLflow" takes its runs): the
   * store's content as a stream (dump.ts), and one item at a time back (`restore*` write whole or not
   * at all; a run replaces the run of the same id; an experiment keeps its id and refuses a taken id or name).
   */
  dump?(): AsyncIterable<TrackingDumpItem>;
  restoreExperiment?(experiment: Experiment): Promise<void>;
  /** `onlyIfNewer`: keep a stored run whose last activity is not older ('kept'), before reading any file. */
  restoreRun?(run: DumpedRun, options?: { onlyIfNewer?: boolean }): Promise<'added' | 'replaced' | 'kept'>;
  /** Optional (local stores): how many metric-history points a run keeps (for the storage view). */
  metricPointCount?(runId: string): Promise<number>;

  close(): Promise<void>;
}

/** Directory listing one level below `dir` (MLflow's `list_artifacts`), from a run's file paths. */
export function listLevel(files: Array<{ path: string; size: number }>, dir = ''): ArtifactEntry[] {
  const prefix = dir ? dir.replace(/\/+$/, '') + '/' : '';
  const seen = new Map<string, ArtifactEntry>();
  for (const f of files) {
    if (!f.path.startsWith(prefix)) continue;
    const rest = f.path.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash === -1) seen.set(rest, { path: prefix + rest, isDir: false, fileSize: f.size });
    else {
      const name = rest.slice(0, slash);
      if (!seen.has(name)) seen.set(name, { path: prefix + name, isDir: true });
    }
  }
  return [...seen.values()].sort((a, b) => a.path.localeCompare(b.path));
}

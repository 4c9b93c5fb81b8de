// A tracking store's content as a stream of items — what workspace export writes and import reads back
// (issue 19: the workspace is a user of the stores, not a second implementation of their layout).
// `dump()` yields experiments, then runs one at a time, each run's files read only when asked
// (`open()`); `restoreExperiment`/`restoreRun` write one item whole or not at all.
//
// Everything that comes from outside passes `checkExperiment`/`checkRun` first: MLflow's rules, as the
// client applies them to API calls (keys, names, lengths, statuses, artifact paths without `..`), and
// the shape of every field, so a malformed archive can never store what the API would refuse.
import { TrackingError } from '../lib/errors';
import { RUN_ID_PATTERN } from '../lib/ids';
import { normalizeArtifactPath } from './artifact-data';
import { RUN_STATUSES, type DatasetInput, type Experiment, type RunInfo } from './entities';
import type { LatestMetric } from './run-row';
import {
  validateExperimentName,
  validateKey,
  validateParamValue,
  validateRunName,
  validateStatus,
  validateTagValue,
} from './validation';

/** A run's file in a dump: its metadata, and its bytes when opened. */
export interface DumpedFile {
  path: string;
  contentType: string;
  size: number;
  /** The bytes, in pieces (never the whole file at once). */
  open(): AsyncIterable<Uint8Array>;
}

/** One metric's whole history, in columns. */
export interface DumpedHistory {
  key: string;
  steps: Float64Array;
  values: Float64Array;
  timestamps: Float64Array;
}

/** A run as stored, without a store's bookkeeping. */
export interface DumpedRunRecord {
  info: RunInfo;
  params: Record<string, string>;
  /** Latest value per key (MLflow's rule), as the run row keeps it. */
  metrics: Record<string, LatestMetric>;
  tags: Record<string, string>;
  inputs: DatasetInput[];
  lastActivity: number;
}

export interface DumpedRun extends DumpedRunRecord {
  history: DumpedHistory[];
  files: DumpedFile[];
}

export type TrackingDumpItem = { kind: 'experiment'; experiment: Experiment } | { kind: 'run'; run: DumpedRun };

// ── checks ──────────────────────────────────────────────────────────────────

const bad = (what: string) => new TrackingError(what, 'INVALID_PARAMETER_VALUE');

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function time(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw bad(`${what} is ${JSON.stringify(v)}, not a time in milliseconds.`);
  return v;
}

function stringMap(v: unknown, what: string, kind: 'param' | 'tag'): Record<string, string> {
  if (!isRecord(v)) throw bad(`${what} is not an object of strings.`);
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(v)) {
    validateKey(kind, k);
    if (typeof value !== 'string') throw bad(`${kind} '${k}' has a value of type ${typeof value}, not a string.`);
    if (kind === 'param') validateParamValue(k, value);
    else validateTagValue(k, value);
    out[k] = value;
  }
  return out;
}

/** An experiment from outside, checked as createExperiment checks one (and its stored fields' shapes). */
export function checkExperiment(x: unknown): Experiment {
  if (!isRecord(x)) throw bad('An experiment is not an object.');
  const { experimentId, name, artifactLocation, lifecycleStage } = x;
  if (typeof experimentId !== 'string' || !/^\d{1,18}$/.test(experimentId))
    throw bad(`Invalid experiment id ${JSON.stringify(experimentId)}: ids are numbers written as strings.`);
  validateExperimentName(name);
  if (typeof artifactLocation !== 'string') throw bad(`Experiment '${name}' has no artifact location.`);
  if (lifecycleStage !== 'active' && lifecycleStage !== 'deleted')
    throw bad(
      `Experiment '${name}' has lifecycle stage ${JSON.stringify(lifecycleStage)}; expected active or deleted.`,
    );
  return {
    experimentId,
    name,
    artifactLocation,
    lifecycleStage,
    tags: stringMap(x.tags ?? {}, `Experiment '${name}' tags`, 'tag'),
    creationTime: time(x.creationTime, `Experiment '${name}' creation time`),
    lastUpdateTime: time(x.lastUpdateTime, `Experiment '${name}' last update time`),
  };
}

function checkInfo(x: unknown): RunInfo {
  if (!isRecord(x)) throw bad('The run has no info object.');
  const { runId, runName, experimentId, userId, status, artifactUri, lifecycleStage } = x;
  if (typeof runId !== 'string' || !RUN_ID_PATTERN.test(runId))
    throw bad(`Invalid run id ${JSON.stringify(runId)}: run ids are 32 lowercase hex digits.`);
  if (typeof runName !== 'string') throw bad(`Run ${runId} has no name.`);
  validateRunName(runName);
  if (typeof experimentId !== 'string') throw bad(`Run ${runId} names no experiment.`);
  if (typeof userId !== 'string') throw bad(`Run ${runId} has no user id.`);
  if (!RUN_STATUSES.includes(status as never)) validateStatus(status);
  if (typeof artifactUri !== 'string') throw bad(`Run ${runId} has no artifact URI.`);
  if (lifecycleStage !== 'active' && lifecycleStage !== 'deleted')
    throw bad(`Run ${runId} has lifecycle stage ${JSON.stringify(lifecycleStage)}; expected active or deleted.`);
  const endTime = x.endTime === null ? null : time(x.endTime, `Run ${runId} end time`);
  return {
    runId,
    runName,
    experimentId,
    userId,
    status: status as RunInfo['status'],
    startTime: time(x.startTime, `Run ${runId} start time`),
    endTime,
    artifactUri,
    lifecycleStage,
  };
}

function checkInputs(x: unknown, runId: string): DatasetInput[] {
  if (!Array.isArray(x)) throw bad(`Run ${runId} dataset inputs are not a list.`);
  return x.map((d, i) => {
    const ds = isRecord(d) && isRecord(d.dataset) ? d.dataset : null;
    if (!ds || typeof ds.name !== 'string' || !ds.name || typeof ds.digest !== 'string' || !ds.digest)
      throw bad(`Run ${runId} dataset input ${i} needs a name and a digest.`);
    for (const f of ['sourceType', 'source'] as const)
      if (typeof ds[f] !== 'string') throw bad(`Run ${runId} dataset '${ds.name}' has no ${f}.`);
    for (const f of ['schema', 'profile'] as const)
      if (ds[f] !== undefined && typeof ds[f] !== 'string')
        throw bad(`Run ${runId} dataset '${ds.name}' ${f} is not a string.`);
    return {
      dataset: {
        name: ds.name,
        digest: ds.digest,
        sourceType: ds.sourceType as string,
        source: ds.source as string,
        ...(ds.schema !== undefined ? { schema: ds.schema as string } : {}),
        ...(ds.profile !== undefined ? { profile: ds.profile as string } : {}),
      },
      tags: stringMap((d as Record<string, unknown>).tags ?? {}, `Run ${runId} dataset input tags`, 'tag'),
    };
  });
}

/** A run record from outside, checked by MLflow's rules field by field (throws on the first problem). */
export function checkRun(x: unknown): DumpedRunRecord {
  if (!isRecord(x)) throw bad('A run is not an object.');
  const info = checkInfo(x.info);
  const id = info.runId;
  if (!isRecord(x.metrics)) throw bad(`Run ${id} metrics are not an object.`);
  const metrics: Record<string, LatestMetric> = {};
  for (const [k, m] of Object.entries(x.metrics)) {
    validateKey('metric', k);
    if (!isRecord(m) || typeof m.value !== 'number' || !Number.isInteger(m.step) || !Number.isInteger(m.timestamp)) {
      throw bad(`Run ${id} metric '${k}' is not {value, step, timestamp} numbers.`);
    }
    metrics[k] = { value: m.value, step: m.step as number, timestamp: m.timestamp as number };
  }
  return {
    info,
    params: stringMap(x.params, `Run ${id} params`, 'param'),
    metrics,
    tags: stringMap(x.tags, `Run ${id} tags`, 'tag'),
    inputs: checkInputs(x.inputs ?? [], id),
    lastActivity: time(x.lastActivity, `Run ${id} last activity`),
  };
}

/** A metric key and its history columns, checked as logged points are (integer steps and times). */
export function checkHistory(key: unknown, runId: string, h: Omit<DumpedHistory, 'key'>): DumpedHistory {
  validateKey('metric', key);
  for (let i = 0; i < h.steps.length; i++) {
    if (!Number.isInteger(h.steps[i]) || !Number.isInteger(h.timestamps[i]) || h.timestamps[i]! < 0) {
      throw bad(
        `Run ${runId} metric '${key}' point ${i} has step ${h.steps[i]} and timestamp ${h.timestamps[i]}; both ` +
          `must be integers.`,
      );
    }
  }
  return { key, ...h };
}

/** A file's path and type from outside: relative, without '.' or '..' parts (normalizeArtifactPath's rule). */
export function checkFile(x: unknown, runId: string): { path: string; contentType: string; size: number } {
  if (!isRecord(x) || typeof x.path !== 'string') throw bad(`Run ${runId} lists a file without a path.`);
  const path = normalizeArtifactPath(x.path);
  if (path !== x.path) throw bad(`Invalid artifact path: '${x.path}'. Paths are relative, without '.' or '..' parts.`);
  if (typeof x.contentType !== 'string') throw bad(`Run ${runId} file '${path}' has no content type.`);
  const size = x.size === undefined ? -1 : x.size;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < -1)
    throw bad(`Run ${runId} file '${path}' has size ${JSON.stringify(x.size)}.`);
  return { path, contentType: x.contentType, size };
}

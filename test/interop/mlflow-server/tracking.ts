// The tracking half of MLflow's REST API 2.0: experiments, runs, logging, run search and metric
// histories, with the rules and messages of MLflow's handlers and SQLAlchemy store
// (mlflow/server/handlers.py, mlflow/store/tracking/sqlalchemy_store.py, mlflow/utils/validation.py).
import { randomInt, randomUUID } from 'node:crypto';
import {
  ApiError,
  badParam,
  experimentExists,
  experimentNameNotFound,
  experimentNotActive,
  experimentNotFound,
  invalid,
  missingParam,
  notFound,
  paramChanged,
  runNotActive,
  runNotFound,
  runTagNotFound,
} from './errors';
import { compact, keyValues, metricJson, parseDouble, type Json } from './proto-json';
import {
  inView,
  keyValueList,
  list,
  optionalInt,
  optionalString,
  requiredString,
  stringList,
  viewType,
  type ApiRequest,
  type Input,
} from './request';
import {
  checkMaxResults,
  matches,
  paginate,
  parseFilter,
  parseOrderBy,
  parsePageToken,
  sortBy,
  type OrderTerm,
  type Scalar,
  type SearchSpec,
} from './search';
import {
  addExperiment,
  type DatasetInputState,
  type ExperimentState,
  type MetricPoint,
  type RunState,
  type ServerState,
} from './state';

export type Handler = (req: ApiRequest, s: ServerState) => unknown;

// ---- lookups that fail as MLflow does ----

function experiment(s: ServerState, id: string): ExperimentState {
  const e = s.experiments.get(id);
  if (!e) throw experimentNotFound(id);
  return e;
}

function activeExperiment(s: ServerState, id: string): ExperimentState {
  const e = experiment(s, id);
  if (e.lifecycle_stage !== 'active') throw experimentNotActive(id, e.lifecycle_stage);
  return e;
}

function run(s: ServerState, id: string): RunState {
  const r = s.runs.get(id);
  if (!r) throw runNotFound(id);
  return r;
}

/** Logging to a deleted run is refused (`_check_run_is_active`). */
function activeRun(s: ServerState, id: string): RunState {
  const r = run(s, id);
  if (r.info.lifecycle_stage !== 'active') throw runNotActive(id, r.info.lifecycle_stage);
  return r;
}

/** `run_id`, or the deprecated `run_uuid` older clients send. */
function runIdOf(input: Input): string {
  return requiredString(
    input.run_id === undefined && input.run_uuid !== undefined ? { run_id: input.run_uuid } : input,
    'run_id',
  );
}

// ---- validation of keys and values (mlflow/utils/validation.py) ----

const NAME_CHARS = /^[/\p{L}\p{N}\p{M}_.\- ]*$/u;

/** Python's posixpath.normpath, which MLflow uses to refuse names that would resolve to other files. */
function normpath(p: string): string {
  const absolute = p.startsWith('/');
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && parts.length && parts.at(-1) !== '..') parts.pop();
    else if (!(seg === '..' && absolute)) parts.push(seg);
  }
  return (absolute ? '/' : '') + parts.join('/') || '.';
}

function checkName(kind: 'metric' | 'parameter' | 'tag', name: string | undefined): string {
  if (name === undefined)
    throw invalid(`${kind[0]!.toUpperCase()}${kind.slice(1)} name cannot be None. A key name must be provided.`);
  if (!NAME_CHARS.test(name)) {
    throw invalid(
      `Invalid ${kind} name: '${name}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods ` +
        `(.), spaces ( ), and slashes (/).`,
    );
  }
  const norm = normpath(name);
  if (norm !== name || norm === '.' || norm.startsWith('..') || norm.startsWith('/')) {
    throw invalid(
      `Invalid ${kind} name: '${name}'. Names may be treated as files in certain cases, and must not resolve to ` +
        `other names ` +
        `when treated as such. This name would resolve to '${norm}'`,
    );
  }
  return name;
}

/**
 * What the SQL store keeps of a double: SQL has no infinities, so MLflow's SqlAlchemyStore writes ±Infinity
 * as ±1.7976931348623157e308 (the largest double) and reads that back; NaN it keeps (an is_nan column).
 */
const sqlDouble = (v: number) => (v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v);

const pyRepr = (v: unknown) =>
  v === undefined || v === null ? 'None' : typeof v === 'string' ? `'${v}'` : JSON.stringify(v);

/** One metric of a request: value a double (or "NaN"/"Infinity"), timestamp and step int64 (0 when absent). */
function parseMetric(m: unknown): MetricPoint {
  const x = (m ?? {}) as Input;
  const key = checkName('metric', typeof x.key === 'string' ? x.key : undefined);
  const value = parseDouble(x.value);
  const int = (v: unknown) =>
    v === undefined || v === null ? 0 : typeof v === 'number' ? v : /^-?\d+$/.test(String(v)) ? Number(v) : NaN;
  const timestamp = int(x.timestamp);
  const step = int(x.step);
  if (value === undefined) {
    throw invalid(
      `Got invalid value ${pyRepr(x.value)} for metric '${key}' (timestamp=${timestamp}). Please specify value as ` +
        `a valid double (64-bit floating point)`,
    );
  }
  if (!Number.isInteger(timestamp) || timestamp < 0) {
    throw invalid(
      `Got invalid timestamp ${pyRepr(x.timestamp)} for metric '${key}' (value=${value}). Timestamp must be a ` +
        `nonnegative long (64-bit integer) `,
    );
  }
  if (!Number.isInteger(step))
    throw invalid(
      `Got invalid step ${pyRepr(x.step)} for metric '${key}' (value=${value}). Step must be a valid long (64-bit ` +
        `integer).`,
    );
  return { key, value: sqlDouble(value), timestamp, step };
}

// ---- JSON of entities ----

export function experimentJson(e: ExperimentState): Json {
  return compact({
    experiment_id: e.experiment_id,
    name: e.name,
    artifact_location: e.artifact_location,
    lifecycle_stage: e.lifecycle_stage,
    last_update_time: e.last_update_time,
    creation_time: e.creation_time,
    tags: keyValues(e.tags),
  });
}

/** MLflow's "latest" point of a metric: highest step, then timestamp, then value (NaN lowest). */
export function latestMetrics(points: MetricPoint[]): Map<string, MetricPoint> {
  const rank = (v: number) => (Number.isNaN(v) ? -Infinity : v);
  const latest = new Map<string, MetricPoint>();
  for (const p of points) {
    const b = latest.get(p.key);
    if (
      !b ||
      p.step > b.step ||
      (p.step === b.step &&
        (p.timestamp > b.timestamp || (p.timestamp === b.timestamp && rank(p.value) > rank(b.value))))
    ) {
      latest.set(p.key, p);
    }
  }
  return latest;
}

const runInfoJson = (r: RunState) => compact({ ...r.info });

const datasetInputJson = (d: DatasetInputState) => compact({ dataset: compact({ ...d.dataset }), tags: d.tags ?? [] });

export function runJson(r: RunState): Json {
  return {
    info: runInfoJson(r),
    data: compact({
      metrics: [...latestMetrics(r.metrics).values()].map(metricJson),
      params: keyValues(r.params),
      tags: keyValues(r.tags),
    }),
    inputs: compact({ dataset_inputs: r.inputs.map(datasetInputJson) }),
  };
}

// ---- experiments ----

const EXPERIMENT_SEARCH: SearchSpec<ExperimentState> = {
  types: { '': 'attribute', attribute: 'attribute', attributes: 'attribute', tag: 'tag', tags: 'tag' },
  attributes: ['name', 'experiment_id', 'creation_time', 'last_update_time'],
  lookup: (e, type, key) => {
    if (type === 'tag') return e.tags.has(key) ? [e.tags.get(key)!] : [];
    if (key === 'experiment_id') return [Number(e.experiment_id)];
    return [e[key as 'name' | 'creation_time' | 'last_update_time']];
  },
};

const createExperiment: Handler = ({ input }, s) => {
  const name = requiredString(input, 'name');
  const artifactLocation = optionalString(input, 'artifact_location');
  const tags = keyValueList(input, 'tags');
  if (name.length > 500) throw invalid('Experiment name exceeds the maximum length of 500 characters');
  // Names are unique among deleted experiments too: a deleted one still holds its name.
  if ([...s.experiments.values()].some((e) => e.name === name)) throw experimentExists(name);
  for (const t of tags) checkName('tag', t.key);
  const e = addExperiment(s, name, artifactLocation, new Map(tags.map((t) => [t.key, t.value])), Date.now());
  return { experiment_id: e.experiment_id };
};

const getExperiment: Handler = ({ input }, s) => ({
  experiment: experimentJson(experiment(s, requiredString(input, 'experiment_id'))),
});

const getExperimentByName: Handler = ({ input }, s) => {
  const name = requiredString(input, 'experiment_name');
  const e = [...s.experiments.values()].find((x) => x.name === name);
  if (!e) throw experimentNameNotFound(name);
  return { experiment: experimentJson(e) };
};

const searchExperiments: Handler = ({ input }, s) => {
  const view = viewType(input, 'view_type');
  const max = optionalInt(input, 'max_results') ?? 1000;
  checkMaxResults(max, 50_000, 'experiments');
  const clauses = parseFilter(optionalString(input, 'filter'), EXPERIMENT_SEARCH);
  const order = parseOrderBy(stringList(input, 'order_by'), EXPERIMENT_SEARCH);
  const offset = parsePageToken(input.page_token);
  // MLflow's default order is newest first; the experiment id always breaks ties.
  const terms: OrderTerm[] = [
    ...(order.length ? order : [{ type: 'attribute', key: 'creation_time', ascending: false }]),
    { type: 'attribute', key: 'experiment_id', ascending: true },
  ];
  const found = [...s.experiments.values()].filter(
    (e) => inView(e.lifecycle_stage, view) && matches(e, clauses, EXPERIMENT_SEARCH),
  );
  const { page, next } = paginate(sortBy(found, terms, EXPERIMENT_SEARCH), offset, max, 'when-more');
  return compact({ experiments: page.map(experimentJson), next_page_token: next });
};

const updateExperiment: Handler = ({ input }, s) => {
  const e = experiment(s, requiredString(input, 'experiment_id'));
  const newName = requiredString(input, 'new_name');
  if (e.lifecycle_stage !== 'active') throw new ApiError('INVALID_STATE', 'Cannot rename a non-active experiment.');
  if (newName !== e.name && [...s.experiments.values()].some((x) => x.name === newName))
    throw experimentExists(newName);
  e.name = newName;
  e.last_update_time = Date.now();
  return {};
};

/** Delete and restore take the experiment's runs along, as MLflow's SQL store does. */
function setExperimentStage(s: ServerState, id: string, from: 'active' | 'deleted', to: 'active' | 'deleted') {
  const e = s.experiments.get(id);
  if (!e || e.lifecycle_stage !== from) throw experimentNotFound(id);
  e.lifecycle_stage = to;
  e.last_update_time = Date.now();
  for (const r of s.runs.values()) if (r.info.experiment_id === id) r.info.lifecycle_stage = to;
  return {};
}

const deleteExperiment: Handler = ({ input }, s) =>
  setExperimentStage(s, requiredString(input, 'experiment_id'), 'active', 'deleted');
const restoreExperiment: Handler = ({ input }, s) =>
  setExperimentStage(s, requiredString(input, 'experiment_id'), 'deleted', 'active');

const setExperimentTag: Handler = ({ input }, s) => {
  const e = activeExperiment(s, requiredString(input, 'experiment_id'));
  const key = checkName('tag', requiredString(input, 'key'));
  e.tags.set(key, optionalString(input, 'value') ?? '');
  return {};
};

const deleteExperimentTag: Handler = ({ input }, s) => {
  const e = activeExperiment(s, requiredString(input, 'experiment_id'));
  const key = requiredString(input, 'key');
  if (!e.tags.delete(key)) throw notFound(`No tag with name: ${key} in experiment with id ${e.experiment_id}`);
  return {};
};

// ---- runs ----

const ADJECTIVES = ['brave', 'calm', 'clever', 'gentle', 'honest', 'lively', 'merry', 'quiet', 'sincere', 'witty'];
const NOUNS = ['ant', 'bass', 'crow', 'doe', 'eel', 'fox', 'gnu', 'hen', 'owl', 'yak'];
/** MLflow names an unnamed run "<adjective>-<animal>-<number>". */
const randomRunName = () =>
  `${ADJECTIVES[randomInt(ADJECTIVES.length)]}-${NOUNS[randomInt(NOUNS.length)]}-${randomInt(1000)}`;

const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];

/** Sets the run's name and its `mlflow.runName` tag together: MLflow keeps them equal. */
function rename(r: RunState, name: string) {
  r.info.run_name = name;
  r.tags.set('mlflow.runName', name);
}

const createRun: Handler = ({ input }, s) => {
  const e = activeExperiment(s, optionalString(input, 'experiment_id') ?? '');
  const tags = keyValueList(input, 'tags');
  for (const t of tags) checkName('tag', t.key);
  const requested = optionalString(input, 'run_name');
  const tagged = tags.find((t) => t.key === 'mlflow.runName')?.value;
  if (requested && tagged && requested !== tagged) {
    throw invalid(
      "Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values " +
        `(run_name='${requested}', mlflow.runName='${tagged}').`,
    );
  }
  const runId = randomUUID().replaceAll('-', '');
  const r: RunState = {
    info: {
      run_id: runId,
      run_uuid: runId,
      run_name: '',
      experiment_id: e.experiment_id,
      user_id: optionalString(input, 'user_id') ?? '',
      status: 'RUNNING',
      start_time: optionalInt(input, 'start_time') ?? 0,
      artifact_uri: `${e.artifact_location.replace(/\/+$/, '')}/${runId}/artifacts`,
      lifecycle_stage: 'active',
    },
    params: new Map(),
    tags: new Map(tags.map((t) => [t.key, t.value])),
    metrics: [],
    inputs: [],
  };
  rename(r, requested || tagged || randomRunName());
  s.runs.set(runId, r);
  return { run: runJson(r) };
};

const getRun: Handler = ({ input }, s) => ({ run: runJson(run(s, runIdOf(input))) });

const updateRun: Handler = ({ input }, s) => {
  const r = activeRun(s, runIdOf(input));
  const status = optionalString(input, 'status');
  if (status !== undefined && !RUN_STATUSES.includes(status)) throw badParam('status', status);
  const endTime = optionalInt(input, 'end_time');
  const name = optionalString(input, 'run_name');
  if (status) r.info.status = status;
  if (endTime !== undefined) r.info.end_time = endTime;
  if (name) rename(r, name);
  return { run_info: runInfoJson(r) };
};

const deleteRun: Handler = ({ input }, s) => {
  run(s, runIdOf(input)).info.lifecycle_stage = 'deleted';
  return {};
};

const restoreRun: Handler = ({ input }, s) => {
  run(s, runIdOf(input)).info.lifecycle_stage = 'active';
  return {};
};

function setTag(r: RunState, key: string, value: string) {
  if (key === 'mlflow.runName') rename(r, value);
  else r.tags.set(key, value);
}

const setRunTag: Handler = ({ input }, s) => {
  const runId = runIdOf(input);
  const key = checkName('tag', requiredString(input, 'key'));
  setTag(activeRun(s, runId), key, optionalString(input, 'value') ?? '');
  return {};
};

const deleteRunTag: Handler = ({ input }, s) => {
  const runId = runIdOf(input);
  const key = requiredString(input, 'key');
  const r = activeRun(s, runId);
  if (!r.tags.delete(key)) throw runTagNotFound(runId, key);
  return {};
};

/** MLflow's log-batch limits (mlflow/utils/validation.py). */
export const LOG_BATCH_LIMITS = { metrics: 1000, params: 100, tags: 100, total: 1000, bytes: 1_000_000 } as const;

function checkBatchLimit(what: string, limit: number, n: number) {
  if (n <= limit) return;
  throw invalid(
    `A batch logging request can contain at most ${limit} ${what}. Got ${n} ${what}. Please split up ${what} ` +
      `across multiple requests and try again.`,
  );
}

/** Refuses a param whose value would change; nothing of the request is written when one does. */
function checkParams(r: RunState, params: Array<{ key: string; value: string }>) {
  for (const p of params) {
    const old = r.params.get(p.key);
    if (old !== undefined && old !== p.value) throw paramChanged(p.key, old, p.value, r.info.run_id);
  }
}

const logBatch: Handler = ({ input, raw }, s) => {
  if (raw.length > LOG_BATCH_LIMITS.bytes) {
    throw invalid(
      `Batched logging API requests must be at most ${LOG_BATCH_LIMITS.bytes} bytes, got a request of ` +
        `size ${raw.length}.`,
    );
  }
  const runId = runIdOf(input);
  // Everything is checked before anything is written, in the order of MLflow's SQL store.
  const metrics = list(input, 'metrics').map(parseMetric);
  const params = keyValueList(input, 'params').map((p) => ({ key: checkName('parameter', p.key), value: p.value }));
  const tags = keyValueList(input, 'tags').map((t) => ({ key: checkName('tag', t.key), value: t.value }));
  checkBatchLimit('metrics', LOG_BATCH_LIMITS.metrics, metrics.length);
  checkBatchLimit('params', LOG_BATCH_LIMITS.params, params.length);
  checkBatchLimit('tags', LOG_BATCH_LIMITS.tags, tags.length);
  checkBatchLimit('metrics, params, and tags', LOG_BATCH_LIMITS.total, metrics.length + params.length + tags.length);
  const keys = params.map((p) => p.key);
  const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
  if (dupes.length) {
    throw invalid(
      `Duplicate parameter keys have been submitted: [${dupes.map((k) => `'${k}'`).join(', ')}]. ` +
        'Please ensure the request contains only one param value per param key.',
    );
  }
  const r = activeRun(s, runId);
  checkParams(r, params);
  for (const p of params) r.params.set(p.key, p.value);
  r.metrics.push(...metrics);
  for (const t of tags) setTag(r, t.key, t.value);
  return {};
};

const logMetric: Handler = ({ input }, s) => {
  const runId = runIdOf(input);
  requiredString(input, 'key');
  for (const field of ['value', 'timestamp']) {
    if (input[field] === undefined || input[field] === null || input[field] === '') throw missingParam(field);
  }
  const point = parseMetric(input);
  activeRun(s, runId).metrics.push(point);
  return {};
};

const logParameter: Handler = ({ input }, s) => {
  const runId = runIdOf(input);
  const key = checkName('parameter', requiredString(input, 'key'));
  const value = optionalString(input, 'value') ?? '';
  const r = activeRun(s, runId);
  checkParams(r, [{ key, value }]);
  r.params.set(key, value);
  return {};
};

/** Same dataset, digest and context ("train", "eval", …) is one input, as Kiroku's stores have it. */
const inputKey = (d: DatasetInputState) => {
  const context = d.tags?.find((t) => t.key === 'mlflow.data.context')?.value ?? '';
  return `${d.dataset.name}\u0000${d.dataset.digest}\u0000${context}`;
};

function parseDatasetInput(item: unknown, i: number): DatasetInputState {
  const x = (item ?? {}) as Input;
  const d = x.dataset as Input | undefined;
  if (!d || typeof d !== 'object') throw invalid('Dataset input must have a dataset associated with it.');
  for (const field of ['name', 'digest', 'source_type', 'source']) {
    if (typeof d[field] !== 'string' || !d[field])
      throw invalid(`Missing value for required parameter 'datasets[${i}].dataset.${field}'.`);
  }
  const dataset: DatasetInputState['dataset'] = {
    name: d.name as string,
    digest: d.digest as string,
    source_type: d.source_type as string,
    source: d.source as string,
  };
  if (typeof d.schema === 'string' && d.schema) dataset.schema = d.schema;
  if (typeof d.profile === 'string' && d.profile) dataset.profile = d.profile;
  const tags = keyValueList(x, 'tags');
  return tags.length ? { dataset, tags } : { dataset };
}

const logInputs: Handler = ({ input }, s) => {
  const runId = runIdOf(input);
  const datasets = list(input, 'datasets').map(parseDatasetInput);
  const r = activeRun(s, runId);
  const seen = new Set(r.inputs.map(inputKey));
  for (const d of datasets) {
    if (seen.has(inputKey(d))) continue;
    seen.add(inputKey(d));
    r.inputs.push(d);
  }
  return {};
};

const RUN_SEARCH: SearchSpec<RunState> = {
  types: {
    '': 'attribute',
    attribute: 'attribute',
    attributes: 'attribute',
    attr: 'attribute',
    run: 'attribute',
    metric: 'metric',
    metrics: 'metric',
    param: 'param',
    params: 'param',
    parameter: 'param',
    parameters: 'param',
    tag: 'tag',
    tags: 'tag',
    dataset: 'dataset',
    datasets: 'dataset',
  },
  attributes: ['run_id', 'run_name', 'status', 'user_id', 'start_time', 'end_time', 'artifact_uri', 'lifecycle_stage'],
  lookup: (r, type, key): Scalar[] => {
    const one = (v: Scalar | undefined) => (v === undefined ? [] : [v]);
    switch (type) {
      case 'metric':
        return one(latestMetrics(r.metrics).get(key)?.value);
      case 'param':
        return one(r.params.get(key));
      case 'tag':
        return one(r.tags.get(key));
      case 'dataset': {
        // datasets.name / .digest / .context: a run matches when any of its inputs does.
        const field = (d: DatasetInputState) =>
          key === 'name'
            ? d.dataset.name
            : key === 'digest'
              ? d.dataset.digest
              : key === 'context'
                ? d.tags?.find((t) => t.key === 'mlflow.data.context')?.value
                : undefined;
        return r.inputs.flatMap((d) => one(field(d)));
      }
      default:
        return one(r.info[key as keyof typeof r.info] as Scalar | undefined);
    }
  },
};

const searchRuns: Handler = ({ input }, s) => {
  const experimentIds = new Set(stringList(input, 'experiment_ids'));
  const max = optionalInt(input, 'max_results') ?? 1000;
  if (max > 50_000) throw badParam('max_results', max); // the handler's own check, before the store's
  if (max < 1) throw invalid(`Invalid value for max_results. It must be a positive integer, but got ${max}`);
  const view = viewType(input, 'run_view_type');
  const clauses = parseFilter(optionalString(input, 'filter'), RUN_SEARCH);
  const order = parseOrderBy(stringList(input, 'order_by'), RUN_SEARCH);
  const offset = parsePageToken(input.page_token);
  // MLflow sorts by start_time DESC unless asked to sort by it, then by run id.
  const terms: OrderTerm[] = [
    ...order,
    ...(order.some((t) => t.type === 'attribute' && t.key === 'start_time')
      ? []
      : [{ type: 'attribute', key: 'start_time', ascending: false }]),
    { type: 'attribute', key: 'run_id', ascending: true },
  ];
  const found = [...s.runs.values()].filter(
    (r) =>
      experimentIds.has(r.info.experiment_id) &&
      inView(r.info.lifecycle_stage, view) &&
      matches(r, clauses, RUN_SEARCH),
  );
  const { page, next } = paginate(sortBy(found, terms, RUN_SEARCH), offset, max, 'when-full');
  return compact({ runs: page.map(runJson), next_page_token: next });
};

/**
 * MLflow 2.x's handler (`_get_metric_history`) reads neither max_results nor page_token: every point
 * comes in one page, with no next_page_token, however many there are.
 */
const getMetricHistory: Handler = ({ input }, s) => {
  const r = run(s, runIdOf(input));
  const key = requiredString(input, 'metric_key');
  // The SQL store's order: timestamp, then step, then value.
  const all = r.metrics
    .filter((m) => m.key === key)
    .sort((a, b) => a.timestamp - b.timestamp || a.step - b.step || a.value - b.value);
  return compact({ metrics: all.map(metricJson) });
};

export const trackingRoutes: Record<string, Handler> = {
  'POST mlflow/experiments/create': createExperiment,
  'GET mlflow/experiments/get': getExperiment,
  'GET mlflow/experiments/get-by-name': getExperimentByName,
  'GET mlflow/experiments/search': searchExperiments,
  'POST mlflow/experiments/search': searchExperiments,
  'POST mlflow/experiments/update': updateExperiment,
  'POST mlflow/experiments/delete': deleteExperiment,
  'POST mlflow/experiments/restore': restoreExperiment,
  'POST mlflow/experiments/set-experiment-tag': setExperimentTag,
  'POST mlflow/experiments/delete-experiment-tag': deleteExperimentTag,
  'POST mlflow/runs/create': createRun,
  'GET mlflow/runs/get': getRun,
  'POST mlflow/runs/update': updateRun,
  'POST mlflow/runs/delete': deleteRun,
  'POST mlflow/runs/restore': restoreRun,
  'POST mlflow/runs/set-tag': setRunTag,
  'POST mlflow/runs/delete-tag': deleteRunTag,
  'POST mlflow/runs/log-batch': logBatch,
  'POST mlflow/runs/log-metric': logMetric,
  'POST mlflow/runs/log-parameter': logParameter,
  'POST mlflow/runs/log-inputs': logInputs,
  'POST mlflow/runs/search': searchRuns,
  'GET mlflow/metrics/get-history': getMetricHistory,
};

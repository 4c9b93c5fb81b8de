// autolog for GridSearch (scikit-learn's GridSearchCV): a parent run with the search's params, the
// best candidate's params as `best_<name>`, `best_cv_score`, training metrics of the refit model,
// `cv_results.csv` and the best estimator as the model — and a child run for each of the best
// `maxTuningRuns` candidates with its params and cross-validation scores, as MLflow does.
import { GridSearch, type CvResults } from '../ml/model-selection/search';
import { type Estimator, snakeCase } from '../ml/core/estimator';
import type { MatrixInput, VectorInput } from '../data/frame';
import { now } from '../lib/time';
import { toCSV } from '../data/csv-write';
import { toTable } from '../data/table-from';
import { FitRecorder, type Api, type FitSnapshot } from './fit-recorder';
import { AUTOLOG_FLAVOR } from './options';
import { paramString } from './params';
import { trainingMetrics } from './training-metrics';
import { sourceTags } from './estimators';
import { inferSchema, type ModelSignature } from '../logged-model/signature';
import { trainingDataset } from './dataset';
import { trainingInput } from './training-input';
import { holdDepth, shouldLog, state } from './state';

const PATCHED = Symbol.for('kiroku.autolog.patched');
type FitFn = ((this: GridSearch, X: unknown, y?: unknown) => Promise<GridSearch>) & { [PATCHED]?: true };

/** `cv_results.csv`: one column per key of the results (params as JSON), written by the data layer's CSV writer. */
function csv(results: CvResults): string {
  return toCSV(toTable(results as unknown as Record<string, unknown[]>));
}

function parentSnapshot(search: GridSearch, X: MatrixInput, y: VectorInput | undefined): FitSnapshot {
  const p = search.params;
  const params: Record<string, string> = {
    estimator: p.estimator ? paramString(p.estimator) : 'None',
    param_grid: JSON.stringify(p.paramGrid),
    cv: typeof p.cv === 'number' ? String(p.cv) : 'custom',
    scoring: typeof p.scoring === 'string' ? p.scoring : p.scoring === undefined ? 'None' : 'custom',
    refit: String(p.refit),
  };
  for (const [k, v] of Object.entries(search.bestParams_ ?? {})) params[`best_${snakeCase(k)}`] = paramString(v);
  const best = search.bestEstimator_ as (Estimator<object> & { predict(x: unknown): unknown }) | null;
  const metrics: Record<string, number> = best ? trainingMetrics(best as never, best.kind, X, y) : {};
  if (typeof search.bestScore_ === 'number') metrics.best_cv_score = search.bestScore_;
  const snap: FitSnapshot = {
    params,
    metrics,
    tags: { estimator_name: 'GridSearch', estimator_class: 'kiroku.ml.GridSearch' },
    extraArtifacts: search.cvResults_ ? { 'cv_results.csv': csv(search.cvResults_) } : {},
  };
  const input = trainingInput(X);
  const tags = state.api ? sourceTags(state.api) : {};
  snap.dataset = () => trainingDataset(input.table, tags);
  if (best && state.options.logModels) {
    let signature: ModelSignature | undefined;
    try {
      signature = state.options.logModelSignatures
        ? { inputs: input.inputs, outputs: inferSchema(best.predict(input.head)) }
        : undefined;
    } catch {
      signature = undefined;
    }
    snap.model = {
      object: best,
      ...(state.options.logInputExamples ? { inputExample: input.head } : {}),
      ...(signature ? { signature } : {}),
    };
  }
  return snap;
}

/** Child runs for the best candidates (lowest rank first), each nested under the parent. */
async function logChildren(api: Api, parentRunId: string, results: CvResults, limit: number | null): Promise<void> {
  const order = results.params
    .map((_, i) => i)
    .sort((a, b) => results.rank_test_score[a]! - results.rank_test_score[b]!);
  const chosen = limit === null ? order : order.slice(0, limit);
  const client = api.client();
  const parent = await client.getRun(parentRunId);
  const ts = now();
  for (const i of chosen) {
    const run = await client.createRun(parent.info.experimentId, {
      userId: parent.info.userId,
      tags: {
        'mlflow.parentRunId': parentRunId,
        'mlflow.autologging': AUTOLOG_FLAVOR.estimator,
        'mlflow.user': parent.info.userId,
      },
    });
    const metrics: Record<string, number> = {};
    for (const [k, col] of Object.entries(results)) {
      const v = (col as unknown[])[i];
      if (k !== 'params' && typeof v === 'number' && Number.isFinite(v)) metrics[k] = v;
    }
    await client.logBatch(run.info.runId, {
      params: Object.entries(results.params[i]!).map(([k, v]) => ({ key: snakeCase(k), value: paramString(v) })),
      metrics: Object.entries(metrics).map(([key, value]) => ({ key, value, step: 0, timestamp: ts })),
    });
    await client.setTerminated(run.info.runId, 'FINISHED', ts);
  }
}

function wrap(original: FitFn): FitFn {
  const fit = function (this: GridSearch, X: unknown, y?: unknown) {
    if (!shouldLog()) return original.call(this, X, y);
    const api = state.api!;
    const recorder = new FitRecorder(api, state.options, AUTOLOG_FLAVOR.estimator);
    state.depth++;
    const options = state.options;
    return holdDepth(
      original.call(this, X, y).then(
        (search) => {
          const snap = parentSnapshot(search, X as MatrixInput, y as VectorInput | undefined);
          const endTime = now();
          const results = search.cvResults_;
          api.trackPending(
            (async () => {
              await recorder.finish(snap, 'FINISHED', endTime);
              if (results && recorder.writable) await logChildren(api, recorder.runId, results, options.maxTuningRuns);
            })(),
          );
          return search;
        },
        (err: unknown) => {
          api.trackPending(
            recorder.finish(
              { params: {}, metrics: {}, tags: { estimator_name: 'GridSearch' } },
              FitRecorder.failureStatus(err),
            ),
          );
          throw err;
        },
      ),
    );
  } as FitFn;
  fit[PATCHED] = true;
  return fit;
}

export function patchGridSearch(): void {
  const own = Object.getOwnPropertyDescriptor(GridSearch.prototype, 'fit');
  if (!own || typeof own.value !== 'function' || (own.value as FitFn)[PATCHED]) return;
  Object.defineProperty(GridSearch.prototype, 'fit', { ...own, value: wrap(own.value as FitFn) });
}

// Batch prediction in the page: a model (any URI), a CSV, the signature check, then predictions beside
// the inputs, scores when the CSV has the target column, and every row as a CSV download.
//
// One shape from file to prediction: the CSV is read into a Table by the data layer's one reader
// (streamed, with progress), checked by the model's own enforcement rules (`checkColumns`), predicted
// by `predictBatch` (on this thread or the worker pool, whichever is faster, with progress and
// cancel), scored by the metric functions and written by the data layer's CSV writer. The page only
// shows what those decide. The model is loaded through the public `mlflow` (every flavor), on demand.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { readTable } from '../../../data/csv';
import { writeCSV } from '../../../data/csv-write';
import type { Table } from '../../../data/table';
import { predictBatch } from '../../../logged-model/batch/predict-batch';
import { checkColumns, enforceSchema, type ColumnCheck } from '../../../logged-model/enforce';
import { predictionTable, withPredictions } from '../../../logged-model/prediction-table';
import type { PyFuncModel } from '../../../logged-model/pyfunc';
import type { ColSpec } from '../../../logged-model/signature';
import { scorePredictions, type PredictionScores } from '../../../logged-model/score-predictions';
import { saveBlob } from '../../components/download';
import { replaceQuery } from '../routes';
import { fullMlflow } from '../registry/registry';
import { CsvPicker } from './csv-picker';
import { ModelPicker } from './model-picker';
import { PredictionResults } from './prediction-results';
import { SchemaCheck, checkPasses } from './schema-check';
import { guessTarget } from './target-column';
import { t } from '../../i18n/t';
import { rich } from '../../i18n/rich';
import { formatInteger } from '../../format';

type Loaded<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; message: string };

type DataState =
  | { status: 'idle' }
  | { status: 'reading'; name: string; progress: number }
  | { status: 'ready'; name: string; table: Table }
  | { status: 'error'; message: string };

type RunState =
  | { status: 'idle' }
  | { status: 'predicting'; id: number; progress: number; first: Table | null }
  | { status: 'ready'; id: number; predictions: Table; scores: PredictionScores | null; ms: number }
  | { status: 'cancelled' }
  | { status: 'error'; message: string };

/** The signature's named input columns, or null (no signature, or a tensor signature). */
function columnSpecs(model: PyFuncModel): ColSpec[] | null {
  const inputs = model.signature?.inputs;
  if (!inputs || inputs.length === 0 || inputs[0]!.type === 'tensor') return null;
  const named = (inputs as ColSpec[]).filter((c) => c.name !== undefined);
  return named.length ? named : null;
}

/**
 * What the model is given: the whole table for a column signature (enforcement picks its inputs), else every column but
 * the target.
 */
function modelInput(model: PyFuncModel, table: Table, target: string | null): Table {
  return columnSpecs(model) ? table : table.select(table.columns.filter((c) => c !== target));
}

export function PredictView({ initialModel }: { initialModel: string }) {
  const [uri, setUri] = useState(initialModel);
  const [model, setModel] = useState<Loaded<PyFuncModel>>({ status: 'idle' });
  const [input, setInput] = useState<DataState>({ status: 'idle' });
  const [target, setTarget] = useState<string | null>(null);
  const [run, setRun] = useState<RunState>({ status: 'idle' });
  const [download, setDownload] = useState<{ progress: number | null; error: string | null }>({
    progress: null,
    error: null,
  });
  const reading = useRef<AbortController | null>(null);
  const predicting = useRef<AbortController | null>(null);
  const runs = useRef(0);

  const stopPredicting = useCallback(() => {
    predicting.current?.abort();
    predicting.current = null;
  }, []);
  const cancelPredicting = () => {
    stopPredicting();
    setRun({ status: 'cancelled' });
  };

  useEffect(() => {
    if (!uri) return;
    let live = true;
    setModel({ status: 'loading' });
    stopPredicting();
    setRun({ status: 'idle' });
    replaceQuery({ model: uri });
    fullMlflow()
      .then((m) => m.pyfunc.loadModel(uri))
      .then(
        (value) => live && setModel({ status: 'ready', value }),
        (err: Error) => live && setModel({ status: 'error', message: err.message }),
      );
    return () => {
      live = false;
    };
  }, [uri, stopPredicting]);

  useEffect(
    () => () => {
      reading.current?.abort();
      predicting.current?.abort();
    },
    [],
  );

  const pick = async (file: File) => {
    reading.current?.abort();
    stopPredicting();
    const controller = new AbortController();
    reading.current = controller;
    setRun({ status: 'idle' });
    setInput({ status: 'reading', name: file.name, progress: 0 });
    let percent = 0; // progress is shown in whole percents: one re-render each, not one per piece read
    try {
      const table = await readTable(file, {
        signal: controller.signal,
        onProgress: (progress) => {
          const p = Math.floor(progress * 100);
          if (p !== percent) setInput({ status: 'reading', name: file.name, progress: (percent = p) / 100 });
        },
      });
      if (reading.current === controller) setInput({ status: 'ready', name: file.name, table });
    } catch (err) {
      if (controller.signal.aborted) setInput({ status: 'idle' });
      else setInput({ status: 'error', message: (err as Error).message });
    } finally {
      if (reading.current === controller) reading.current = null;
    }
  };

  const loaded = model.status === 'ready' ? model.value : null;
  const table = input.status === 'ready' ? input.table : null;
  // Once per model, so that what depends on it below runs when the model (or the table) changes only.
  const specs = useMemo(() => (loaded ? columnSpecs(loaded) : null), [loaded]);
  const outputName = (loaded?.signature?.outputs?.[0] as { name?: string } | undefined)?.name;
  useEffect(() => {
    if (table) setTarget(guessTarget(specs?.map((s) => s.name!) ?? null, table.columns, outputName));
  }, [table, specs, outputName]);

  const check: { rows: ColumnCheck[] | null; error: string | null } = useMemo(() => {
    if (!loaded || !table) return { rows: null, error: null };
    if (specs) return { rows: checkColumns(specs, table), error: null };
    try {
      enforceSchema(loaded.signature?.inputs, modelInput(loaded, table, target)); // a tensor signature: shape and type
      return { rows: null, error: null };
    } catch (err) {
      return { rows: null, error: (err as Error).message };
    }
  }, [loaded, table, target, specs]);
  const passes = check.rows ? checkPasses(check.rows) : check.error === null;

  const predict = async () => {
    if (!loaded || !table) return;
    stopPredicting();
    const controller = new AbortController();
    predicting.current = controller;
    const id = ++runs.current;
    setDownload({ progress: null, error: null });
    setRun({ status: 'predicting', id, progress: 0, first: null });
    const t0 = performance.now();
    let percent = 0;
    try {
      const output = await predictBatch(loaded, modelInput(loaded, table, target), {
        signal: controller.signal,
        onProgress: (progress) => {
          const p = Math.floor(progress * 100);
          if (p !== percent && predicting.current === controller)
            setRun((r) => (r.status === 'predicting' ? { ...r, progress: (percent = p) / 100 } : r));
        },
        // The first rows appear as soon as they are predicted; the rest follow.
        onBlock: (from, block) => {
          if (from === 0 && predicting.current === controller) {
            setRun((r) =>
              r.status === 'predicting' && !r.first ? { ...r, first: predictionTable(block, block.length) } : r,
            );
          }
        },
      });
      const ms = performance.now() - t0;
      const predictions = predictionTable(output, table.rows);
      const t = target !== null ? table.indexOf(target) : -1;
      const scores =
        t >= 0 && predictions.columns.length === 1 ? scorePredictions(table.spec(t), predictions.spec(0)) : null;
      if (predicting.current === controller) setRun({ status: 'ready', id, predictions, scores, ms });
    } catch (err) {
      if (predicting.current === controller)
        setRun(controller.signal.aborted ? { status: 'idle' } : { status: 'error', message: (err as Error).message });
    } finally {
      if (predicting.current === controller) predicting.current = null;
    }
  };

  const save = async () => {
    if (!table || run.status !== 'ready' || input.status !== 'ready') return;
    setDownload({ progress: 0, error: null });
    try {
      // Progress in whole percents: a re-render per 5,000 rows written would cost more than the writing.
      let shown = -1;
      const blob = await writeCSV(withPredictions(table, run.predictions), {
        onProgress: (progress) => {
          const percent = Math.floor(progress * 100);
          if (percent !== shown) setDownload({ progress: (shown = percent) / 100, error: null });
        },
      });
      saveBlob(blob, `${input.name.replace(/\.(csv|tsv|txt)$/i, '')}-predictions.csv`);
      setDownload({ progress: null, error: null });
    } catch (err) {
      setDownload({ progress: null, error: t('pr.writeFailed', { error: (err as Error).message }) });
    }
  };

  const rows = table?.rows ?? 0;
  return (
    <section class="page predict-page" aria-labelledby="page-title">
      <h1 id="page-title">{t('pr.title')}</h1>
      <section class="card" aria-labelledby="predict-model">
        <h2 id="predict-model">{t('pr.model')}</h2>
        <ModelPicker value={uri} onChange={setUri} />
        {model.status === 'loading' && <p aria-busy="true">{t('pr.loading', { uri })}</p>}
        {model.status === 'error' && (
          <p role="alert" class="form-error">
            {model.message}
          </p>
        )}
        {loaded && (
          <p role="status">
            {rich('pr.loaded', { uri: <code>{uri}</code>, flavors: Object.keys(loaded.metadata.flavors).join(', ') })}
            {specs ? t('pr.inputs', { count: specs.length }) : t('pr.noSignature')}
          </p>
        )}
      </section>
      <section class="card" aria-labelledby="predict-data">
        <h2 id="predict-data">{t('pr.data')}</h2>
        <CsvPicker onPick={pick} />
        {input.status === 'reading' && (
          <div class="task-progress" role="status">
            <label>
              {t('pr.reading', { name: input.name })}{' '}
              <progress max={1} value={input.progress} aria-label={t('pr.readingProgress')} />{' '}
              {Math.floor(input.progress * 100)}%
            </label>
            <button type="button" onClick={() => reading.current?.abort()}>
              {t('dialog.cancel')}
            </button>
          </div>
        )}
        {input.status === 'error' && (
          <p role="alert" class="form-error">
            {input.message}
          </p>
        )}
        {input.status === 'ready' && (
          <p role="status">
            {t('pr.read', { name: input.name, rows: formatInteger(rows), columns: input.table.columns.length })}
          </p>
        )}
      </section>
      {table && loaded && (
        <section class="card" aria-labelledby="predict-check">
          <h2 id="predict-check">{t('pr.check')}</h2>
          <label>
            {t('pr.target')}{' '}
            <select value={target ?? ''} onChange={(e) => setTarget(e.currentTarget.value || null)}>
              <option value="">{t('pr.none')}</option>
              {table.columns
                .filter((c) => !specs?.some((s) => s.name === c))
                .map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
            </select>
          </label>
          {check.rows && <SchemaCheck rows={check.rows} target={target} />}
          {check.error && (
            <p role="alert" class="form-error">
              {check.error}
            </p>
          )}
          <div class="form-actions">
            <button
              type="button"
              class="primary large"
              disabled={!passes || run.status === 'predicting'}
              onClick={predict}>
              {t('pr.predict')}
            </button>
            {!passes && <span class="form-error">{t('pr.fix')}</span>}
          </div>
        </section>
      )}
      {run.status === 'error' && (
        <p role="alert" class="form-error">
          {run.message}
        </p>
      )}
      {run.status === 'cancelled' && <p role="status">{t('pr.cancelled')}</p>}
      {table && (run.status === 'ready' || (run.status === 'predicting' && run.first)) && (
        <PredictionResults
          runId={run.id}
          inputs={table}
          predictions={run.status === 'ready' ? run.predictions : run.first!}
          target={target}
          scores={run.status === 'ready' ? run.scores : null}
          progress={run.status === 'predicting' ? run.progress : null}
          ms={run.status === 'ready' ? run.ms : null}
          onCancel={cancelPredicting}
          download={download}
          onDownload={save}
        />
      )}
      {run.status === 'predicting' && !run.first && <p aria-busy="true">{t('pr.predicting')}</p>}
    </section>
  );
}

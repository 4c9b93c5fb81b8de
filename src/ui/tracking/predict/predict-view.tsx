// Batch prediction in the page: a model (any URI), a CSV, the signature check, then predictions beside
// the inputs, error statistics when the CSV has the target column, and the predictions as a CSV
// download. The model is loaded through the public `mlflow` (every flavor), on demand.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ParsedColumn } from '../../../data/columns';
import type { PyFuncModel } from '../../../models/pyfunc';
import { saveBlob } from '../../components/download';
import { formatNumber } from '../../format';
import { replaceQuery } from '../routes';
import { fullMlflow } from '../registry/registry';
import { CsvPicker, type PickedCsv } from './csv-picker';
import { ModelPicker } from './model-picker';
import {
  checkColumns, checkPasses, columnCells, errorStats, guessTarget, predictionColumns, toCsv, toRecords,
  type Cell, type CheckRow, type ErrorStats, type InputSpec,
} from './predict-logic';

const SHOWN_ROWS = 200;

type Loaded<T> = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string };

interface Data {
  name: string;
  columns: ParsedColumn[];
  cells: Array<{ name: string; cells: Cell[] }>;
}

interface Result {
  columns: Array<{ name: string; cells: Cell[] }>;
  stats: ErrorStats | null;
  ms: number;
}

function inputSpecs(model: PyFuncModel): InputSpec[] | null {
  const inputs = model.signature?.inputs;
  if (!inputs || inputs.length === 0 || inputs[0]!.type === 'tensor') return null;
  return inputs as InputSpec[];
}

export function PredictView({ initialModel }: { initialModel: string }) {
  const [uri, setUri] = useState(initialModel);
  const [model, setModel] = useState<Loaded<PyFuncModel>>({ status: 'idle' });
  const [data, setData] = useState<Loaded<Data>>({ status: 'idle' });
  const [target, setTarget] = useState<string | null>(null);
  const [result, setResult] = useState<Loaded<Result>>({ status: 'idle' });

  useEffect(() => {
    if (!uri) return;
    let live = true;
    setModel({ status: 'loading' });
    setResult({ status: 'idle' });
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
  }, [uri]);

  const pick = async (csv: PickedCsv) => {
    setData({ status: 'loading' });
    setResult({ status: 'idle' });
    try {
      const { parseColumns } = await import('../../../data/csv');
      const columns = await parseColumns(csv.text, csv.name);
      setData({ status: 'ready', value: { name: csv.name, columns, cells: columns.map((c) => ({ name: c.name, cells: columnCells(c) })) } });
    } catch (err) {
      setData({ status: 'error', message: (err as Error).message });
    }
  };

  const specs = model.status === 'ready' ? inputSpecs(model.value) : null;
  const outputName = model.status === 'ready' ? (model.value.signature?.outputs?.[0] as { name?: string } | undefined)?.name : undefined;
  useEffect(() => {
    if (data.status === 'ready') setTarget(guessTarget(specs, data.value.columns, outputName));
  }, [data, model]);
  const check: CheckRow[] = useMemo(
    () => (data.status === 'ready' && model.status === 'ready' ? checkColumns(specs, data.value.columns, target) : []),
    [data, model, target],
  );

  const predict = async () => {
    if (model.status !== 'ready' || data.status !== 'ready') return;
    setResult({ status: 'loading' });
    // Let "Predicting…" paint before a long synchronous predict.
    await new Promise((r) => setTimeout(r, 0));
    try {
      const t0 = performance.now();
      const names = specs ? specs.map((s) => s.name!).filter((n) => data.value.columns.some((c) => c.name === n)) : data.value.columns.map((c) => c.name).filter((n) => n !== target);
      const output = await model.value.predict(toRecords(data.value.cells, names));
      const rows = data.value.cells[0]?.cells.length ?? 0;
      const predicted = predictionColumns(output, rows);
      const targetCells = target ? data.value.cells.find((c) => c.name === target)?.cells : undefined;
      const stats = targetCells && predicted.length === 1 ? errorStats(targetCells, predicted[0]!.cells) : null;
      setResult({ status: 'ready', value: { columns: predicted, stats, ms: performance.now() - t0 } });
    } catch (err) {
      setResult({ status: 'error', message: (err as Error).message });
    }
  };

  const download = () => {
    if (data.status !== 'ready' || result.status !== 'ready') return;
    const text = toCsv([...data.value.cells, ...result.value.columns]);
    saveBlob(new Blob([text], { type: 'text/csv' }), `${data.value.name.replace(/\.(csv|tsv|txt)$/i, '')}-predictions.csv`);
  };

  return (
    <section class="page predict-page" aria-labelledby="page-title">
      <h1 id="page-title">Predict</h1>
      <section class="card" aria-labelledby="predict-model">
        <h2 id="predict-model">1. Model</h2>
        <ModelPicker value={uri} onChange={setUri} />
        {model.status === 'loading' && <p aria-busy="true">Loading {uri}…</p>}
        {model.status === 'error' && <p role="alert" class="form-error">{model.message}</p>}
        {model.status === 'ready' && (
          <p role="status">
            Loaded <code>{uri}</code> · flavors {Object.keys(model.value.metadata.flavors).join(', ')}
            {specs ? ` · ${specs.length} input columns` : ' · no column signature: every CSV column but the target is passed'}
          </p>
        )}
      </section>
      <section class="card" aria-labelledby="predict-data">
        <h2 id="predict-data">2. Data</h2>
        <CsvPicker onPick={pick} />
        {data.status === 'loading' && <p aria-busy="true">Reading the CSV…</p>}
        {data.status === 'error' && <p role="alert" class="form-error">{data.message}</p>}
        {data.status === 'ready' && <p role="status">{data.value.name}: {data.value.cells[0]?.cells.length ?? 0} rows, {data.value.columns.length} columns.</p>}
      </section>
      {data.status === 'ready' && model.status === 'ready' && (
        <section class="card" aria-labelledby="predict-check">
          <h2 id="predict-check">3. Schema check</h2>
          <label>
            Target column (for error statistics){' '}
            <select value={target ?? ''} onChange={(e) => setTarget(e.currentTarget.value || null)}>
              <option value="">none</option>
              {data.value.columns.filter((c) => !specs?.some((s) => s.name === c.name)).map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
            </select>
          </label>
          <SchemaCheck rows={check} />
          <div class="form-actions">
            <button type="button" class="primary" disabled={!checkPasses(check) || result.status === 'loading'} onClick={predict}>Predict</button>
            {!checkPasses(check) && <span class="form-error">Fix the CSV's columns to match the model's inputs.</span>}
          </div>
        </section>
      )}
      {result.status === 'loading' && <p aria-busy="true">Predicting…</p>}
      {result.status === 'error' && <p role="alert" class="form-error">{result.message}</p>}
      {result.status === 'ready' && data.status === 'ready' && (
        <Results data={data.value} result={result.value} target={target} onDownload={download} />
      )}
    </section>
  );
}

const STATUS_LABEL: Record<CheckRow['status'], string> = {
  ok: 'ok', converted: 'converted', missing: 'missing', 'optional-missing': 'optional, missing', mismatch: 'wrong type', extra: 'ignored', target: 'target',
};

function SchemaCheck({ rows }: { rows: CheckRow[] }) {
  return (
    <table class="kv schema-check">
      <thead><tr><th scope="col">Column</th><th scope="col">Model expects</th><th scope="col">CSV has</th><th scope="col">Check</th><th scope="col">Note</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.column} class={`check-${r.status}`}>
            <th scope="row">{r.column}</th>
            <td>{r.expected ?? '—'}</td>
            <td>{r.found ?? '—'}</td>
            <td><span class={`check-badge check-${r.status}`}>{STATUS_LABEL[r.status]}</span></td>
            <td>{r.note}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Results({ data, result, target, onDownload }: { data: Data; result: Result; target: string | null; onDownload: () => void }) {
  const rows = data.cells[0]?.cells.length ?? 0;
  const shown = Math.min(rows, SHOWN_ROWS);
  const s = result.stats;
  const show = (v: Cell) => (v === null ? '' : typeof v === 'number' ? formatNumber(v) : String(v));
  return (
    <section class="card" aria-labelledby="predict-results">
      <div class="card-head">
        <h2 id="predict-results">4. Predictions</h2>
        <span class="muted">{rows} rows in {Math.round(result.ms)} ms</span>
        <button type="button" class="primary small" onClick={onDownload}>Download predictions (CSV)</button>
      </div>
      {s && (
        <dl class="facts compact error-stats" aria-label={`Error statistics against ${target}`}>
          <dt>Compared rows</dt><dd>{s.n}</dd>
          {s.mae !== undefined && <><dt>Mean absolute error</dt><dd>{formatNumber(s.mae)}</dd></>}
          {s.rmse !== undefined && <><dt>Root mean squared error</dt><dd>{formatNumber(s.rmse)}</dd></>}
          {s.r2 !== undefined && <><dt>R²</dt><dd>{formatNumber(s.r2)}</dd></>}
          {s.maxError !== undefined && <><dt>Max error</dt><dd>{formatNumber(s.maxError)}</dd></>}
          {s.accuracy !== undefined && <><dt>Accuracy</dt><dd>{formatNumber(s.accuracy)}</dd></>}
        </dl>
      )}
      <div class="table-scroll predictions" role="region" aria-label="Predictions beside the inputs" tabIndex={0}>
        <table class="data">
          <thead>
            <tr>
              {result.columns.map((c) => <th key={`p-${c.name}`} scope="col" class="pred">{c.name}</th>)}
              {data.cells.map((c) => <th key={c.name} scope="col" class={c.name === target ? 'target' : undefined}>{c.name}</th>)}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: shown }, (_, i) => (
              <tr key={i}>
                {result.columns.map((c) => <td key={`p-${c.name}`} class="num pred">{show(c.cells[i]!)}</td>)}
                {data.cells.map((c) => <td key={c.name} class={typeof c.cells[i] === 'number' ? 'num' : undefined}>{show(c.cells[i]!)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows > shown && <p class="hint">Showing the first {shown} of {rows} rows; the download has all of them.</p>}
    </section>
  );
}

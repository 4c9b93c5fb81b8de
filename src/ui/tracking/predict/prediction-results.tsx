// The Predict page's results: scores against the target column, the first rows of predictions beside
// their inputs (shown as soon as the first block is predicted), and the CSV download of every row.
// Everything shown is computed below the UI: scores by logged-model/score-predictions.ts, the CSV by
// data/csv-write.ts.
import { Fragment } from 'preact';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { Cell, Table } from '../../../data/table';
import type { PredictionScores } from '../../../logged-model/score-predictions';
import { formatInteger, formatNumber } from '../../format';
import { t, type MessageKey } from '../../i18n/t';

export const SHOWN_ROWS = 100;

const METRIC_LABELS: Record<string, MessageKey> = {
  mean_absolute_error: 'res.mae',
  root_mean_squared_error: 'res.rmse',
  accuracy_score: 'res.accuracy',
};
const metricLabel = (k: string) => (METRIC_LABELS[k] ? t(METRIC_LABELS[k]) : k === 'r2_score' ? 'R²' : k);

export interface ResultsProps {
  inputs: Table;
  /** Predictions so far: the first rows while predicting, then all of them. */
  predictions: Table;
  target: string | null;
  scores: PredictionScores | null;
  /** Fraction done while predicting; null once every row is predicted. */
  progress: number | null;
  ms: number | null;
  onCancel: () => void;
  download: { progress: number | null; error: string | null };
  onDownload: () => void;
  /** Changes with each prediction run: the results are scrolled to and focused once per run. */
  runId: number;
}

function show(v: Cell): string {
  return v === null
    ? ''
    : typeof v === 'number'
      ? formatNumber(v)
      : typeof v === 'boolean'
        ? v
          ? 'True'
          : 'False'
        : v;
}

export function PredictionResults(props: ResultsProps) {
  const { inputs, predictions, target, scores, progress } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  // The results start below the fold: bring them into view, and move focus there for keyboard and
  // screen-reader users, once per run (not on every progress update).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `runId` is the trigger, a new prediction run
  useEffect(() => {
    const h = heading.current;
    if (!h) return;
    h.scrollIntoView({ block: 'start', behavior: 'smooth' });
    h.focus({ preventScroll: true });
  }, [props.runId]);
  const rows = inputs.rows;
  const shown = Math.min(predictions.rows, SHOWN_ROWS);
  const done = progress === null;
  // The rows are built once per set of predictions, not again at each progress update.
  const table = useMemo(
    () => (
      <div class="table-scroll predictions" role="region" aria-label={t('res.region')} tabIndex={0}>
        <table class="data">
          <thead>
            <tr>
              {predictions.columns.map((c) => (
                <th key={`p-${c}`} scope="col" class="pred">
                  {c}
                </th>
              ))}
              {inputs.columns.map((c) => (
                <th key={c} scope="col" class={c === target ? 'target' : undefined}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: shown }, (_, i) => (
              <tr key={i}>
                {predictions.columns.map((c, j) => (
                  <td key={`p-${c}`} class="num pred">
                    {show(predictions.cell(i, j))}
                  </td>
                ))}
                {inputs.columns.map((c, j) => {
                  const v = inputs.cell(i, j);
                  return (
                    <td key={c} class={typeof v === 'number' ? 'num' : undefined}>
                      {show(v)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    ),
    [inputs, predictions, target, shown],
  );
  return (
    <section class="card" aria-labelledby="predict-results">
      <div class="card-head">
        <h2 id="predict-results" ref={heading} tabIndex={-1}>
          {t('res.title')}
        </h2>
        {done && props.ms !== null && (
          <span class="muted">
            {t('res.time', { rows: formatInteger(rows), ms: formatInteger(Math.round(props.ms)) })}
          </span>
        )}
        <button
          type="button"
          class="primary"
          disabled={!done || props.download.progress !== null}
          onClick={props.onDownload}>
          {t('res.download')}
        </button>
      </div>
      {!done && (
        <div class="task-progress" role="status">
          <label>
            {t('res.predicting', { rows: formatInteger(rows) })}{' '}
            <progress max={1} value={progress} aria-label={t('res.progress')} /> {Math.floor(progress * 100)}%
          </label>
          <button type="button" onClick={props.onCancel}>
            {t('dialog.cancel')}
          </button>
        </div>
      )}
      {props.download.progress !== null && (
        <p role="status" class="task-progress">
          {t('res.writing')} <progress max={1} value={props.download.progress} aria-label={t('res.csvProgress')} />{' '}
          {Math.floor(props.download.progress * 100)}%
        </p>
      )}
      {props.download.error && (
        <p role="alert" class="form-error">
          {props.download.error}
        </p>
      )}
      {scores && scores.rows > 0 && (
        <dl class="facts compact error-stats" aria-label={t('res.stats', { target: target ?? '' })}>
          <dt>{t('res.compared')}</dt>
          <dd>{formatInteger(scores.rows)}</dd>
          {Object.entries(scores.metrics).map(([k, v]) => (
            <Fragment key={k}>
              <dt>{metricLabel(k)}</dt>
              <dd>{formatNumber(v)}</dd>
            </Fragment>
          ))}
        </dl>
      )}
      {table}
      {rows > shown && <p class="hint">{t('res.first', { shown: formatInteger(shown), rows: formatInteger(rows) })}</p>}
    </section>
  );
}

// Compare runs (`#/compare?runs=a,b,c`): params and metrics side by side with "Only differences",
// parallel coordinates over the chosen params and metrics, a scatter of any one against another, and
// metric histories overlaid. Each run keeps one color in every chart and in the table's header.
import type { ComponentChild } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Run } from '../../tracking/entities';
import './tracking.css';
import { formatDuration, formatNumber, formatTime } from '../format';
import { LineChart } from './charts/line-chart';
import { ParallelCoordinates } from './charts/parallel-coords';
import { color } from './charts/uplot';
import { compareRows, defaultDimensions, dimensionsOf, dimensionValues } from './compare-model';
import { ChartControls, toSeries, type ChartSettings } from './metric-charts';
import { experimentsHref, parseRunIds, runHref } from './routes';
import { useSameItems } from './use-same-items';
import { useLive } from './use-live';
import { t } from '../i18n/t';

export default function ComparePage({ query }: { segments: string[]; query: URLSearchParams }) {
  const ids = useSameItems(parseRunIds(query.get('runs')));
  const runs = useLive((c) => Promise.all(ids.map((id) => c.getRun(id))), [ids], {
    relevant: (m) => m.type === 'run-updated' && ids.includes(m.runId),
    minInterval: 500,
  });
  return (
    <section class="page compare-page" aria-labelledby="page-title">
      <nav class="breadcrumbs" aria-label={t('run.breadcrumb')}>
        <a href={experimentsHref([])}>{t('exp.list')}</a>
        <span aria-hidden="true"> › </span>
      </nav>
      <h1 id="page-title">{t('cmp.title', { count: ids.length })}</h1>
      {ids.length < 2 && <p role="alert">{t('cmp.needTwo')}</p>}
      {runs.status === 'loading' && <p aria-busy="true">{t('runs.loading')}</p>}
      {runs.status === 'error' && <p role="alert">{t('cmp.readFailed', { error: runs.error.message })}</p>}
      {runs.status === 'ready' && runs.value.length > 0 && <Comparison runs={runs.value} />}
    </section>
  );
}

function Comparison({ runs }: { runs: Run[] }) {
  const [onlyDiff, setOnlyDiff] = useState(false);
  const rows = useMemo(() => compareRows(runs), [runs]);
  const dims = useMemo(() => dimensionsOf(runs), [runs]);
  const [chosenDims, setChosenDims] = useState(() => defaultDimensions(dims, runs).map((d) => d.id));
  const numeric = dims.filter((d) => d.numeric);
  const [xDim, setXDim] = useState(() => numeric.find((d) => d.kind === 'param')?.id ?? numeric[0]?.id ?? '');
  const [yDim, setYDim] = useState(() => numeric.find((d) => d.kind === 'metric')?.id ?? numeric[1]?.id ?? '');
  const shown = onlyDiff ? rows.filter((r) => r.differs) : rows;
  const params = shown.filter((r) => r.kind === 'param');
  const metrics = shown.filter((r) => r.kind === 'metric');

  const attrs: Array<[string, (r: Run) => string]> = [
    [t('col.status'), (r) => r.info.status],
    [t('col.created'), (r) => formatTime(r.info.startTime)],
    [t('col.duration'), (r) => formatDuration(r.info.startTime, r.info.endTime)],
  ];
  const value = (v: string | number | undefined) =>
    v === undefined ? '—' : typeof v === 'number' ? <span title={String(v)}>{formatNumber(v)}</span> : v;

  return (
    <>
      <section aria-labelledby="compare-table-title">
        <div class="card-head">
          <h2 id="compare-table-title">{t('cmp.table')}</h2>
          <label class="toggle">
            <input type="checkbox" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.currentTarget.checked)} />{' '}
            {t('cmp.onlyDiff')}
          </label>
        </div>
        <div class="table-scroll" role="region" aria-label={t('cmp.region')} tabIndex={0}>
          <table class="compare">
            <thead>
              <tr>
                <td />
                {runs.map((r, i) => (
                  <th key={r.info.runId} scope="col">
                    <span class="swatch" style={{ background: color(i) }} aria-hidden="true" />
                    <a href={runHref(r.info.experimentId, r.info.runId)} data-user-content="">
                      {r.info.runName}
                    </a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {attrs.map(([label, get]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {runs.map((r) => (
                    <td key={r.info.runId}>{get(r)}</td>
                  ))}
                </tr>
              ))}
              <Group title={t('col.params')} span={runs.length} rows={params} value={value} />
              <Group title={t('col.metrics')} span={runs.length} rows={metrics} value={value} />
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="parallel-title" class="card">
        <h2 id="parallel-title">{t('cmp.parallel')}</h2>
        <fieldset class="dim-picker">
          <legend>{t('cmp.axes')}</legend>
          {dims.map((d) => (
            <label key={d.id} class="check">
              <input
                type="checkbox"
                checked={chosenDims.includes(d.id)}
                onChange={(e) =>
                  setChosenDims(
                    e.currentTarget.checked
                      ? dims.filter((x) => x.id === d.id || chosenDims.includes(x.id)).map((x) => x.id)
                      : chosenDims.filter((x) => x !== d.id),
                  )
                }
              />
              {d.key} <span class="muted">({kindLabel(d.kind)})</span>
            </label>
          ))}
        </fieldset>
        <ParallelCoordinates
          runs={runs}
          dimensions={dims.filter((d) => chosenDims.includes(d.id))}
          title={t('cmp.parallel')}
        />
      </section>

      <section aria-labelledby="scatter-title" class="card">
        <h2 id="scatter-title">{t('cmp.scatter')}</h2>
        {numeric.length < 2 ? (
          <p class="muted">{t('cmp.needNumeric')}</p>
        ) : (
          <>
            <div class="chart-controls">
              <DimSelect label={t('cmp.x')} dims={numeric} value={xDim} onChange={setXDim} />
              <DimSelect label={t('cmp.y')} dims={numeric} value={yDim} onChange={setYDim} />
            </div>
            <Scatter
              runs={runs}
              x={numeric.find((d) => d.id === xDim) ?? numeric[0]!}
              y={numeric.find((d) => d.id === yDim) ?? numeric[1]!}
            />
          </>
        )}
      </section>

      <MetricOverlay runs={runs} />
    </>
  );
}

/** A dimension's kind ('param' or 'metric', as compare-model names them) in the UI's language. */
const kindLabel = (kind: string) => (kind === 'metric' ? t('col.metric') : kind === 'param' ? t('col.param') : kind);

function Group({
  title,
  span,
  rows,
  value,
}: {
  title: string;
  span: number;
  rows: ReturnType<typeof compareRows>;
  value: (v: string | number | undefined) => ComponentChild;
}) {
  return (
    <>
      <tr class="group">
        <th scope="colgroup" colSpan={span + 1}>
          {title} ({rows.length})
        </th>
      </tr>
      {rows.map((r) => (
        <tr key={`${r.kind}:${r.key}`} class={r.differs ? 'differs' : undefined}>
          <th scope="row" data-user-content="">
            {r.key}
          </th>
          {r.values.map((v, i) => (
            <td key={i} class={typeof v === 'number' ? 'num' : undefined}>
              {value(v)}
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

function DimSelect({
  label,
  dims,
  value,
  onChange,
}: {
  label: string;
  dims: ReturnType<typeof dimensionsOf>;
  value: string;
  onChange: (id: string) => void;
}) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {dims.map((d) => (
          <option key={d.id} value={d.id}>
            {d.key} ({kindLabel(d.kind)})
          </option>
        ))}
      </select>
    </label>
  );
}

function Scatter({
  runs,
  x,
  y,
}: {
  runs: Run[];
  x: ReturnType<typeof dimensionsOf>[number];
  y: ReturnType<typeof dimensionsOf>[number];
}) {
  const xs = dimensionValues(runs, x).values;
  const ys = dimensionValues(runs, y).values;
  // One series per run (so the legend names the run under the cursor), up to the palette's size.
  const series =
    runs.length <= 10
      ? runs.map((r, i) => ({
          label: r.info.runName,
          xs: xs[i] == null ? [] : [xs[i]!],
          ys: ys[i] == null ? [] : [ys[i]!],
        }))
      : [{ label: `${runs.length} runs`, xs: xs.map((v) => v ?? NaN), ys }];
  return (
    <LineChart
      title={t('cmp.against', { x: x.key, y: y.key })}
      series={series}
      xAxis={{ label: x.key }}
      yLabel={y.key}
      points
      height={300}
    />
  );
}

function MetricOverlay({ runs }: { runs: Run[] }) {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.data.metrics)))].sort();
  const [metric, setMetric] = useState(keys[0] ?? '');
  const [settings, setSettings] = useState<ChartSettings>({ xAxis: 'step', smoothing: 0, logY: false });
  const ids = runs.map((r) => r.info.runId);
  // The runs that have the metric (null for those without): their histories are read again when it changes.
  const logged = useSameItems(runs.map((r) => (metric in r.data.metrics ? r.info.runId : null)));
  const histories = useLive(
    (c) => Promise.all(logged.map((id) => (id !== null ? c.getMetricHistory(id, metric) : Promise.resolve([])))),
    [logged, metric],
    { relevant: (m) => m.type === 'run-updated' && ids.includes(m.runId), minInterval: 500 },
  );
  if (!keys.length) return null;
  const series =
    histories.status === 'ready'
      ? runs.map((r, i) => toSeries(r.info.runName, histories.value[i]!, r.info.startTime, settings))
      : [];
  return (
    <section aria-labelledby="overlay-title" class="card">
      <h2 id="overlay-title">{t('cmp.history')}</h2>
      <div class="chart-controls">
        <label>
          {t('cmp.metric')}{' '}
          <select value={metric} onChange={(e) => setMetric(e.currentTarget.value)}>
            {keys.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ChartControls settings={settings} onChange={setSettings} idPrefix="compare-chart" />
      {histories.status === 'ready' && (
        <LineChart title={t('cmp.byRun', { metric })} series={series} xAxis={settings.xAxis} logY={settings.logY} />
      )}
    </section>
  );
}

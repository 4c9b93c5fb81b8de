// The metric charts of one run: choose metrics (several at once), the x axis (step, wall time,
// relative time), smoothing and log scale; one chart per metric or all in one. Histories reload when
// the run logs more, so a running run's charts move. The choices live in the URL query.
import { useMemo, useState } from 'preact/hooks';
import type { Metric, Run } from '../../tracking/entities';
import { LineChart, type ChartSeries } from './charts/line-chart';
import { replaceQuery } from './routes';
import { forLogScale, series, smooth, X_AXIS_LABELS, type XAxis } from './smoothing';
import { aboutRun, useLive } from './use-live';
import { t } from '../i18n/t';

export interface ChartSettings {
  xAxis: XAxis;
  smoothing: number;
  logY: boolean;
}

/** One metric history as a chart series, with the chosen axis, smoothing and scale. */
export function toSeries(label: string, history: readonly Metric[], start: number, s: ChartSettings): ChartSeries {
  const { xs, ys } = series(history, s.xAxis, start);
  const smoothed = smooth(ys, s.smoothing);
  return { label, xs, ys: s.logY ? forLogScale(smoothed) : smoothed };
}

export function ChartControls({
  settings,
  onChange,
  idPrefix,
}: {
  settings: ChartSettings;
  onChange: (s: ChartSettings) => void;
  idPrefix: string;
}) {
  return (
    <div class="chart-controls">
      <label>
        {t('chart.xAxis')}{' '}
        <select
          value={settings.xAxis}
          onChange={(e) => onChange({ ...settings, xAxis: e.currentTarget.value as XAxis })}>
          {(Object.keys(X_AXIS_LABELS) as XAxis[]).map((x) => (
            <option key={x} value={x}>
              {X_AXIS_LABELS[x]}
            </option>
          ))}
        </select>
      </label>
      <label for={`${idPrefix}-smoothing`}>{t('chart.smoothing')}</label>
      <input
        id={`${idPrefix}-smoothing`}
        type="range"
        min={0}
        max={0.99}
        step={0.01}
        value={settings.smoothing}
        onInput={(e) => onChange({ ...settings, smoothing: Number(e.currentTarget.value) })}
      />
      <output for={`${idPrefix}-smoothing`}>{settings.smoothing.toFixed(2)}</output>
      <label class="toggle">
        <input
          type="checkbox"
          checked={settings.logY}
          onChange={(e) => onChange({ ...settings, logY: e.currentTarget.checked })}
        />{' '}
        {t('chart.log')}
      </label>
    </div>
  );
}

export function MetricCharts({ run, query }: { run: Run; query: URLSearchParams }) {
  const runId = run.info.runId;
  const keys = Object.keys(run.data.metrics).sort();
  const requested = query.getAll('metric').filter((k) => keys.includes(k));
  const [chosen, setChosen] = useState<string[]>(requested.length ? requested : keys.slice(0, 12));
  const [settings, setSettings] = useState<ChartSettings>({
    xAxis: (['step', 'time', 'relative'] as const).find((x) => x === query.get('x')) ?? 'step',
    smoothing: Math.min(0.99, Math.max(0, Number(query.get('smoothing') ?? 0) || 0)),
    logY: query.get('log') === '1',
  });
  const [together, setTogether] = useState(query.get('overlay') === '1');

  const update = (next: Partial<{ chosen: string[]; settings: ChartSettings; together: boolean }>) => {
    const c = next.chosen ?? chosen;
    const s = next.settings ?? settings;
    const t = next.together ?? together;
    if (next.chosen) setChosen(c);
    if (next.settings) setSettings(s);
    if (next.together !== undefined) setTogether(t);
    const q: Record<string, string | undefined> = {
      x: s.xAxis === 'step' ? undefined : s.xAxis,
      smoothing: s.smoothing ? String(s.smoothing) : undefined,
      log: s.logY ? '1' : undefined,
      overlay: t ? '1' : undefined,
    };
    // Several `metric` values are one key in a query; join them into the single-valued record.
    replaceQuery({ ...q, ...(c.length === 1 ? { metric: c[0] } : {}) });
  };

  const histories = useLive(
    async (c) => new Map(await Promise.all(chosen.map(async (k) => [k, await c.getMetricHistory(runId, k)] as const))),
    [runId, chosen],
    { relevant: aboutRun(runId), minInterval: 500 },
  );

  const charts = useMemo(() => {
    if (histories.status !== 'ready') return [];
    const all = chosen
      .filter((k) => histories.value.has(k))
      .map((k) => toSeries(k, histories.value.get(k)!, run.info.startTime, settings));
    return together ? [{ title: chosen.join(', '), series: all }] : all.map((s) => ({ title: s.label, series: [s] }));
  }, [histories, chosen, settings, together, run.info.startTime]);

  if (!keys.length) return <p class="muted">{t('chart.none')}</p>;
  return (
    <div class="metric-charts">
      <div class="chart-settings">
        <fieldset class="metric-picker">
          <legend>{t('chart.metrics')}</legend>
          {keys.map((k) => (
            <label key={k} class="check">
              <input
                type="checkbox"
                checked={chosen.includes(k)}
                onChange={(e) =>
                  update({
                    chosen: e.currentTarget.checked
                      ? keys.filter((x) => x === k || chosen.includes(x))
                      : chosen.filter((x) => x !== k),
                  })
                }
              />
              {k}
            </label>
          ))}
        </fieldset>
        <ChartControls settings={settings} onChange={(s) => update({ settings: s })} idPrefix="run-chart" />
        <label class="toggle">
          <input type="checkbox" checked={together} onChange={(e) => update({ together: e.currentTarget.checked })} />
          {` ${t('chart.together')}`}
        </label>
      </div>
      {histories.status === 'loading' && <p aria-busy="true">{t('chart.loading')}</p>}
      {histories.status === 'error' && <p role="alert">{t('chart.readFailed', { error: histories.error.message })}</p>}
      {!chosen.length && <p class="muted">{t('chart.choose')}</p>}
      <div class="chart-grid">
        {charts.map((c) => (
          <LineChart key={c.title} title={c.title} series={c.series} xAxis={settings.xAxis} logY={settings.logY} />
        ))}
      </div>
    </div>
  );
}

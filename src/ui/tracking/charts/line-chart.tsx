// A line (or scatter) chart of one or more series with different x values, drawn by uPlot. The chart
// is rebuilt when its shape changes (series, axis, scale, theme) and only fed new data otherwise, so a
// live run's chart updates without flicker. A figure with a caption names it; uPlot's legend shows
// values under the cursor; "Save as PNG" exports the canvas. Series of one point each (a metric logged
// once) are not a chart — a lone dot on an empty axis — but their values, in full.
import { useEffect, useRef, useState } from 'preact/hooks';
import type uPlotType from 'uplot';
import { color, loadUplot, themeColors, useThemeVersion } from './uplot';
import { savePng } from './png';
import { X_AXIS_LABELS, type XAxis } from '../smoothing';
import { alignXY, paddedRange } from './xy-data';
import { t } from '../../i18n/t';

export interface ChartSeries {
  label: string;
  xs: ArrayLike<number>;
  ys: ArrayLike<number | null>;
}

export interface LineChartProps {
  title: string;
  series: ChartSeries[];
  xAxis: XAxis | { label: string };
  logY?: boolean;
  /** Points only, no lines (a scatter of one value against another). */
  points?: boolean;
  height?: number;
  yLabel?: string;
  /** A sentence for screen readers: what the chart shows. */
  summary?: string;
}

/** A chart whose every series has at most one point: what it would show, as numbers. */
function singleValues(series: readonly ChartSeries[]): Array<{ label: string; x: number; y: number }> | null {
  const points: Array<{ label: string; x: number; y: number }> = [];
  for (const s of series) {
    const ys = Array.from(s.ys);
    const at = ys.findIndex((y) => typeof y === 'number' && Number.isFinite(y));
    if (ys.filter((y) => typeof y === 'number' && Number.isFinite(y)).length > 1) return null;
    if (at >= 0) points.push({ label: s.label, x: s.xs[at]!, y: ys[at]! });
  }
  return points.length ? points : null;
}

export function LineChart(props: LineChartProps) {
  const values = props.points ? null : singleValues(props.series);
  return values ? <ValuesFigure title={props.title} values={values} xAxis={props.xAxis} /> : <UplotChart {...props} />;
}

function ValuesFigure({
  title,
  values,
  xAxis,
}: {
  title: string;
  values: Array<{ label: string; x: number; y: number }>;
  xAxis: LineChartProps['xAxis'];
}) {
  // One series: its title says what the value is; several (runs compared): each is named.
  const named = values.length > 1 || values[0]!.label !== title;
  const at = (x: number) => (xAxis === 'step' ? ` at step ${x}` : '');
  return (
    <figure class="chart single-values" aria-label={title}>
      <figcaption>
        <span class="chart-title">{title}</span>
      </figcaption>
      <dl>
        {values.map((v) => (
          <div key={v.label}>
            <dt>
              {named ? v.label : t('chart.value')}
              <span class="muted">{at(v.x)}</span>
            </dt>
            <dd class="value">{String(v.y)}</dd>
          </div>
        ))}
      </dl>
      <p class="muted small">{t(values.length > 1 ? 'chart.onceEach' : 'chart.once')}</p>
    </figure>
  );
}

function UplotChart(props: LineChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlotType | null>(null);
  const theme = useThemeVersion();
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const height = props.height ?? 240;
  const axisName = typeof props.xAxis === 'string' ? props.xAxis : 'custom';
  const xLabel = typeof props.xAxis === 'string' ? X_AXIS_LABELS[props.xAxis] : props.xAxis.label;
  // Everything the chart is built from but its points: a change of any rebuilds it.
  const shape = [
    props.series.map((s) => s.label).join('\u0000'),
    axisName,
    xLabel,
    props.yLabel,
    props.logY,
    props.points,
    theme,
    height,
  ].join('|');
  const data = alignXY(props.series);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `shape` is the trigger; new points go to setData below
  useEffect(() => {
    let live = true;
    let resize: ResizeObserver | undefined;
    loadUplot().then(
      (UPlot) => {
        const el = host.current;
        if (!live || !el) return;
        const t = themeColors(el);
        const axis = { stroke: t.fg, grid: { stroke: t.grid, width: 1 }, ticks: { stroke: t.grid, width: 1 } };
        const u = new UPlot(
          {
            width: Math.max(el.clientWidth, 240),
            height,
            // A scatter's extreme points would sit on the frame: pad its x range by 5%.
            scales: {
              x: { time: axisName === 'time', ...(props.points ? { range: paddedRange } : {}) },
              y: props.logY ? { distr: 3 } : {},
            },
            axes: [
              { ...axis, label: xLabel },
              { ...axis, ...(props.yLabel ? { label: props.yLabel } : {}), size: 60 },
            ],
            cursor: { drag: { x: true, y: false } },
            series: [
              { label: xLabel },
              ...props.series.map((s, i) => ({
                label: s.label,
                stroke: color(i),
                width: props.points ? 0 : 1.5,
                spanGaps: true,
                // Lines hide their points, except a series so short (a metric logged once) that a line would not show.
                ...(props.points
                  ? { paths: () => null, points: { show: true, size: 7, fill: color(i) } }
                  : { points: { show: s.xs.length < 30, size: 5, fill: color(i) } }),
              })),
            ],
          },
          data as uPlotType.AlignedData,
          el,
        );
        plot.current = u;
        setReady(true);
        resize = new ResizeObserver(() => u.setSize({ width: Math.max(el.clientWidth, 240), height }));
        resize.observe(el);
      },
      (err: unknown) => live && setError(t('chart.libFailed', { error: String(err) })),
    );
    return () => {
      live = false;
      resize?.disconnect();
      plot.current?.destroy();
      plot.current = null;
      setReady(false);
    };
  }, [shape]);

  // Same shape, new points (a live run logged more): feed the existing chart.
  useEffect(() => {
    plot.current?.setData(data as uPlotType.AlignedData);
  });

  const points = props.series.reduce((n, s) => n + s.xs.length, 0);
  return (
    <figure class="chart" aria-label={props.title}>
      <figcaption>
        <span class="chart-title">{props.title}</span>
        <button
          type="button"
          class="small"
          aria-label={t('chart.saveOf', { title: props.title })}
          disabled={!ready}
          onClick={() => plot.current && savePng(plot.current.ctx.canvas, props.title)}>
          {t('chart.savePng')}
        </button>
      </figcaption>
      {error ? (
        <p role="alert">{error}</p>
      ) : (
        <div
          ref={host}
          class="chart-host"
          role="img"
          aria-label={
            props.summary ??
            t('chart.summary', {
              title: props.title,
              series: props.series.length,
              points,
              x: xLabel.toLowerCase(),
              log: props.logY ? t('chart.logSuffix') : '',
            })
          }
        />
      )}
    </figure>
  );
}

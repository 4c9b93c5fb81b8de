// A line (or scatter) chart of one or more series with different x values, drawn by uPlot. The chart
// is rebuilt when its shape changes (series, axis, scale, theme) and only fed new data otherwise, so a
// live run's chart updates without flicker. A figure with a caption names it; uPlot's legend shows
// values under the cursor; "Save as PNG" exports the canvas.
import { useEffect, useRef, useState } from 'preact/hooks';
import type uPlotType from 'uplot';
import { color, loadUplot, themeColors, useThemeVersion } from './uplot';
import { savePng } from './png';
import { X_AXIS_LABELS, type XAxis } from '../smoothing';
import { alignXY, paddedRange } from './xy-data';

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

export function LineChart(props: LineChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlotType | null>(null);
  const theme = useThemeVersion();
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const height = props.height ?? 240;
  const axisName = typeof props.xAxis === 'string' ? props.xAxis : 'custom';
  const xLabel = typeof props.xAxis === 'string' ? X_AXIS_LABELS[props.xAxis] : props.xAxis.label;
  const shape = [props.series.map((s) => s.label).join('\u0000'), axisName, xLabel, props.logY, props.points, theme, height].join('|');
  const data = alignXY(props.series);

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
            scales: { x: { time: axisName === 'time', ...(props.points ? { range: paddedRange } : {}) }, y: props.logY ? { distr: 3 } : {} },
            axes: [{ ...axis, label: xLabel }, { ...axis, ...(props.yLabel ? { label: props.yLabel } : {}), size: 60 }],
            cursor: { drag: { x: true, y: false } },
            series: [
              { label: xLabel },
              ...props.series.map((s, i) => ({
                label: s.label,
                stroke: color(i),
                width: props.points ? 0 : 1.5,
                spanGaps: true,
                // Lines hide their points, except a series so short (a metric logged once) that a line would not show.
                ...(props.points ? { paths: () => null, points: { show: true, size: 7, fill: color(i) } } : { points: { show: s.xs.length < 30, size: 5, fill: color(i) } }),
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
      (err: unknown) => live && setError(`Could not load the chart library: ${String(err)}`),
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
        <button type="button" class="small" aria-label={`Save ${props.title} as PNG`} disabled={!ready}
          onClick={() => plot.current && savePng(plot.current.ctx.canvas, props.title)}>Save as PNG</button>
      </figcaption>
      {error ? <p role="alert">{error}</p> : <div ref={host} class="chart-host" role="img"
        aria-label={props.summary ?? `${props.title}: ${props.series.length} series, ${points} points, by ${xLabel.toLowerCase()}${props.logY ? ', log scale' : ''}.`} />}
    </figure>
  );
}

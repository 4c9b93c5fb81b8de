// Line, scatter and bar charts (also what `mlflow.logFigure` logs) drawn by uPlot: ~50 KB, canvas,
// fast with 100k points. Loaded on the first chart, never by the shell.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartSpec } from '../../../notebook/protocol';
import { alignXY, paddedRange, type XYData } from '../../tracking/charts/xy-data';
import { categoryAxis } from '../../tracking/charts/category-axis';
import { t } from '../../i18n/t';

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];
/** uPlot's axis font, to measure labels with. */
const AXIS_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';
/** uPlot's default width of the y axis. */
const Y_AXIS = 50;

let measurer: CanvasRenderingContext2D | null | undefined;
function textWidth(text: string): number {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * 7;
  measurer.font = AXIS_FONT;
  return measurer.measureText(text).width;
}

type UPlot = typeof import('uplot');
let uplot: Promise<UPlot> | undefined;
const loadUplot = () =>
  (uplot ??= Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([m]) => m.default));

/** uPlot's data for a spec: categories (bars, string x) at positions 0…n-1 in the given order; numbers sorted by x. */
export function chartData(spec: ChartSpec): { data: XYData; labels: string[] | null } {
  const categorical = spec.x.values.some((v) => typeof v === 'string') || spec.type === 'bar';
  if (categorical)
    return {
      data: [
        spec.x.values.map((_, i) => i),
        ...spec.series.map((s) => Array.from(s.values, (v) => (Number.isFinite(v) ? v : null))),
      ],
      labels: spec.x.values.map(String),
    };
  const xs = spec.x.values as number[];
  return { data: alignXY(spec.series.map((s) => ({ xs, ys: s.values }))), labels: null };
}

/** A y range that includes 0 (exactly, at the bottom or top), padded and rounded on the other side. */
function fromZero(UPlot: UPlot, min: number, max: number): [number, number] {
  const lo = Math.min(0, min);
  const hi = Math.max(0, max);
  const [niceLo, niceHi] = UPlot.rangeNum(lo, hi, 0.1, true) as [number, number];
  return [lo === 0 ? 0 : niceLo, hi === 0 ? 0 : niceHi];
}

export function ChartOutput({ spec }: { spec: ChartSpec }) {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let plot: { destroy(): void; setSize(s: { width: number; height: number }): void } | undefined;
    let resize: ResizeObserver | undefined;
    let live = true;
    loadUplot().then(
      (UPlot) => {
        const el = host.current;
        if (!live || !el) return;
        const { data, labels } = chartData(spec);
        const xs = data[0];
        const fg = getComputedStyle(el).color;
        const bars =
          spec.type === 'bar' ? UPlot.paths.bars!({ size: [0.7 / Math.max(spec.series.length, 1), 60] }) : undefined;
        const axis = {
          stroke: fg,
          font: AXIS_FONT,
          grid: { stroke: 'rgba(128,128,128,0.2)' },
          ticks: { stroke: 'rgba(128,128,128,0.4)' },
        };
        const width = Math.max(el.clientWidth, 200);
        // Category labels level, turned or thinned so they never overlap (laid out for the plot's width,
        // which is the chart's less the y axis and whatever the first turned label needs left of it).
        const layout = (overhang: number) =>
          categoryAxis(labels!, (width - Y_AXIS - overhang) / Math.max(xs.length, 1), textWidth);
        const categories = labels ? layout(layout(0).overhangLeft) : null;
        plot = new UPlot(
          {
            title: spec.title,
            width,
            height: 260,
            ...(categories?.overhangLeft
              ? { padding: [null, null, null, categories.overhangLeft] as [null, null, null, number] }
              : {}),
            // Categories sit at 0…n-1 with half a slot either side; numbers get matplotlib's 5% margins.
            // Bars grow from 0, so the y axis includes it (their lengths compare only from there).
            scales: {
              x: { time: false, range: labels ? ([-0.5, xs.length - 0.5] as [number, number]) : paddedRange },
              y: spec.y?.log
                ? { distr: 3 }
                : spec.type === 'bar'
                  ? { range: (_u: unknown, min: number, max: number) => fromZero(UPlot, min, max) }
                  : {},
            },
            axes: [
              {
                ...axis,
                label: spec.x.label,
                ...(categories
                  ? {
                      values: (_u: unknown, ticks: number[]) => ticks.map((t) => categories.labels[t] ?? ''),
                      splits: () => xs,
                      rotate: categories.rotate,
                      size: categories.size,
                    }
                  : {}),
              },
              { ...axis, label: spec.y?.label },
            ],
            series: [
              { label: spec.x.label ?? 'x', ...(labels ? { value: (_u: unknown, v: number) => labels[v] ?? '' } : {}) },
              ...spec.series.map((s, i) => ({
                label: s.name,
                stroke: PALETTE[i % PALETTE.length],
                fill: spec.type === 'bar' ? PALETTE[i % PALETTE.length] + 'aa' : undefined,
                width: spec.type === 'scatter' ? 0 : 2,
                paths: spec.type === 'scatter' ? () => null : bars,
                points:
                  spec.type === 'scatter'
                    ? { show: true, size: 5, fill: PALETTE[i % PALETTE.length] }
                    : { show: false },
              })),
            ],
          },
          data,
          el,
        );
        resize = new ResizeObserver(() => plot?.setSize({ width: Math.max(el.clientWidth, 200), height: 260 }));
        resize.observe(el);
      },
      (err: unknown) => live && setError(String(err)),
    );
    return () => {
      live = false;
      resize?.disconnect();
      plot?.destroy();
    };
  }, [spec]);

  return (
    <figure class="chart-output">
      <div
        ref={host}
        class="chart-host"
        role="img"
        aria-label={t('out.chart', {
          type: spec.type,
          title: spec.title ? `: ${spec.title}` : '',
          series: spec.series.map((s) => s.name).join(', '),
        })}
      />
      {error && <p role="alert">{t('out.chartFailed', { error })}</p>}
    </figure>
  );
}

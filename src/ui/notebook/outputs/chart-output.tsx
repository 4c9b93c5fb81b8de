// Line, scatter and bar charts (also what `mlflow.logFigure` logs) drawn by uPlot: ~50 KB, canvas,
// fast with 100k points. Loaded on the first chart, never by the shell.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartSpec } from '../../../notebook/protocol';
import { alignXY, paddedRange, type XYData } from '../../tracking/charts/xy-data';

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];

type UPlot = typeof import('uplot');
let uplot: Promise<UPlot> | undefined;
const loadUplot = () => (uplot ??= Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([m]) => m.default));

/** uPlot's data for a spec: categories (bars, string x) at positions 0…n-1 in the given order; numbers sorted by x. */
export function chartData(spec: ChartSpec): { data: XYData; labels: string[] | null } {
  const categorical = spec.x.values.some((v) => typeof v === 'string') || spec.type === 'bar';
  if (categorical) return { data: [spec.x.values.map((_, i) => i), ...spec.series.map((s) => Array.from(s.values, (v) => (Number.isFinite(v) ? v : null)))], labels: spec.x.values.map(String) };
  const xs = spec.x.values as number[];
  return { data: alignXY(spec.series.map((s) => ({ xs, ys: s.values }))), labels: null };
}

export function ChartOutput({ spec }: { spec: ChartSpec }) {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let plot: { destroy(): void; setSize(s: { width: number; height: number }): void } | undefined;
    let resize: ResizeObserver | undefined;
    let live = true;
    loadUplot().then((UPlot) => {
      const el = host.current;
      if (!live || !el) return;
      const { data, labels } = chartData(spec);
      const xs = data[0];
      const fg = getComputedStyle(el).color;
      const bars = spec.type === 'bar' ? UPlot.paths.bars!({ size: [0.7 / Math.max(spec.series.length, 1), 60] }) : undefined;
      const axis = { stroke: fg, grid: { stroke: 'rgba(128,128,128,0.2)' }, ticks: { stroke: 'rgba(128,128,128,0.4)' } };
      plot = new UPlot(
        {
          title: spec.title,
          width: Math.max(el.clientWidth, 200),
          height: 260,
          // Categories sit at 0…n-1 with half a slot either side; numbers get matplotlib's 5% margins.
          scales: { x: { time: false, range: labels ? ([-0.5, xs.length - 0.5] as [number, number]) : paddedRange }, y: spec.y?.log ? { distr: 3 } : {} },
          axes: [
            { ...axis, label: spec.x.label, ...(labels ? { values: (_u: unknown, ticks: number[]) => ticks.map((t) => labels[t] ?? ''), splits: () => xs } : {}) },
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
              points: spec.type === 'scatter' ? { show: true, size: 5, fill: PALETTE[i % PALETTE.length] } : { show: false },
            })),
          ],
        },
        data,
        el,
      );
      resize = new ResizeObserver(() => plot?.setSize({ width: Math.max(el.clientWidth, 200), height: 260 }));
      resize.observe(el);
    }, (err: unknown) => live && setError(String(err)));
    return () => {
      live = false;
      resize?.disconnect();
      plot?.destroy();
    };
  }, [spec]);

  return (
    <figure class="chart-output">
      <div ref={host} class="chart-host" role="img" aria-label={`${spec.type} chart${spec.title ? `: ${spec.title}` : ''} of ${spec.series.map((s) => s.name).join(', ')}`} />
      {error && <p role="alert">Could not draw the chart: {error}</p>}
    </figure>
  );
}

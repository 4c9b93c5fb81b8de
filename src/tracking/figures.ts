// Figures logged by `mlflow.logFigure`: the chart spec the notebook's `display()` draws (line,
// scatter, bar), stored as JSON with its own content type so the run page knows to draw it.

export const CHART_CONTENT_TYPE = 'application/vnd.kiroku.chart+json';

export interface ChartFigure {
  type: 'line' | 'scatter' | 'bar';
  title?: string;
  x: { label?: string; values: Array<number | string> };
  series: Array<{ name: string; values: number[] }>;
  y?: { label?: string; log?: boolean };
}

export function isChartFigure(x: unknown): x is ChartFigure {
  const f = x as ChartFigure | null;
  return (
    !!f &&
    typeof f === 'object' &&
    ['line', 'scatter', 'bar'].includes(f.type) &&
    Array.isArray(f.series) &&
    !!f.x &&
    Array.isArray(f.x.values)
  );
}

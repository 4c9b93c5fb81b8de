// A metric's trend in a table cell: an SVG polyline of its history, downsampled to keep spikes.
// No chart library: 60 points of SVG cost nothing, and the table renders before uPlot would load.
import { formatNumber } from '../format';
import { downsample } from './smoothing';
import { t } from '../i18n/t';

export function Sparkline({
  values,
  label,
  width = 120,
  height = 24,
}: {
  values: readonly number[];
  label: string;
  width?: number;
  height?: number;
}) {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2)
    return (
      <span class="muted" role="img" aria-label={t('spark.one', { label })}>
        ·
      </span>
    );
  const ys = downsample(finite, 60);
  let lo = Infinity;
  let hi = -Infinity;
  for (const y of ys) {
    if (y < lo) lo = y;
    if (y > hi) hi = y;
  }
  const span = hi - lo || 1;
  const points = ys
    .map(
      (y, i) =>
        `${((i / (ys.length - 1)) * (width - 2) + 1).toFixed(1)},` +
        `${(height - 1 - ((y - lo) / span) * (height - 2)).toFixed(1)}`,
    )
    .join(' ');
  return (
    <svg
      class="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={t('spark.values', {
        label,
        count: finite.length,
        first: formatNumber(finite[0]!),
        last: formatNumber(finite[finite.length - 1]!),
        lo: formatNumber(lo),
        hi: formatNumber(hi),
      })}>
      <polyline points={points} fill="none" stroke="currentColor" stroke-width="1.5" />
    </svg>
  );
}

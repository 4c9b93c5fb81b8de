// Parallel coordinates: one vertical axis per param or metric, one line per run crossing each axis at
// its value, so it shows at a glance which knobs go with which outcomes. uPlot has no such chart, and
// it is ~100 lines of canvas: axes, lines, labels, redrawn on resize and theme change. The values are
// in the comparison table beside it, which is the accessible form of the same data.
import { useEffect, useRef } from 'preact/hooks';
import type { Run } from '../../../tracking/entities';
import { formatNumber } from '../../format';
import { dimensionValues, type Dimension } from '../compare-model';
import { savePng } from './png';
import { color, themeColors, useThemeVersion } from './uplot';
import { t, translate } from '../../i18n/t';
import { locale } from '../../i18n/locale';

const HEIGHT = 320;
const PAD = { top: 36, bottom: 28, left: 60, right: 60 };

export function ParallelCoordinates({
  runs,
  dimensions,
  title,
}: {
  runs: readonly Run[];
  dimensions: readonly Dimension[];
  title: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const theme = useThemeVersion();

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `theme` redraws in the CSS's new colours
  useEffect(() => {
    const el = canvas.current!;
    const draw = () => drawParallel(el, runs, dimensions);
    draw();
    const ro = new ResizeObserver(draw);
    ro.observe(el.parentElement!);
    return () => ro.disconnect();
  }, [runs, dimensions, theme]);

  return (
    <figure class="chart" aria-label={title}>
      <figcaption>
        <span class="chart-title">{title}</span>
        <button
          type="button"
          class="small"
          aria-label={t('chart.saveOf', { title })}
          onClick={() => canvas.current && savePng(canvas.current, title)}>
          {t('chart.savePng')}
        </button>
      </figcaption>
      <div class="chart-host">
        <canvas
          ref={canvas}
          role="img"
          aria-label={t('chart.parallel', { title, count: runs.length, dims: dimensions.map((d) => d.key).join(', ') })}
        />
      </div>
    </figure>
  );
}

function drawParallel(el: HTMLCanvasElement, runs: readonly Run[], dims: readonly Dimension[]): void {
  const width = Math.max(320, el.parentElement!.clientWidth);
  const dpr = devicePixelRatio || 1;
  el.width = Math.round(width * dpr);
  el.height = Math.round(HEIGHT * dpr);
  el.style.width = `${width}px`;
  el.style.height = `${HEIGHT}px`;
  const ctx = el.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, HEIGHT);
  const t = themeColors(el);
  ctx.font = '12px system-ui, sans-serif';
  if (dims.length < 2) {
    ctx.fillStyle = t.muted;
    ctx.fillText(translate(locale(), 'chart.twoDims'), PAD.left, HEIGHT / 2);
    return;
  }

  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const xAt = (i: number) => PAD.left + (i * (width - PAD.left - PAD.right)) / (dims.length - 1);
  const axes = dims.map((d) => {
    const { values, categories } = dimensionValues(runs, d);
    const finite = values.filter((v): v is number => v != null && Number.isFinite(v));
    let lo = categories ? 0 : Math.min(...finite);
    let hi = categories ? Math.max(categories.length - 1, 1) : Math.max(...finite);
    if (!finite.length) [lo, hi] = [0, 1];
    if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
    const yAt = (v: number) => PAD.top + plotH - ((v - lo) / (hi - lo)) * plotH;
    return { d, values, categories, lo, hi, yAt };
  });

  // Lines first, axes on top so their labels stay readable.
  ctx.lineWidth = 1.5;
  runs.forEach((_, r) => {
    ctx.strokeStyle = color(r);
    ctx.beginPath();
    let pen = false;
    axes.forEach((a, i) => {
      const v = a.values[r];
      if (v == null || !Number.isFinite(v)) {
        pen = false;
        return;
      }
      const x = xAt(i);
      const y = a.yAt(v);
      if (pen) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      pen = true;
    });
    ctx.stroke();
  });

  axes.forEach((a, i) => {
    const x = xAt(i);
    ctx.strokeStyle = t.fg;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x, PAD.top);
    ctx.lineTo(x, PAD.top + plotH);
    ctx.stroke();
    ctx.fillStyle = t.fg;
    ctx.textAlign = 'center';
    ctx.fillText(truncate(a.d.key, 18), x, PAD.top - 20);
    ctx.fillStyle = t.muted;
    ctx.fillText(a.d.kind === 'param' ? 'param' : 'metric', x, PAD.top - 6);
    if (a.categories) {
      ctx.textAlign = 'right';
      a.categories.forEach((c, k) => ctx.fillText(truncate(c, 12), x - 4, a.yAt(k) + 4));
    } else {
      // The range at the axis ends: max beside the top, min below the bottom.
      ctx.textAlign = 'left';
      ctx.fillText(formatNumber(a.hi), x + 4, PAD.top + 10);
      ctx.textAlign = 'center';
      ctx.fillText(formatNumber(a.lo), x, PAD.top + plotH + 16);
    }
  });
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

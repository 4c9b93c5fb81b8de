// Chart helpers for metric histories: TensorBoard's exponential moving average (debiased, so the
// first points are not dragged towards zero), the x values for each axis choice, and log-scale
// cleaning (a log axis cannot show values <= 0; they become gaps rather than errors).
import type { Metric } from '../../tracking/entities';
import { t } from '../i18n/t';

export type XAxis = 'step' | 'time' | 'relative';

const X_AXIS_KEYS = { step: 'chart.step', time: 'chart.time', relative: 'chart.relative' } as const;
/** Each x axis's name in the UI's language, read when shown. */
export const X_AXIS_LABELS: Record<XAxis, string> = {
  get step() {
    return t(X_AXIS_KEYS.step);
  },
  get time() {
    return t(X_AXIS_KEYS.time);
  },
  get relative() {
    return t(X_AXIS_KEYS.relative);
  },
};

/** `weight` in [0, 1): 0 is no smoothing. NaN and infinite values are passed through, not averaged. */
export function smooth(values: ArrayLike<number | null>, weight: number): Array<number | null> {
  const w = Math.min(Math.max(weight, 0), 0.999);
  const out: Array<number | null> = new Array(values.length);
  if (w === 0) {
    for (let i = 0; i < values.length; i++) out[i] = values[i] ?? null;
    return out;
  }
  let last = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v == null || !Number.isFinite(v)) {
      out[i] = v ?? null;
      continue;
    }
    last = last * w + (1 - w) * v;
    n++;
    out[i] = last / (1 - w ** n);
  }
  return out;
}

/** x values of a history for an axis: step; wall time in seconds (uPlot's time unit); seconds since `start`. */
export function xValues(history: readonly Metric[], axis: XAxis, start: number): number[] {
  if (axis === 'step') return history.map((m) => m.step);
  if (axis === 'time') return history.map((m) => m.timestamp / 1000);
  return history.map((m) => (m.timestamp - start) / 1000);
}

/** History points ordered by x (ties by their logged order), as a line chart needs. */
export function series(history: readonly Metric[], axis: XAxis, start: number): { xs: number[]; ys: number[] } {
  const xs = xValues(history, axis, start);
  const idx = xs.map((_, i) => i).sort((a, b) => xs[a]! - xs[b]! || a - b);
  return { xs: idx.map((i) => xs[i]!), ys: idx.map((i) => history[i]!.value) };
}

export function forLogScale(values: ReadonlyArray<number | null>): Array<number | null> {
  return values.map((v) => (v != null && v > 0 && Number.isFinite(v) ? v : null));
}

/** At most `max` points, keeping each bucket's min and max so spikes survive (for sparklines). */
export function downsample(values: readonly number[], max: number): number[] {
  if (values.length <= max) return values.slice();
  const out: number[] = [];
  const bucket = values.length / (max / 2);
  for (let b = 0; b < max / 2; b++) {
    const from = Math.floor(b * bucket);
    const to = Math.min(values.length, Math.floor((b + 1) * bucket));
    let lo = Infinity;
    let hi = -Infinity;
    let loAt = from;
    let hiAt = from;
    for (let i = from; i < to; i++) {
      const v = values[i]!;
      if (v < lo) [lo, loAt] = [v, i];
      if (v > hi) [hi, hiAt] = [v, i];
    }
    if (lo === Infinity) continue;
    if (loAt <= hiAt) out.push(lo, hi);
    else out.push(hi, lo);
  }
  return out;
}

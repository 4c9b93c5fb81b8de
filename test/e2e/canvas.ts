// Reading what a chart drew: uPlot paints on a canvas, so tests look at its pixels — the pixels of one
// series' color, grouped into connected blobs (a scatter's dots, a bar's outline, a line) — and at the
// plot area uPlot lays out (its `.u-over` box), in canvas pixels (the tests run at device pixel ratio 1).
import type { Locator } from 'playwright-core';

export interface Blob {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  size: number;
}

export interface Drawn {
  /** Connected groups (8-neighbourhood) of pixels of exactly the color asked for. */
  blobs: Blob[];
  /** The plot area inside the canvas (axes and labels are outside it). */
  plot: { left: number; top: number; width: number; height: number };
}

/**
 * The blobs of one color (`#rrggbb`) in the chart inside `chart` (an element holding a uPlot chart).
 * uPlot's canvas is transparent where nothing is drawn, so a pixel of that color is opaque, and the
 * anti-aliased edge of a thin line is that color, partly transparent: `minCoverage` (0–1) takes those.
 */
export async function drawnIn(chart: Locator, color: string, minCoverage = 1): Promise<Drawn> {
  const rgb = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
  // Colors of partly covered pixels are un-premultiplied from 8 bits: a little off.
  const tolerance = minCoverage < 1 ? 8 : 0;
  const { width, pixels, plot } = await chart.evaluate(
    (el, [r, g, b, tol, alpha]) => {
      const canvas = el.querySelector('canvas')!;
      const over = el.querySelector('.u-over')!.getBoundingClientRect();
      const box = canvas.getBoundingClientRect();
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      const found: number[] = [];
      for (let i = 0; i < data.length; i += 4) {
        if (
          Math.abs(data[i]! - r!) <= tol! &&
          Math.abs(data[i + 1]! - g!) <= tol! &&
          Math.abs(data[i + 2]! - b!) <= tol! &&
          data[i + 3]! >= alpha!
        )
          found.push(i / 4);
      }
      return {
        width: canvas.width,
        pixels: found,
        plot: { left: over.left - box.left, top: over.top - box.top, width: over.width, height: over.height },
      };
    },
    [...rgb, tolerance, Math.round(minCoverage * 255)],
  );
  return { blobs: blobsOf(pixels, width), plot };
}

function blobsOf(pixels: number[], width: number): Blob[] {
  const unseen = new Set(pixels);
  const blobs: Blob[] = [];
  for (const start of pixels) {
    if (!unseen.delete(start)) continue;
    const blob: Blob = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity, size: 0 };
    const stack = [start];
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % width;
      const y = (p - x) / width;
      blob.size++;
      blob.minX = Math.min(blob.minX, x);
      blob.maxX = Math.max(blob.maxX, x);
      blob.minY = Math.min(blob.minY, y);
      blob.maxY = Math.max(blob.maxY, y);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const q = (y + dy) * width + (x + dx);
          if (x + dx >= 0 && x + dx < width && unseen.delete(q)) stack.push(q);
        }
      }
    }
    blobs.push(blob);
  }
  return blobs.sort((a, b) => a.minX - b.minX);
}

/** A text a canvas drew: where, how aligned, under which transform (recorded by `recordCanvasText`). */
export interface DrawnText {
  canvas: string;
  text: string;
  x: number;
  y: number;
  align: CanvasTextAlign;
  baseline: CanvasTextBaseline;
  width: number;
  ascent: number;
  descent: number;
  /** The context's transform: a b c d e f. */
  m: [number, number, number, number, number, number];
}

/** An init script: every fillText of every canvas is recorded in `window.__texts` (canvases get a `data-texts` id). */
export const RECORD_CANVAS_TEXT = `
  window.__texts = [];
  let ids = 0;
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y, maxWidth) {
    const canvas = this.canvas;
    if (!canvas.dataset.texts) canvas.dataset.texts = String(++ids);
    const m = this.measureText(String(text));
    const t = this.getTransform();
    window.__texts.push({ canvas: canvas.dataset.texts, text: String(text), x, y,
      align: this.textAlign, baseline: this.textBaseline,
      width: m.width, ascent: m.fontBoundingBoxAscent, descent: m.fontBoundingBoxDescent,
      m: [t.a, t.b, t.c, t.d, t.e, t.f] });
    return fillText.call(this, text, x, y, maxWidth);
  };`;

/** The texts drawn on the (first) canvas inside `chart`. */
export async function textsIn(chart: Locator): Promise<DrawnText[]> {
  return chart.evaluate((el) => {
    const id = el.querySelector('canvas')!.dataset.texts;
    return ((window as unknown as { __texts: DrawnText[] }).__texts ?? []).filter((t) => t.canvas === id);
  });
}

/** The four corners of a drawn text's box, in canvas pixels. */
export function corners(t: DrawnText): Array<[number, number]> {
  const left =
    t.align === 'right' || t.align === 'end' ? t.x - t.width : t.align === 'center' ? t.x - t.width / 2 : t.x;
  const height = t.ascent + t.descent;
  const top =
    t.baseline === 'middle'
      ? t.y - height / 2
      : t.baseline === 'top' || t.baseline === 'hanging'
        ? t.y
        : t.baseline === 'bottom' || t.baseline === 'ideographic'
          ? t.y - height
          : t.y - t.ascent;
  const [a, b, c, d, e, f] = t.m;
  return (
    [
      [left, top],
      [left + t.width, top],
      [left + t.width, top + height],
      [left, top + height],
    ] as Array<[number, number]>
  ).map(([x, y]) => [a * x + c * y + e, b * x + d * y + f]);
}

/** Whether two convex polygons overlap (separating axis theorem); touching edges do not count. */
export function overlap(p: Array<[number, number]>, q: Array<[number, number]>): boolean {
  for (const poly of [p, q]) {
    for (let i = 0; i < poly.length; i++) {
      const [x1, y1] = poly[i]!;
      const [x2, y2] = poly[(i + 1) % poly.length]!;
      const [nx, ny] = [y2 - y1, x1 - x2];
      const project = (pts: Array<[number, number]>) => pts.map(([x, y]) => x * nx + y * ny);
      const [a, b] = [project(p), project(q)];
      if (Math.max(...a) <= Math.min(...b) + 1e-6 || Math.max(...b) <= Math.min(...a) + 1e-6) return false;
    }
  }
  return true;
}

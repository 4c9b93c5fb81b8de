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
  const { width, pixels, plot } = await chart.evaluate((el, [r, g, b, tol, alpha]) => {
    const canvas = el.querySelector('canvas')!;
    const over = el.querySelector('.u-over')!.getBoundingClientRect();
    const box = canvas.getBoundingClientRect();
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const found: number[] = [];
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i]! - r!) <= tol! && Math.abs(data[i + 1]! - g!) <= tol! && Math.abs(data[i + 2]! - b!) <= tol! && data[i + 3]! >= alpha!) found.push(i / 4);
    }
    return { width: canvas.width, pixels: found, plot: { left: over.left - box.left, top: over.top - box.top, width: over.width, height: over.height } };
  }, [...rgb, tolerance, Math.round(minCoverage * 255)]);
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

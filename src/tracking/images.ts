// What `mlflow.logImage` accepts, as MLflow's log_image does numpy arrays and PIL images: a Blob, a
// canvas, ImageData, or pixel arrays — height × width (grayscale) or height × width × 3|4 (RGB/RGBA),
// values 0–255 integers or 0–1 floats — turned into PNG.
import { TrackingError } from '../lib/errors';
import { encodePng } from '../lib/png';

export type ImageInput =
  | Blob
  | { width: number; height: number; data: Uint8ClampedArray | Uint8Array }
  | { convertToBlob(options?: { type?: string }): Promise<Blob> }
  | { toBlob(cb: (b: Blob | null) => void, type?: string): void }
  | number[][]
  | number[][][];

function isPixelArray(x: unknown): x is number[][] | number[][][] {
  return Array.isArray(x) && Array.isArray(x[0]);
}

function pixelsToRgba(pixels: number[][] | number[][][]): { width: number; height: number; rgba: Uint8ClampedArray } {
  const height = pixels.length;
  const width = pixels[0]!.length;
  const first = pixels[0]![0];
  const channels = Array.isArray(first) ? first.length : 1;
  if (![1, 3, 4].includes(channels))
    throw new TrackingError(`Images need 1, 3 or 4 channels per pixel; got ${channels}.`);
  let max = 0;
  for (const row of pixels) for (const px of row) for (const v of Array.isArray(px) ? px : [px]) if (v > max) max = v;
  // MLflow's rule: floats in [0, 1] are scaled to 0–255.
  const scale = max <= 1 ? 255 : 1;
  const rgba = new Uint8ClampedArray(width * height * 4);
  pixels.forEach((row, y) => {
    if (row.length !== width) throw new TrackingError(`Image row ${y} has ${row.length} pixels; row 0 has ${width}.`);
    row.forEach((px, x) => {
      const p = Array.isArray(px) ? px : [px, px, px];
      const o = (y * width + x) * 4;
      // Truncating, as numpy's `(image * 255).astype(np.uint8)` in MLflow does.
      rgba[o] = Math.trunc(p[0]! * scale);
      rgba[o + 1] = Math.trunc(p[1]! * scale);
      rgba[o + 2] = Math.trunc(p[2]! * scale);
      rgba[o + 3] = p.length === 4 ? Math.trunc(p[3]! * scale) : 255;
    });
  });
  return { width, height, rgba };
}

export async function imageToBlob(image: ImageInput): Promise<Blob> {
  if (image instanceof Blob) return image;
  if (isPixelArray(image)) {
    const { width, height, rgba } = pixelsToRgba(image);
    return new Blob([(await encodePng(width, height, rgba)) as BlobPart], { type: 'image/png' });
  }
  const x = image as Record<string, unknown>;
  if (typeof x.convertToBlob === 'function')
    return (image as { convertToBlob(o?: object): Promise<Blob> }).convertToBlob({ type: 'image/png' });
  if (typeof x.toBlob === 'function') {
    return new Promise((resolve, reject) =>
      (image as { toBlob(cb: (b: Blob | null) => void, t?: string): void }).toBlob(
        (b) => (b ? resolve(b) : reject(new TrackingError('The canvas produced no image.'))),
        'image/png',
      ),
    );
  }
  if (typeof x.width === 'number' && typeof x.height === 'number' && x.data instanceof Uint8ClampedArray) {
    const img = image as { width: number; height: number; data: Uint8ClampedArray };
    return new Blob([(await encodePng(img.width, img.height, img.data)) as BlobPart], { type: 'image/png' });
  }
  throw new TrackingError(
    'logImage takes a Blob, a canvas, ImageData, or a height × width (× channels) array of pixels.',
  );
}

// What an artifact's image preview points its <img> at. Raster images (known by their first bytes, not
// their name) get a blob: URL typed as what they are. Anything else is read as SVG, cleaned of script
// (sanitizeSvg) and shown through a data: URL: opened in a new tab — "Open image in new tab" — a
// same-origin blob: URL of an SVG would be a document of this app's origin, its script able to read
// every run in IndexedDB; a data: URL document has an opaque origin and no script left to run.
import { sanitizeSvg } from '../sanitize';

/** SVG files larger than this are not drawn (a data: URL holds the whole file). */
const MAX_SVG_BYTES = 8 * 1024 * 1024;

const RASTER: Array<[string, (b: Uint8Array) => boolean]> = [
  ['image/png', (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/gif', (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38],
  ['image/webp', (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP'],
  ['image/bmp', (b) => b[0] === 0x42 && b[1] === 0x4d],
  ['image/avif', (b) => ascii(b, 4, 8) === 'ftyp' && /^avi[fs]$/.test(ascii(b, 8, 12))],
];

function ascii(b: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...b.subarray(from, to));
}

export interface ImageUrl {
  url: string;
  /** Frees a blob: URL. */
  release: () => void;
}

/** The URL to show the image from, or null when it is neither a raster image nor an SVG that can be drawn. */
export async function imagePreviewUrl(blob: Blob): Promise<ImageUrl | null> {
  const head = new Uint8Array(await blob.slice(0, 16).arrayBuffer());
  const raster = RASTER.find(([, test]) => test(head));
  if (raster) {
    const url = URL.createObjectURL(new Blob([blob], { type: raster[0] }));
    return { url, release: () => URL.revokeObjectURL(url) };
  }
  if (blob.size > MAX_SVG_BYTES) return null;
  const text = await blob.text();
  if (!/<svg[\s>]/i.test(text)) return null;
  const clean = sanitizeSvg(text);
  if (!clean) return null;
  return { url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(clean)}`, release: () => {} };
}

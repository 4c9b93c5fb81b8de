// A value → the MIME bundle the page renders (the richest type wins there). What `display(x)` and a
// cell's last expression produce:
//
//   Table, danfojs DataFrame / Series → application/vnd.kiroku.table+json (head rows, shape, dtypes
//                                 from all the values, as the Table types them)
//   arrays of records, describe(df) → the same, as tables (records-table.ts)
//   {type:'line'|'scatter'|'bar', x, series} → application/vnd.kiroku.chart+json
//   ui.slider(…) and the other live inputs → application/vnd.kiroku.control+json
//   html(s) / {html: s}         → text/html (the page sanitizes it); markdown(s) → text/markdown
//   ImageData, ImageBitmap, OffscreenCanvas, image Blob → image/png (base64)
//   arrays and plain objects    → application/json (when small enough) + text/plain
//   everything else             → text/plain, as util.inspect prints it
//
// Every output is capped: a bundle never carries more than about a megabyte to the page.
import type { ChartSpec, MimeBundle, TableData } from '../protocol';
import { Table } from '../../data/table';
import { tableFromDanfo } from '../../data/danfo';
import { inspect, isFrame, isTensor } from './inspect';
import { HTML_MARK as HTML, MARKDOWN_MARK as MARKDOWN } from './markup';
import { recordsTable } from './records-table';
import { isControl } from './controls';

export const TABLE_ROWS = 20;
const JSON_MAX_NODES = 5_000;
const TEXT_MAX_CHARS = 200_000;

export interface DisplayOptions {
  /** The bundle is given as is (`display({'text/plain': 'x'}, {raw: true})`, as Jupyter's raw=True). */
  raw?: boolean;
}

/**
 * The MIME bundle for a value; undefined for `undefined` (a cell ending in a statement shows nothing).
 * Synchronous except for images (encoding a PNG is asynchronous), so `display(a); console.log(b)`
 * keeps its order.
 */
export function mimeBundle(
  value: unknown,
  options: DisplayOptions = {},
): MimeBundle | undefined | Promise<MimeBundle | undefined> {
  if (value === undefined) return undefined;
  if (options.raw) return value as MimeBundle;
  if (value === null || typeof value !== 'object') return { 'text/plain': capText(inspect(value)) };
  if (isFrame(value) || value instanceof Table)
    return { 'application/vnd.kiroku.table+json': tableData(value), 'text/plain': capText(inspect(value)) };
  if (isTensor(value)) return { 'text/plain': capText(inspect(value)) };
  if (isControl(value)) return { 'application/vnd.kiroku.control+json': value.toSpec(), 'text/plain': String(value) };
  const wrapper = markupWrapper(value);
  if (wrapper) return wrapper;
  if (isChartSpec(value))
    return {
      'application/vnd.kiroku.chart+json': value,
      'text/plain': `[${value.type} chart${value.title ? `: ${value.title}` : ''}]`,
    };
  if (isImage(value)) {
    return imagePng(value).then((png) =>
      png
        ? { 'image/png': png, 'text/plain': `[image ${describeImage(value)}]` }
        : { 'text/plain': capText(inspect(value)) },
    );
  }
  const plain = capText(inspect(value));
  const records = recordsTable(value, TABLE_ROWS);
  if (records) return { 'application/vnd.kiroku.table+json': records, 'text/plain': plain };
  if (Array.isArray(value) || isPlainObject(value)) {
    const json = jsonSafe(value);
    if (json !== TOO_BIG) return { 'application/json': json, 'text/plain': plain };
  }
  return { 'text/plain': plain };
}

function capText(s: string): string {
  return s.length > TEXT_MAX_CHARS
    ? `${s.slice(0, TEXT_MAX_CHARS)}\n… (${s.length - TEXT_MAX_CHARS} more characters)`
    : s;
}

function markupWrapper(v: object): MimeBundle | undefined {
  const o = v as Record<string | symbol, unknown>;
  const keys = Object.keys(o);
  if (typeof o.html === 'string' && (o[HTML] || (keys.length === 1 && keys[0] === 'html')))
    return { 'text/html': o.html, 'text/plain': '[HTML]' };
  if (typeof o.markdown === 'string' && (o[MARKDOWN] || (keys.length === 1 && keys[0] === 'markdown')))
    return { 'text/markdown': o.markdown, 'text/plain': o.markdown };
  return undefined;
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function isChartSpec(v: unknown): v is ChartSpec {
  const c = v as Partial<ChartSpec> | null;
  return (
    !!c &&
    (c.type === 'line' || c.type === 'scatter' || c.type === 'bar') &&
    !!c.x &&
    Array.isArray(c.x.values) &&
    Array.isArray(c.series) &&
    c.series.every((s) => s && Array.isArray(s.values))
  );
}

// ── tables ───────────────────────────────────────────────────────────────────

interface DanfoLike {
  $isSeries: boolean;
  index: Array<string | number>;
}

/** The head rows of a Table or a danfojs DataFrame / Series, its shape, and its column types (from all the values). */
export function tableData(frame: unknown, rows = TABLE_ROWS): TableData {
  const danfo = frame instanceof Table ? null : (frame as DanfoLike);
  const t = frame instanceof Table ? frame : tableFromDanfo(frame);
  const head = t.head(rows);
  const kind = danfo?.$isSeries ? 'Series' : 'DataFrame';
  return {
    kind,
    columns: [...t.columns],
    index: danfo
      ? danfo.index.slice(0, head.rows).map((i) => (typeof i === 'number' ? i : String(i)))
      : Array.from({ length: head.rows }, (_, i) => i),
    rows: head.values.map((row) => row.map(cell)),
    shape: [t.rows, kind === 'Series' ? 1 : t.columns.length],
    dtypes: [...t.dtypes],
  };
}

function cell(v: unknown): unknown {
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  if (v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return v.toISOString();
  const s = typeof v === 'string' ? v : inspect(v, { depth: 0 });
  return s.length > 1000 ? `${s.slice(0, 1000)}…` : s;
}

// ── JSON ─────────────────────────────────────────────────────────────────────

const TOO_BIG = Symbol('too big');

/** A structured-cloneable, JSON-valid copy, or TOO_BIG when the value has too many nodes to send. */
function jsonSafe(value: unknown): unknown {
  let nodes = 0;
  const seen = new Set<object>();
  const walk = (v: unknown): unknown => {
    if (++nodes > JSON_MAX_NODES) throw TOO_BIG;
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v === 'bigint') return v.toString();
    if (typeof v !== 'object') return null; // functions, symbols, undefined: JSON.stringify drops them too
    if (seen.has(v)) return '[Circular]';
    if (v instanceof Date) return v.toISOString();
    seen.add(v);
    try {
      if (Array.isArray(v) || ArrayBuffer.isView(v)) return Array.from(v as ArrayLike<unknown>, walk);
      if (!isPlainObject(v)) return inspect(v, { depth: 0 });
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (x !== undefined && typeof x !== 'function') out[k] = walk(x);
      return out;
    } finally {
      seen.delete(v);
    }
  };
  try {
    return walk(value);
  } catch (e) {
    if (e === TOO_BIG) return TOO_BIG;
    throw e;
  }
}

// ── images ───────────────────────────────────────────────────────────────────

function describeImage(v: object): string {
  const d = v as { width?: number; height?: number; type?: string; size?: number };
  return d.width !== undefined ? `${d.width}×${d.height}` : `${d.type ?? ''} ${d.size ?? ''} bytes`.trim();
}

function isImage(v: object): boolean {
  return (
    (typeof Blob !== 'undefined' && v instanceof Blob && v.type.startsWith('image/')) ||
    (typeof ImageData !== 'undefined' && v instanceof ImageData) ||
    (typeof ImageBitmap !== 'undefined' && v instanceof ImageBitmap) ||
    (typeof OffscreenCanvas !== 'undefined' && v instanceof OffscreenCanvas)
  );
}

async function imagePng(v: object): Promise<string | undefined> {
  if (typeof Blob !== 'undefined' && v instanceof Blob) {
    if (v.type === 'image/png') return base64(await v.arrayBuffer());
    return typeof createImageBitmap === 'function' ? canvasPng(await createImageBitmap(v)) : undefined;
  }
  if (typeof OffscreenCanvas !== 'undefined' && v instanceof OffscreenCanvas) {
    return base64(await (await v.convertToBlob({ type: 'image/png' })).arrayBuffer());
  }
  return canvasPng(v as ImageData | ImageBitmap);
}

async function canvasPng(image: ImageData | ImageBitmap): Promise<string | undefined> {
  if (typeof OffscreenCanvas === 'undefined') return undefined;
  const canvas = new OffscreenCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  if (image instanceof ImageBitmap) ctx.drawImage(image, 0, 0);
  else ctx.putImageData(image, 0, 0);
  return base64(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
}

export function base64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

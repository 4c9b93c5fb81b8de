// Reading a zip without unpacking it: the central directory (at the end of the file) lists every entry
// with its sizes and where it starts, so an importer reads only the entries it wants, one at a time,
// straight from the File — an archive of any size never sits in memory, and entries nothing names are
// never inflated. Each entry inflates (fflate) in small steps and stops with an error as soon as it
// yields more bytes than the directory declared: a lying header or a decompression bomb costs at most
// one step of output (16 KB of input inflates to at most ~17 MB).
import { Inflate } from 'fflate';
import { WorkspaceError } from './errors';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** The uncompressed size the central directory declares. */
  size: number;
  /** Offset of the local file header. */
  offset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const READ_BYTES = 1 << 20;
const INFLATE_STEP = 1 << 14;

const notZip = (why: string) =>
  new WorkspaceError(`This file is not a zip archive (${why}); choose a file made by "Export workspace".`);

async function bytesAt(file: Blob, start: number, end: number): Promise<DataView> {
  return new DataView(await file.slice(start, end).arrayBuffer());
}

/** The central directory: every entry by name. */
export async function readZipDirectory(file: Blob): Promise<Map<string, ZipEntry>> {
  const tailStart = Math.max(0, file.size - 65_557);
  const tail = await bytesAt(file, tailStart, file.size);
  let eocd = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--)
    if (tail.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw notZip('no end of central directory');
  const count = tail.getUint16(eocd + 10, true);
  const dirSize = tail.getUint32(eocd + 12, true);
  const dirOffset = tail.getUint32(eocd + 16, true);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff)
    throw new WorkspaceError('This archive is a ZIP64 file, which Kiroku does not read; export it again with Kiroku.');
  if (dirOffset + dirSize > file.size) throw notZip('its central directory lies past the end of the file');
  const dir = await bytesAt(file, dirOffset, dirOffset + dirSize);
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > dir.byteLength || dir.getUint32(at, true) !== CENTRAL) throw notZip('a damaged central directory');
    const method = dir.getUint16(at + 10, true);
    const compressedSize = dir.getUint32(at + 20, true);
    const size = dir.getUint32(at + 24, true);
    const nameLen = dir.getUint16(at + 28, true);
    const extraLen = dir.getUint16(at + 30, true);
    const commentLen = dir.getUint16(at + 32, true);
    const offset = dir.getUint32(at + 42, true);
    const name = decoder.decode(new Uint8Array(dir.buffer, dir.byteOffset + at + 46, nameLen));
    entries.set(name, { name, method, compressedSize, size, offset });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * An entry's bytes in pieces, inflated a step at a time. Errors when the entry yields more than
 * `limit` bytes (default: its declared size), or other than its declared size.
 */
export async function* entryPieces(file: Blob, entry: ZipEntry, limit = entry.size): AsyncIterable<Uint8Array> {
  if (entry.size > limit) throw tooLarge(entry, limit);
  const local = await bytesAt(file, entry.offset, entry.offset + 30);
  if (local.byteLength < 30 || local.getUint32(0, true) !== LOCAL)
    throw notZip(`entry ${entry.name} has no local header`);
  const start = entry.offset + 30 + local.getUint16(26, true) + local.getUint16(28, true);
  const end = start + entry.compressedSize;
  if (end > file.size) throw notZip(`entry ${entry.name} runs past the end of the file`);
  if (entry.method !== 0 && entry.method !== 8)
    throw new WorkspaceError(
      `Entry ${entry.name} uses compression method ${entry.method}; Kiroku reads stored and deflated entries.`,
    );
  let produced = 0;
  let out: Uint8Array[] = [];
  const inflate =
    entry.method === 8
      ? new Inflate((chunk) => {
          produced += chunk.length;
          if (produced > entry.size) throw tooLarge(entry, entry.size);
          out.push(chunk);
        })
      : null;
  for (let at = start; at < end; at += READ_BYTES) {
    const slice = new Uint8Array(await file.slice(at, Math.min(end, at + READ_BYTES)).arrayBuffer());
    if (!inflate) {
      produced += slice.length;
      yield slice;
      continue;
    }
    for (let i = 0; i < slice.length; i += INFLATE_STEP) {
      const last = at + i + INFLATE_STEP >= end;
      try {
        inflate.push(slice.subarray(i, i + INFLATE_STEP), last);
      } catch (err) {
        if (err instanceof WorkspaceError) throw err;
        throw notZip(`entry ${entry.name} does not inflate: ${(err as Error).message}`);
      }
      if (out.length) {
        const ready = out;
        out = [];
        for (const piece of ready) yield piece;
      }
    }
  }
  if (entry.compressedSize === 0 && inflate) inflate.push(new Uint8Array(0), true);
  if (produced !== entry.size)
    throw notZip(`entry ${entry.name} holds ${produced} bytes, not the ${entry.size} its header says`);
}

function tooLarge(entry: ZipEntry, limit: number): WorkspaceError {
  return new WorkspaceError(`Entry ${entry.name} expands to more than ${limit} bytes; it was not read.`, 'TOO_LARGE');
}

/** A whole (small) entry in memory, at most `limit` bytes. */
export async function entryBytes(file: Blob, entry: ZipEntry, limit: number): Promise<Uint8Array> {
  const out = new Uint8Array(Math.min(entry.size, limit));
  let at = 0;
  for await (const piece of entryPieces(file, entry, limit)) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

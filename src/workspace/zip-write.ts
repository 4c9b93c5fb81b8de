// Writing a zip a file at a time (fflate's streaming Zip): each piece of output goes straight into a
// Blob part, which the browser keeps in its blob storage, so an archive of many large artifacts is
// never held in the page's heap. Entries are added one after the other, each finished before the next.
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export class ZipBlobWriter {
  private readonly parts: Blob[] = [];
  private readonly zip: Zip;
  private failure: Error | null = null;
  /** Every entry written and its size: the manifest names them. */
  readonly sizes: Record<string, number> = {};

  constructor() {
    this.zip = new Zip((err, chunk) => {
      if (err) this.failure = err;
      else this.parts.push(new Blob([chunk as BlobPart]));
    });
  }

  /** Adds an entry from pieces (or bytes); `compress: false` stores it as it is (already compressed data). */
  async add(name: string, data: Uint8Array | AsyncIterable<Uint8Array>, compress = true): Promise<void> {
    const entry = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    this.zip.add(entry);
    let size = 0;
    if (data instanceof Uint8Array) {
      size = data.length;
      entry.push(data, true);
    } else {
      for await (const piece of data) {
        size += piece.length;
        entry.push(piece, false);
        if (this.failure) throw this.failure;
      }
      entry.push(new Uint8Array(0), true);
    }
    if (this.failure) throw this.failure;
    this.sizes[name] = size;
  }

  finish(): Blob {
    this.zip.end();
    if (this.failure) throw this.failure;
    return new Blob(this.parts, { type: 'application/zip' });
  }
}

/** A Blob's bytes in pieces of at most `size` bytes, read one at a time. */
export async function* blobPieces(blob: Blob, size = 1 << 20): AsyncIterable<Uint8Array> {
  for (let at = 0; at < blob.size; at += size)
    yield new Uint8Array(await blob.slice(at, Math.min(blob.size, at + size)).arrayBuffer());
}

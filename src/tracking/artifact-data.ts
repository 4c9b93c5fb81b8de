// Artifact data as the client takes it (Blob, File, bytes or text) → what stores keep: a clean
// relative path, a content type and an ArrayBuffer.
import { TrackingError } from '../lib/errors';
import { contentTypeFor } from '../lib/content-type';
import type { StoredArtifact } from './store';

export type ArtifactData = Blob | ArrayBuffer | ArrayBufferView | string;

export function normalizeArtifactPath(path: string): string {
  const clean = path.replace(/\\/g, '/').replace(/\/+/g, '/').replace(/^\.?\//, '').replace(/\/$/, '');
  if (!clean || clean.split('/').some((p) => p === '..' || p === '.')) {
    throw new TrackingError(`Invalid artifact path: '${path}'. Paths are relative, without '.' or '..' parts.`);
  }
  return clean;
}

export async function toArrayBuffer(data: ArtifactData): Promise<ArrayBuffer> {
  if (typeof data === 'string') return new TextEncoder().encode(data).buffer as ArrayBuffer;
  if (data instanceof Blob) return data.arrayBuffer();
  if (data instanceof ArrayBuffer) return data.slice(0);
  if (ArrayBuffer.isView(data)) return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  throw new TrackingError(`Cannot log an artifact of type ${typeof data}; give a Blob, File, ArrayBuffer or string.`);
}

/** A file for a store: its path normalized, its content type given or guessed, its bytes read. */
export async function storedArtifact(path: string, data: ArtifactData, contentType?: string): Promise<StoredArtifact> {
  const clean = normalizeArtifactPath(path);
  return { path: clean, contentType: contentType ?? (data instanceof Blob && data.type ? data.type : contentTypeFor(clean)), bytes: await toArrayBuffer(data) };
}

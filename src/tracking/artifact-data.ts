// Artifact data as the client takes it (Blob, File, bytes or text) → what stores keep: a clean
// relative path, a content type and an ArrayBuffer.
import { TrackingError } from '../lib/errors';
import { contentTypeFor } from '../lib/content-type';
import type { StoredArtifact } from './store';
import { normalizeArtifactPath, validateArtifactPath } from './artifact-path';
import { CHUNK_BYTES } from '../storage/chunks';

export { normalizeArtifactPath };

export type ArtifactData = Blob | ArrayBuffer | ArrayBufferView | string;

export async function toArrayBuffer(data: ArtifactData): Promise<ArrayBuffer> {
  if (typeof data === 'string') return new TextEncoder().encode(data).buffer as ArrayBuffer;
  if (data instanceof Blob) return data.arrayBuffer();
  if (data instanceof ArrayBuffer) return data.slice(0);
  if (ArrayBuffer.isView(data))
    return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  throw new TrackingError(`Cannot log an artifact of type ${typeof data}; give a Blob, File, ArrayBuffer or string.`);
}

/**
 * A file for a store: its path cleaned — and held to MLflow's rules when newly logged (`copied` false; a
 * file copied from an archive keeps the path it has there) — its content type given or guessed, its bytes
 * read, except a Blob larger than a chunk, which the store reads a chunk at a time (a 1 GB model is never read whole).
 */
export async function storedArtifact(
  path: string,
  data: ArtifactData,
  contentType?: string,
  copied = false,
): Promise<StoredArtifact> {
  const clean = copied ? normalizeArtifactPath(path) : validateArtifactPath(path);
  const bytes = data instanceof Blob && data.size > CHUNK_BYTES ? data : await toArrayBuffer(data);
  return {
    path: clean,
    contentType: contentType ?? (data instanceof Blob && data.type ? data.type : contentTypeFor(clean)),
    bytes,
  };
}

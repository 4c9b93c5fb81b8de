// A workspace archive as import reads it, straight from the File: its manifest checked first (a zip
// that is not a Kiroku workspace, or one from a newer app, is refused before anything is read), then
// only the entries the manifest names (format 1 archives, whose manifest names none: the entries their
// layout names), each within its declared size and a limit per kind, so a decompression bomb is
// refused before memory grows.
import { FORMAT, FORMAT_VERSION, MANIFEST, decodeJSON, type Manifest } from './archive';
import { WorkspaceError } from './errors';
import { entryBytes, entryPieces, readZipDirectory, type ZipEntry } from './zip-read';

/** Largest manifest, JSON entry and metric block read (bytes). */
export const LIMITS = { manifest: 4 << 20, json: 64 << 20, series: 256 << 20 };
/** Entries of a format 1 archive (its manifest lists no entries). */
const KNOWN_V1 = new RegExp(
  '^(' +
    [
      String.raw`notebooks/[^/]+\.json`,
      String.raw`files/index\.json`,
      String.raw`files/data/\d+`,
      String.raw`tracking/experiments\.json`,
      String.raw`tracking/runs/[^/]+/(run\.json|metrics/\d+\.f64|artifacts/.+)`,
      String.raw`registry/(models|versions)\.json`,
    ].join('|') +
    ')$',
);

/** The archive: its directory, and the entries its manifest names (format 2) or its layout names (format 1). */
export class Archive {
  constructor(
    readonly file: Blob,
    readonly dir: Map<string, ZipEntry>,
    readonly manifest: Manifest,
  ) {}

  named(path: string): ZipEntry | undefined {
    const e = this.dir.get(path);
    if (!e) return undefined;
    const sizes = this.manifest.entries;
    if (sizes) return sizes[path] === e.size ? e : undefined;
    return KNOWN_V1.test(path) ? e : undefined;
  }

  paths(pattern: RegExp): string[] {
    return [...this.dir.keys()].filter((p) => pattern.test(p) && this.named(p));
  }

  async json<T>(path: string, fallback?: T): Promise<T> {
    const e = this.named(path);
    if (!e) {
      if (fallback !== undefined) return fallback;
      throw new WorkspaceError(`The archive has no ${path}.`);
    }
    return decodeJSON<T>(await entryBytes(this.file, e, LIMITS.json));
  }

  /** An entry's bytes, refused past `limit` (see LIMITS). */
  bytes(entry: ZipEntry, limit: number): Promise<Uint8Array> {
    return entryBytes(this.file, entry, limit);
  }

  pieces(path: string): AsyncIterable<Uint8Array> {
    const e = this.named(path);
    if (!e) throw new WorkspaceError(`The archive lists ${path} but holds no such entry.`);
    return entryPieces(this.file, e);
  }
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The archive in `file`, once its manifest says it is a workspace this app can read. */
export async function openArchive(file: Blob): Promise<Archive> {
  const dir = await readZipDirectory(file);
  const manifestEntry = dir.get(MANIFEST);
  let manifest: Manifest | undefined;
  try {
    manifest = manifestEntry && decodeJSON<Manifest>(await entryBytes(file, manifestEntry, LIMITS.manifest));
  } catch (err) {
    throw new WorkspaceError(
      `This zip's ${MANIFEST} cannot be read (${message(err)}). Choose a file made by "Export workspace".`,
    );
  }
  if (!manifest || manifest.format !== FORMAT) {
    throw new WorkspaceError(
      `This zip is not a Kiroku workspace: it has no ${MANIFEST}. Choose a file made by "Export workspace".`,
    );
  }
  if (typeof manifest.version !== 'number' || manifest.version > FORMAT_VERSION) {
    throw new WorkspaceError(
      `This workspace was exported by a newer Kiroku (${String(manifest.app)}, ` +
        `format ${String(manifest.version)}); this one reads format ${FORMAT_VERSION}. Update the app and import ` +
        `again.`,
    );
  }
  if (manifest.entries !== undefined && (typeof manifest.entries !== 'object' || manifest.entries === null))
    throw new WorkspaceError(`This workspace's ${MANIFEST} is damaged (its entry list is not an object).`);
  return new Archive(file, dir, manifest);
}

// A folder of an unzipped archive: the files below one of its directories.
import { strFromU8 } from 'fflate';

/** The files below `dir`, with paths relative to it. */
export function under(files: Map<string, Uint8Array>, dir: string): Array<[string, Uint8Array]> {
  return [...files].filter(([p]) => p.startsWith(`${dir}/`)).map(([p, b]) => [p.slice(dir.length + 1), b]);
}

/**
 * The text files below `dir` (`tags/`, `params/`), keyed by their path, as FileStore._get_resource_files walks them.
 */
export function textFilesUnder(files: Map<string, Uint8Array>, dir: string): Record<string, string> {
  return Object.fromEntries(under(files, dir).map(([k, v]) => [k, strFromU8(v)]));
}

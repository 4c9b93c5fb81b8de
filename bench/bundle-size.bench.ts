// The size users download: builds the app into a temp folder and reports each chunk's bytes and gzip
// bytes (level 9, as static hosts serve it), then the first-load JavaScript — the entry and its static
// imports, what the shell needs before anything lazy — against the 250 KB gzip budget, and what the
// notebook route adds (its page chunk and static imports, Monaco included). Reported, never judged.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { report } from './report';
import { buildApp } from './build-temp';

type ManifestChunk = {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
};

const outDir = await buildApp();
const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<
  string,
  ManifestChunk
>;
const gzipCache = new Map<string, { bytes: number; gzipBytes: number }>();
function size(file: string): { bytes: number; gzipBytes: number } {
  let s = gzipCache.get(file);
  if (!s) {
    const buf = readFileSync(join(outDir, file));
    gzipCache.set(file, (s = { bytes: buf.byteLength, gzipBytes: gzipSync(buf, { level: 9 }).byteLength }));
  }
  return s;
}

// Every shipped file (workers included; source maps are not built here).
const files = readdirSync(join(outDir, 'assets'))
  .map((f) => `assets/${f}`)
  .filter((f) => /\.(js|css|wasm)$/.test(f));
let totalBytes = 0,
  totalGzip = 0;
for (const f of files.sort((a, b) => statSync(join(outDir, b)).size - statSync(join(outDir, a)).size)) {
  const s = size(f);
  totalBytes += s.bytes;
  totalGzip += s.gzipBytes;
  report({
    bench: 'bundle-size',
    figure: 'chunk',
    file: f.replace(/^assets\//, ''),
    bytes: s.bytes,
    gzipBytes: s.gzipBytes,
  });
}
report({ bench: 'bundle-size', figure: 'total', files: files.length, bytes: totalBytes, gzipBytes: totalGzip });

/** A chunk and its static imports (what loads before its code runs). */
function closure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const i of manifest[key]?.imports ?? []) closure(i, seen);
  return seen;
}
function filesOf(keys: Set<string>): string[] {
  return [...keys].flatMap((k) => [manifest[k]!.file, ...(manifest[k]!.css ?? [])]);
}
function sum(list: string[], ext: RegExp) {
  const picked = list.filter((f) => ext.test(f));
  return {
    files: picked.length,
    bytes: picked.reduce((s, f) => s + size(f).bytes, 0),
    gzipBytes: picked.reduce((s, f) => s + size(f).gzipBytes, 0),
  };
}

const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
if (!entry) throw new Error('the build has no entry chunk in its manifest');
const first = closure(entry);
report({ bench: 'bundle-size', figure: 'first-load-js', ...sum(filesOf(first), /\.js$/), budgetGzipBytes: 250 * 1024 });
report({ bench: 'bundle-size', figure: 'first-load-css', ...sum(filesOf(first), /\.css$/) });

for (const page of ['notebook-page', 'experiments-page', 'settings-page']) {
  const key = Object.keys(manifest).find((k) => k.endsWith(`/${page}.tsx`));
  if (!key) continue;
  const added = [...closure(key)].filter((k) => !first.has(k));
  report({ bench: 'bundle-size', figure: `route-js:${page}`, ...sum(filesOf(new Set(added)), /\.js$/) });
}

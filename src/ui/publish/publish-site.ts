// "Publish as a static site": one zip holding the built app as this page was served (every file its
// service worker precaches, so nothing it loads later is missing), the notebook as published.json and
// the Files as published/files/…. Unzipped onto any static host — no special headers — it opens with
// that notebook ready to run (published.ts), and runs are recorded in each visitor's own browser.
// Without cross-origin isolation, the kernel's interrupt uses its message path (checked at awaits).
import { strToU8, zip, type AsyncZippable } from 'fflate';
import { toIpynb, type NotebookDoc } from '../../notebook/document';
import { PUBLISHED_META, PUBLISHED_PATH, type PublishedSite } from './published';
import { t } from '../i18n/t';

export class PublishError extends Error {
  override name = 'PublishError';
}

export interface SiteFile {
  name: string;
  bytes: Uint8Array;
}

/** The app's files: the service worker's precache list, the worker itself and the Workbox runtime it imports. */
export function appFiles(serviceWorker: string): string[] {
  const urls = [...serviceWorker.matchAll(/\burl:"([^"]+)"/g)].map((m) => m[1]!);
  const runtime = /define\(\["\.\/(workbox-[\w-]+)"\]/.exec(serviceWorker)?.[1];
  if (!urls.includes('index.html') || !runtime) throw new PublishError(t('pub.noList'));
  return [...new Set(['sw.js', `${runtime}.js`, ...urls])].filter((u) => !/^[a-z]+:|^\/|\.\./i.test(u));
}

/**
 * The page with the mark that makes the app open the published notebook: first in <head>, before the boot
 * script, which reads it while the head is parsed (a published site never shows the walkthrough).
 */
export function markPublished(indexHtml: string): string {
  const head = /<head(\s[^>]*)?>/i;
  if (!head.test(indexHtml)) throw new PublishError(t('pub.noHead'));
  return indexHtml.replace(head, (tag) => `${tag}\n<meta name="${PUBLISHED_META}" content="${PUBLISHED_PATH}">`);
}

/**
 * The site's zip. `fetchApp` reads one of the app's own files (relative to its base); `files` are the
 * Files to carry. Progress is reported as files fetched of all.
 */
export async function buildSite(
  doc: NotebookDoc,
  files: SiteFile[],
  fetchApp: (path: string) => Promise<Response>,
  onProgress?: (done: number, total: number) => void,
): Promise<Uint8Array> {
  const sw = await fetchApp('sw.js');
  if (!sw.ok) throw new PublishError(t('pub.devServer', { build: '`npm run build`', preview: '`npm run preview`' }));
  const paths = appFiles(await sw.text());
  const entries: AsyncZippable = {};
  let done = 0;
  for (const path of paths) {
    const response = await fetchApp(path);
    if (!response.ok) throw new PublishError(t('pub.fileFailed', { path, status: response.status }));
    const bytes = new Uint8Array(await response.arrayBuffer());
    entries[path] =
      path === 'index.html'
        ? strToU8(markPublished(new TextDecoder().decode(bytes)))
        : [bytes, { level: /\.(wasm|png|jpe?g|gz|zip)$/i.test(path) ? 0 : 6 }];
    onProgress?.(++done, paths.length);
  }
  const site: PublishedSite = {
    format: 'kiroku-published-site',
    version: 1,
    id: `${doc.id}-${Date.now().toString(36)}`,
    notebook: toIpynb(doc),
    // Numbered paths: a name's spaces or non-ASCII letters would need encoding a static server may not undo.
    files: files.map((f, i) => ({ name: f.name, path: `published/files/${i + 1}` })),
  };
  entries[PUBLISHED_PATH] = strToU8(JSON.stringify(site));
  for (const [i, f] of files.entries()) entries[site.files[i]!.path] = [f.bytes, { level: 6 }];
  entries['README.txt'] = strToU8(
    `${doc.name} — published with Kiroku.\n\nServe this folder from any static web server (for example \`npx ` +
      `http-server\` or \`python3 -m http.server\`) at the root of its host,\nand open it: the notebook opens ` +
      `ready to run; runs are recorded in each visitor's browser.\n`,
  );
  return new Promise((resolve, reject) =>
    zip(entries, { level: 6 }, (err, data) => (err ? reject(err) : resolve(data))),
  );
}

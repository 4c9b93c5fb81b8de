// The receiving side of a published site (publish-site.ts): its index.html carries
// <meta name="kiroku-published" content="published.json">; the first time the notebook page opens on
// such a site, the notebook and its Files are stored in this browser and the notebook opens. Only a
// page carrying the mark fetches anything, so the app elsewhere makes no extra request. The notebook is
// data (fromIpynb) and runs nothing until the visitor runs it.
import { fromIpynb, type Ipynb } from '../../notebook/document';
import type { NotebooksStore } from '../../notebook/notebooks-store';
import { t } from '../i18n/t';

import { PUBLISHED_META } from './published-meta';

export { PUBLISHED_META };
export const PUBLISHED_PATH = 'published.json';

export interface PublishedSite {
  format: 'kiroku-published-site';
  version: 1;
  /** Tells one publication from the next: a visitor gets a new one as a new notebook. */
  id: string;
  notebook: Ipynb;
  files: Array<{ name: string; path: string }>;
}

interface FilesTarget {
  has(name: string): Promise<boolean>;
  put(file: { name: string; data: Blob }): Promise<unknown>;
}

/** The id of the published notebook to open (stored on first visit), or undefined on an ordinary page. */
export async function openPublished(
  store: NotebooksStore,
  files: () => Promise<FilesTarget>,
  doc: Document = document,
): Promise<string | undefined> {
  const path = doc.querySelector<HTMLMetaElement>(`meta[name="${PUBLISHED_META}"]`)?.content;
  if (!path) return undefined;
  const response = await fetch(new URL(path, doc.baseURI));
  if (!response.ok) throw new Error(t('pub.notebookUnreadable', { path, status: response.status }));
  const site = (await response.json()) as PublishedSite;
  if (site?.format !== 'kiroku-published-site') throw new Error(`${path} is not a Kiroku published site.`);
  const key = `published:${site.id}`;
  const known = await store.getMeta<string>(key);
  if (known && (await store.get(known))) return known;
  const target = await files();
  for (const f of site.files ?? []) {
    if (await target.has(f.name)) continue; // the visitor's own file of that name stays
    const data = await fetch(new URL(f.path, doc.baseURI));
    if (!data.ok) throw new Error(t('pub.fileUnreadable', { name: f.name, status: data.status }));
    await target.put({ name: f.name, data: await data.blob() });
  }
  const notebook = fromIpynb(site.notebook, t('pub.name'));
  await store.put(notebook);
  await store.setMeta(key, notebook.id);
  await store.setMeta('seeded', true); // the walkthrough is not seeded beside it
  return notebook.id;
}

// The notebook header's "Publish as a static site": builds the site's zip (publish-site.ts, loaded on
// click) from this notebook and every file in the Files panel, and downloads it, saying how far it got.
import { useState } from 'preact/hooks';
import { fileName, type NotebookDoc } from '../../notebook/document';
import { saveBlob } from '../components/download';
import { t } from '../i18n/t';

/** Every string this button shows, from the message catalog. */
const TEXT = {
  get publish() {
    return t('publish.button');
  },
  get title() {
    return t('publish.title');
  },
  progress: (done: number, total: number) => t('publish.progress', { done, total }),
  done: (name: string) => t('publish.done', { name }),
  failed: (message: string) => t('publish.failed', { error: message }),
};

export function PublishButton({ doc }: { doc: NotebookDoc }) {
  const [state, setState] = useState<{ busy: boolean; message: string; error?: boolean }>({ busy: false, message: '' });
  const publish = async () => {
    setState({ busy: true, message: TEXT.progress(0, 0) });
    try {
      const [{ buildSite }, { files }] = await Promise.all([import('./publish-site'), import('../../notebook/files')]);
      const carried = [];
      for (const info of await files.list()) {
        const f = await files.get(info.name);
        if (f) carried.push({ name: f.name, bytes: new Uint8Array(await f.bytes.arrayBuffer()) });
      }
      const base = new URL(import.meta.env.BASE_URL, location.href);
      const zipped = await buildSite(
        doc,
        carried,
        (path) => fetch(new URL(path, base), { cache: 'no-cache' }),
        (done, total) => setState({ busy: true, message: TEXT.progress(done, total) }),
      );
      const name = fileName(doc, '-site.zip');
      saveBlob(new Blob([zipped as BlobPart], { type: 'application/zip' }), name);
      setState({ busy: false, message: TEXT.done(name) });
    } catch (err) {
      setState({ busy: false, message: TEXT.failed(err instanceof Error ? err.message : String(err)), error: true });
    }
  };
  return (
    <>
      <button type="button" title={TEXT.title} disabled={state.busy} onClick={() => void publish()}>
        {TEXT.publish}
      </button>
      <span class="publish-state" role={state.error ? 'alert' : 'status'}>
        {state.message}
      </span>
    </>
  );
}

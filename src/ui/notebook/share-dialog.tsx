// "Share…": by link — the notebook (cells, and outputs if asked) packed into a link's fragment, which
// never reaches a server (notebook/share-link.ts). The link is shown as well as copied, so it can be
// selected by hand where the clipboard is refused. A notebook too large for a link says so and offers
// its .ipynb file instead. Below it, "Publish as a static site" (ui/publish).
import { useMemo, useState } from 'preact/hooks';
import { fileName, toIpynb, type NotebookDoc } from '../../notebook/document';
import { MAX_LINK_CHARS, shareLink } from '../../notebook/share-link';
import { Dialog } from '../components/dialog';
import { saveBlob } from '../components/download';
import { PublishButton } from '../publish/publish-button';
import { t } from '../i18n/t';
import { formatInteger } from '../format';

/** Every string this dialog shows, from the message catalog. */
const TEXT = {
  get title() {
    return t('share.title');
  },
  get byLink() {
    return t('share.byLink');
  },
  get publish() {
    return t('share.publish');
  },
  get publishExplain() {
    return t('share.publishExplain');
  },
  get explain() {
    return t('share.explain');
  },
  get outputs() {
    return t('share.outputs');
  },
  get link() {
    return t('share.link');
  },
  get copy() {
    return t('share.copy');
  },
  get copied() {
    return t('share.copied');
  },
  get copyFailed() {
    return t('share.copyFailed');
  },
  tooLarge: (length: number, withoutOutputs: boolean) =>
    t('share.tooLarge', { length: formatInteger(length), max: formatInteger(MAX_LINK_CHARS) }) +
    t(withoutOutputs ? 'share.tooLargeLeaveOut' : 'share.tooLargeFile'),
  get download() {
    return t('share.download');
  },
  get close() {
    return t('common.close');
  },
};

export function ShareDialog({ doc, onClose }: { doc: NotebookDoc; onClose: () => void }) {
  const [outputs, setOutputs] = useState(false);
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const base = location.href.replace(/#.*$/, '');
  const link = useMemo(() => shareLink(doc, base, { outputs }), [doc, base, outputs]);
  const fitsWithout = useMemo(() => outputs && !link.url && !!shareLink(doc, base).url, [doc, base, outputs, link]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link.url!);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <Dialog title={TEXT.title} onClose={onClose}>
      <h3>{TEXT.byLink}</h3>
      <p>{TEXT.explain}</p>
      <label>
        <input
          type="checkbox"
          checked={outputs}
          onChange={(e) => {
            setOutputs(e.currentTarget.checked);
            setCopied(null);
          }}
        />{' '}
        {TEXT.outputs}
      </label>
      {link.url ? (
        <>
          <label class="share-link">
            {TEXT.link}
            <input
              type="text"
              readOnly
              value={link.url}
              style={{ width: '100%' }}
              onFocus={(e) => e.currentTarget.select()}
            />
          </label>
          <p class="dialog-actions">
            <button type="button" class="primary" onClick={() => void copy()}>
              {TEXT.copy}
            </button>
            <button type="button" onClick={onClose}>
              {TEXT.close}
            </button>
          </p>
        </>
      ) : (
        <>
          <p role="alert">{TEXT.tooLarge(link.length, fitsWithout)}</p>
          <p class="dialog-actions">
            <button
              type="button"
              class="primary"
              onClick={() =>
                saveBlob(
                  new Blob([JSON.stringify(toIpynb(doc), null, 1) + '\n'], { type: 'application/x-ipynb+json' }),
                  fileName(doc, '.ipynb'),
                )
              }>
              {TEXT.download}
            </button>
            <button type="button" onClick={onClose}>
              {TEXT.close}
            </button>
          </p>
        </>
      )}
      <p role="status">{copied === 'copied' ? TEXT.copied : copied === 'failed' ? TEXT.copyFailed : ''}</p>
      <h3>{TEXT.publish}</h3>
      <p>{TEXT.publishExplain}</p>
      <p>
        <PublishButton doc={doc} />
      </p>
    </Dialog>
  );
}

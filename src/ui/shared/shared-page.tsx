// A notebook that came from outside this browser, shown read-only: a shared link (`#/shared?nb=…`,
// share-link.ts) or a file on another host (`#/open?url=…`, open-url.ts). Jupyter's trust model: code
// is shown as text, markdown and outputs sanitized, and nothing runs — no kernel starts on this page —
// until the user chooses "Open a copy", which stores the notebook as their own and opens it.
import { useEffect, useState } from 'preact/hooks';
import { duplicateNotebook, type Cell, type NotebookDoc } from '../../notebook/document';
import { openFromUrl } from '../../notebook/open-url';
import { readSharedNotebook } from '../../notebook/share-link';
import { OutputArea } from '../notebook/outputs/output-area';
import { notebooksStore } from '../notebook/sessions';
import { href, navigate, parseHash } from '../router';
import { renderMarkdown } from '../sanitize';
import './shared.css';
import { t } from '../i18n/t';

/** Every string this page shows, from the message catalog. */
const TEXT = {
  get opening() {
    return t('shared.opening');
  },
  fetching: (url: string) => t('shared.fetching', { url }),
  get cannotOpen() {
    return t('shared.cannotOpen');
  },
  get readOnly() {
    return t('shared.readOnly');
  },
  get openCopy() {
    return t('shared.openCopy');
  },
  get yourNotebooks() {
    return t('nb.openYours');
  },
  get emptyMarkdown() {
    return t('shared.emptyMarkdown');
  },
  copyFailed: (message: string) => t('shared.copyFailed', { error: message }),
};

export default function SharedPage({ query }: { query: URLSearchParams }) {
  // The app hands a page the route after its own id; this page serves two ids.
  const fromUrl = parseHash(location.hash).segments[0] === 'open';
  const source = fromUrl ? query.get('url') : query.get('nb');
  const [doc, setDoc] = useState<NotebookDoc | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copyError, setCopyError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setDoc(null);
    setError(null);
    (fromUrl ? openFromUrl(source) : Promise.resolve().then(() => readSharedNotebook(source))).then(
      (d) => live && setDoc(d),
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [fromUrl, source]);

  useEffect(() => {
    if (doc) document.title = `${doc.name} (read-only) · Kiroku 記録`;
  }, [doc]);

  const openCopy = async () => {
    if (!doc) return;
    try {
      const copy = duplicateNotebook(doc, doc.name);
      await (await notebooksStore()).put(copy);
      navigate(href('notebook', copy.id));
    } catch (err) {
      setCopyError(TEXT.copyFailed(err instanceof Error ? err.message : String(err)));
    }
  };

  if (error) {
    return (
      <section class="page shared-notebook" aria-labelledby="page-title">
        <h1 id="page-title">{TEXT.cannotOpen}</h1>
        <p role="alert">{error}</p>
        <p>
          <a href={href('notebook')}>{TEXT.yourNotebooks}</a>
        </p>
      </section>
    );
  }
  if (!doc) return <p aria-busy="true">{fromUrl && source ? TEXT.fetching(source) : TEXT.opening}</p>;
  return (
    <section class="page shared-notebook" aria-labelledby="page-title">
      <h1 id="page-title">{doc.name}</h1>
      <div class="shared-banner" role="note">
        <p>{TEXT.readOnly}</p>
        <button type="button" class="primary" onClick={() => void openCopy()}>
          {TEXT.openCopy}
        </button>
      </div>
      {copyError && <p role="alert">{copyError}</p>}
      <div class="cells">
        {doc.cells.map((cell, i) => (
          <ReadOnlyCell key={cell.id} cell={cell} index={i} />
        ))}
      </div>
    </section>
  );
}

function ReadOnlyCell({ cell, index }: { cell: Cell; index: number }) {
  const name = t('cell.name', { n: index + 1 });
  if (cell.type === 'markdown') {
    return (
      <div class="cell cell-markdown" role="group" aria-label={t('shared.markdownCell', { name })}>
        <div class="prompt" aria-hidden="true" />
        <div class="cell-body">
          <div
            class="markdown"
            data-user-content=""
            // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown's HTML, sanitized by DOMPurify
            dangerouslySetInnerHTML={{
              __html: renderMarkdown(cell.source) || `<p class="muted">${TEXT.emptyMarkdown}</p>`,
            }}
          />
        </div>
      </div>
    );
  }
  const kind = cell.language === 'javascript' ? 'JavaScript' : 'TypeScript';
  const count = cell.executionCount;
  return (
    <div
      class="cell cell-code"
      role="group"
      aria-label={
        count === null ? t('shared.codeCell', { name, kind }) : t('shared.codeCellRun', { name, kind, count })
      }>
      <div class="prompt" aria-hidden="true">
        {count === null ? '[ ]' : `[${count}]`}
      </div>
      <div class="cell-body">
        <pre class="shared-source" data-user-content="" role="group" aria-label={t('cell.source', { name, kind })}>
          <code>{cell.source}</code>
        </pre>
        <OutputArea outputs={cell.outputs} label={t('cell.output', { name })} />
      </div>
    </div>
  );
}

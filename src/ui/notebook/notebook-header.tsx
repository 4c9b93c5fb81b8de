// The open notebook's title (rename in place), its save state, and what can be done to it as a whole:
// share (by link, or published as a static site), duplicate, delete, export as .ipynb or as a .ts script.
import { useCallback, useState } from 'preact/hooks';
import { fileName, toIpynb, toScript } from '../../notebook/document';
import type { NotebookController } from './controller';
import type { NotebookState } from './notebook-state';
import { ShareDialog } from './share-dialog';
import { t } from '../i18n/t';

function download(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface NotebookHeaderProps {
  state: NotebookState;
  controller: NotebookController;
  onDuplicate: () => void;
  onDelete: () => void;
}

export function NotebookHeader({ state, controller, onDuplicate, onDelete }: NotebookHeaderProps) {
  // The name being typed, while renaming: the field's own state, so a render in between (a save
  // finishing, an output arriving) never puts the old name back under the user's typing.
  const [draft, setDraft] = useState<string | null>(null);
  const [sharing, setSharing] = useState(false);
  const { doc } = state;
  const startRename = () => setDraft(doc.name);
  const commit = (value: string) => {
    controller.rename(value);
    setDraft(null);
  };
  const focusOnce = useCallback((el: HTMLInputElement | null) => el?.focus(), []);
  return (
    <header class="nb-header">
      {draft !== null ? (
        <input
          class="nb-rename"
          aria-label={t('nb.name')}
          value={draft}
          ref={focusOnce}
          onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit((e.target as HTMLInputElement).value);
            if (e.key === 'Escape') setDraft(null);
          }}
          onBlur={(e) => commit((e.target as HTMLInputElement).value)}
        />
      ) : (
        <h1 id="page-title" onDblClick={startRename}>
          {doc.name}
        </h1>
      )}
      <button type="button" onClick={startRename} hidden={draft !== null}>
        {t('nb.rename')}
      </button>
      <p class={`save-state save-${state.save}`} role="status" title={state.saveError}>
        {t(`nb.save.${state.save}`)}
        {state.save === 'error' && state.saveError ? `: ${state.saveError}` : ''}
      </p>
      <div class="nb-header-actions">
        <button
          type="button"
          onClick={() =>
            download(JSON.stringify(toIpynb(doc), null, 1) + '\n', fileName(doc, '.ipynb'), 'application/x-ipynb+json')
          }>
          {t('nb.exportIpynb')}
        </button>
        <button type="button" onClick={() => download(toScript(doc), fileName(doc, '.ts'), 'text/typescript')}>
          {t('nb.exportTs')}
        </button>
        <button type="button" onClick={() => setSharing(true)}>
          {t('nb.share')}
        </button>
        <button type="button" onClick={onDuplicate}>
          {t('nb.duplicate')}
        </button>
        <button type="button" onClick={onDelete}>
          {t('nb.deleteNotebook')}
        </button>
      </div>
      {sharing && <ShareDialog doc={doc} onClose={() => setSharing(false)} />}
    </header>
  );
}

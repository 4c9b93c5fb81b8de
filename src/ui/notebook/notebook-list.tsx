// The notebooks sidebar: every notebook (a link to `#/notebook/<id>`), a new one, an .ipynb import,
// and the built-in samples (each opens as a copy the user can change freely; opened again, the same copy).
import { useRef } from 'preact/hooks';
import type { NotebookSummary } from '../../notebook/notebooks-store';
import type { Sample } from '../../notebook/samples';
import { href } from '../router';
import { t } from '../i18n/t';

export interface NotebookListProps {
  notebooks: NotebookSummary[];
  currentId: string | undefined;
  /** The live name of the open notebook (the list may lag until its next save). */
  currentName?: string;
  samples: readonly Sample[];
  onCreate: () => void;
  onImport: (files: File[]) => void;
  onOpenSample: (sample: Sample) => void;
}

export function NotebookList({
  notebooks,
  currentId,
  currentName,
  samples,
  onCreate,
  onImport,
  onOpenSample,
}: NotebookListProps) {
  const picker = useRef<HTMLInputElement>(null);
  return (
    <nav class="sidebar nb-list" aria-label={t('nb.list')}>
      <h2>{t('nb.list')}</h2>
      <ul>
        {notebooks.map((n) => (
          <li key={n.id}>
            <a href={href('notebook', n.id)} aria-current={n.id === currentId ? 'page' : undefined}>
              {n.id === currentId && currentName ? currentName : n.name}
            </a>
          </li>
        ))}
      </ul>
      <div class="nb-list-actions">
        <button type="button" onClick={onCreate}>
          {t('nb.new')}
        </button>
        <button type="button" onClick={() => picker.current?.click()}>
          {t('nb.import')}
        </button>
        <input
          ref={picker}
          type="file"
          accept=".ipynb,application/x-ipynb+json,application/json"
          multiple
          hidden
          aria-label={t('nb.importFile')}
          onChange={(e) => {
            const input = e.target as HTMLInputElement;
            onImport([...(input.files ?? [])]);
            input.value = '';
          }}
        />
      </div>
      <h2>{t('nb.samples')}</h2>
      <ul class="samples">
        {samples.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              class="link"
              title={s.description}
              aria-label={t('nb.openSample', { title: s.title })}
              onClick={() => onOpenSample(s)}>
              {s.title}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

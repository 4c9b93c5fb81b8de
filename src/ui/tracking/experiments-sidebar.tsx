// The experiments sidebar: open one experiment (its link), include several in the runs table (their
// checkboxes), create, rename, delete and restore. Names are user text and are only ever rendered as
// text. Deleted experiments are listed apart, behind a toggle, each with its Restore button.
import { useState } from 'preact/hooks';
import type { Experiment } from '../../tracking/entities';
import { mlflow } from '../../tracking/default';
import { navigate } from '../router';
import { ConfirmDialog, PromptDialog } from '../components/dialog';
import { experimentsHref } from './routes';
import { t } from '../i18n/t';
import { rich } from '../i18n/rich';

/** Drawn, not an emoji: emoji fonts are missing on many Linux desktops. */
function TrashIcon() {
  return (
    <svg
      width="13"
      height="13"
      viewBox="0 0 16 16"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      stroke-width="1.5">
      <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.8 9.5h6.4L12 4M6.8 6.5v5M9.2 6.5v5" />
    </svg>
  );
}

type Editing = { kind: 'create' } | { kind: 'rename'; exp: Experiment } | { kind: 'delete'; exp: Experiment } | null;

export function ExperimentsSidebar({ experiments, selectedIds }: { experiments: Experiment[]; selectedIds: string[] }) {
  const [showDeleted, setShowDeleted] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const active = experiments.filter((e) => e.lifecycleStage === 'active');
  const deleted = experiments.filter((e) => e.lifecycleStage === 'deleted');
  const selected = new Set(selectedIds);

  const toggle = (id: string, on: boolean) => {
    const next = on ? [...selectedIds, id] : selectedIds.filter((s) => s !== id);
    if (next.length) navigate(experimentsHref(next));
  };

  const client = () => mlflow.client();
  return (
    <nav class="sidebar experiments-sidebar" aria-label={t('exp.list')}>
      <div class="sidebar-head">
        <h2>{t('exp.list')}</h2>
        <button type="button" class="primary small" onClick={() => setEditing({ kind: 'create' })}>
          {t('exp.new')}
        </button>
      </div>
      <ul class="experiment-list">
        {active.map((e) => (
          <li key={e.experimentId} class={selected.has(e.experimentId) ? 'selected' : undefined}>
            <input
              type="checkbox"
              checked={selected.has(e.experimentId)}
              disabled={selected.has(e.experimentId) && selected.size === 1}
              aria-label={t('exp.show', { name: e.name })}
              onChange={(ev) => toggle(e.experimentId, ev.currentTarget.checked)}
            />
            <a
              href={experimentsHref([e.experimentId])}
              aria-current={selected.has(e.experimentId) && selected.size === 1 ? 'page' : undefined}>
              {e.name}
            </a>
            <span class="row-actions">
              <button
                type="button"
                class="icon"
                aria-label={t('exp.rename', { name: e.name })}
                title={t('exp.renameShort')}
                onClick={() => setEditing({ kind: 'rename', exp: e })}>
                ✎
              </button>
              {e.experimentId !== '0' && (
                <button
                  type="button"
                  class="icon"
                  aria-label={t('exp.delete', { name: e.name })}
                  title={t('common.delete')}
                  onClick={() => setEditing({ kind: 'delete', exp: e })}>
                  <TrashIcon />
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
      <label class="toggle">
        <input type="checkbox" checked={showDeleted} onChange={(e) => setShowDeleted(e.currentTarget.checked)} />
        {t('exp.showDeleted')}
        {deleted.length ? ` (${deleted.length})` : ''}
      </label>
      {showDeleted && (
        <section aria-label={t('exp.deleted')}>
          {deleted.length === 0 ? (
            <p class="muted">{t('exp.noDeleted')}</p>
          ) : (
            <ul class="experiment-list deleted">
              {deleted.map((e) => (
                <li key={e.experimentId}>
                  <a
                    href={experimentsHref([e.experimentId])}
                    aria-current={selected.has(e.experimentId) ? 'page' : undefined}>
                    {e.name}
                  </a>
                  <button
                    type="button"
                    class="small"
                    aria-label={t('exp.restore', { name: e.name })}
                    onClick={() => {
                      setFailure(null);
                      client()
                        .restoreExperiment(e.experimentId)
                        .catch((err: Error) =>
                          setFailure(t('exp.restoreFailed', { name: e.name, error: err.message })),
                        );
                    }}>
                    {t('exp.restoreShort')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {failure && (
        <p class="form-error" role="alert">
          {failure}
        </p>
      )}

      {editing?.kind === 'create' && (
        <PromptDialog
          title={t('exp.new')}
          label={t('exp.name')}
          submitLabel={t('exp.create')}
          onClose={() => setEditing(null)}
          onSubmit={async (name) => {
            const id = await client().createExperiment(name);
            navigate(experimentsHref([id]));
          }}
        />
      )}
      {editing?.kind === 'rename' && (
        <PromptDialog
          title={t('exp.renameTitle')}
          label={t('exp.newName')}
          initial={editing.exp.name}
          submitLabel={t('exp.renameShort')}
          onClose={() => setEditing(null)}
          onSubmit={(name) => client().renameExperiment(editing.exp.experimentId, name)}
        />
      )}
      {editing?.kind === 'delete' && (
        <ConfirmDialog
          title={t('exp.deleteTitle')}
          confirmLabel={t('common.delete')}
          danger
          onClose={() => setEditing(null)}
          onConfirm={async () => {
            const id = editing.exp.experimentId;
            await client().deleteExperiment(id);
            const rest = selectedIds.filter((s) => s !== id);
            if (rest.length !== selectedIds.length) navigate(experimentsHref(rest.length ? rest : ['0']));
          }}>
          <p>{rich('exp.deleteText', { name: <strong>{editing.exp.name}</strong> })}</p>
        </ConfirmDialog>
      )}
    </nav>
  );
}

// An editable markdown description (a run's, a registered model's, a version's): rendered sanitized by
// ui/sanitize.ts (marked + DOMPurify, ~27 KB gzipped, so loaded only when there is text), edited as
// plain text.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/t';

export function DescriptionEditor({
  id,
  text,
  onSave,
}: {
  id: string;
  text: string;
  onSave: (text: string) => Promise<void>;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(text);
  const [error, setError] = useState<string | null>(null);
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    if (text) import('../sanitize').then((m) => live && setHtml(m.renderMarkdown(text)));
    return () => {
      live = false;
    };
  }, [text]);
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <div class="card-head">
        <h2 id={`${id}-title`}>{t('desc.title')}</h2>
        {!editing && (
          <button
            type="button"
            class="small"
            onClick={() => {
              setDraft(text);
              setEditing(true);
            }}>
            {text ? t('desc.edit') : t('desc.add')}
          </button>
        )}
      </div>
      {editing ? (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            setError(null);
            try {
              await onSave(draft);
              setEditing(false);
            } catch (err) {
              setError((err as Error).message);
            }
          }}>
          <label for={`${id}-text`} class="vh">
            {t('desc.label')}
          </label>
          <textarea
            id={`${id}-text`}
            rows={6}
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
            autoFocus
          />
          {error && (
            <p role="alert" class="form-error">
              {error}
            </p>
          )}
          <div class="form-actions">
            <button type="submit" class="primary">
              {t('desc.save')}
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : text ? (
        html === null ? (
          <p class="muted">{t('desc.rendering')}</p>
        ) : (
          <div
            class="markdown"
            data-user-content=""
            // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown's HTML, sanitized by DOMPurify
            dangerouslySetInnerHTML={{ __html: html }}
          />
        )
      ) : (
        <p class="muted">{t('desc.none')}</p>
      )}
    </section>
  );
}

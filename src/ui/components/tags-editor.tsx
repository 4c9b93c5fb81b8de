// Key/value tags with add, edit and delete — for runs, registered models and model versions. Keys
// the caller marks as system keys are listed apart, read-only (they are bookkeeping other views rely
// on). Every control is named after its tag, so "Edit tag stage" is reachable by name.
import { useState } from 'preact/hooks';
import { useAttempt } from './use-attempt';
import { t } from '../i18n/t';

export interface TagsEditorProps {
  /** Heading id prefix, unique on the page. */
  id: string;
  tags: Record<string, string>;
  onSet: (key: string, value: string) => Promise<void>;
  onDelete: (key: string) => Promise<void>;
  isSystem?: (key: string) => boolean;
  /** Why a key cannot be added (e.g. a reserved prefix), or null. */
  refuse?: (key: string) => string | null;
}

export function TagsEditor({
  id,
  tags,
  onSet,
  onDelete,
  isSystem = () => false,
  refuse = () => null,
}: TagsEditorProps) {
  const user = Object.keys(tags)
    .filter((k) => !isSystem(k))
    .sort();
  const system = Object.keys(tags).filter(isSystem).sort();
  const [editing, setEditing] = useState<string | null>(null);
  const [value, setValue] = useState('');
  const [newKey, setNewKey] = useState('');
  const [newValue, setNewValue] = useState('');
  const { error, setError, attempt } = useAttempt();

  const add = async (e: Event) => {
    e.preventDefault();
    const key = newKey.trim();
    if (!key) return;
    const refused = refuse(key);
    if (refused) return setError(refused);
    if (await attempt(() => onSet(key, newValue))) {
      setNewKey('');
      setNewValue('');
    }
  };

  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {t('tags.title')} <span class="muted">({user.length})</span>
      </h2>
      {user.length > 0 && (
        <table class="kv tags">
          <thead>
            <tr>
              <th scope="col">{t('tags.key')}</th>
              <th scope="col">{t('run.colValue')}</th>
              <th scope="col">
                <span class="vh">{t('tags.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {user.map((k) => (
              <tr key={k}>
                <th scope="row" data-user-content="">
                  {k}
                </th>
                {editing === k ? (
                  <td colSpan={2}>
                    <form
                      class="inline-edit"
                      onSubmit={async (e) => {
                        e.preventDefault();
                        if (await attempt(() => onSet(k, value))) setEditing(null);
                      }}>
                      <input
                        aria-label={t('tags.valueOf', { key: k })}
                        value={value}
                        onInput={(e) => setValue(e.currentTarget.value)}
                        autoFocus
                        onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
                      />
                      <button type="submit" class="small primary">
                        {t('common.save')}
                      </button>
                      <button type="button" class="small" onClick={() => setEditing(null)}>
                        {t('common.cancel')}
                      </button>
                    </form>
                  </td>
                ) : (
                  <>
                    <td class="value" data-user-content="">
                      {tags[k]}
                    </td>
                    <td class="actions">
                      <button
                        type="button"
                        class="small"
                        aria-label={t('tags.edit', { key: k })}
                        onClick={() => {
                          setEditing(k);
                          setValue(tags[k]!);
                        }}>
                        {t('common.edit')}
                      </button>
                      <button
                        type="button"
                        class="small"
                        aria-label={t('tags.delete', { key: k })}
                        onClick={() => attempt(() => onDelete(k))}>
                        {t('common.delete')}
                      </button>
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form class="add-tag" onSubmit={add} aria-label={t('tags.add')}>
        <input
          aria-label={t('tags.newKey')}
          placeholder={t('tags.keyPlaceholder')}
          value={newKey}
          onInput={(e) => setNewKey(e.currentTarget.value)}
        />
        <input
          aria-label={t('tags.newValue')}
          placeholder={t('tags.valuePlaceholder')}
          value={newValue}
          onInput={(e) => setNewValue(e.currentTarget.value)}
        />
        <button type="submit" class="small" disabled={!newKey.trim()}>
          {t('tags.addButton')}
        </button>
      </form>
      {error && (
        <p role="alert" class="form-error">
          {error}
        </p>
      )}
      {system.length > 0 && (
        <details class="system-tags">
          <summary>{t('tags.system', { count: system.length })}</summary>
          <table class="kv">
            <thead>
              <tr>
                <th scope="col">{t('tags.key')}</th>
                <th scope="col">{t('run.colValue')}</th>
              </tr>
            </thead>
            <tbody data-user-content="">
              {system.map((k) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td class="value">{tags[k]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}

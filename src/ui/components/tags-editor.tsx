// Key/value tags with add, edit and delete — for runs, registered models and model versions. Keys
// the caller marks as system keys are listed apart, read-only (they are bookkeeping other views rely
// on). Every control is named after its tag, so "Edit tag stage" is reachable by name.
import { useState } from 'preact/hooks';
import { useAttempt } from './use-attempt';

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

export function TagsEditor({ id, tags, onSet, onDelete, isSystem = () => false, refuse = () => null }: TagsEditorProps) {
  const user = Object.keys(tags).filter((k) => !isSystem(k)).sort();
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
      <h2 id={`${id}-title`}>Tags <span class="muted">({user.length})</span></h2>
      {user.length > 0 && (
        <table class="kv tags">
          <thead><tr><th scope="col">Key</th><th scope="col">Value</th><th scope="col"><span class="vh">Actions</span></th></tr></thead>
          <tbody>
            {user.map((k) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                {editing === k ? (
                  <td colSpan={2}>
                    <form class="inline-edit" onSubmit={async (e) => {
                      e.preventDefault();
                      if (await attempt(() => onSet(k, value))) setEditing(null);
                    }}>
                      <input aria-label={`Value of tag ${k}`} value={value} onInput={(e) => setValue(e.currentTarget.value)} autoFocus
                        onKeyDown={(e) => e.key === 'Escape' && setEditing(null)} />
                      <button type="submit" class="small primary">Save</button>
                      <button type="button" class="small" onClick={() => setEditing(null)}>Cancel</button>
                    </form>
                  </td>
                ) : (
                  <>
                    <td class="value">{tags[k]}</td>
                    <td class="actions">
                      <button type="button" class="small" aria-label={`Edit tag ${k}`} onClick={() => { setEditing(k); setValue(tags[k]!); }}>Edit</button>
                      <button type="button" class="small" aria-label={`Delete tag ${k}`} onClick={() => attempt(() => onDelete(k))}>Delete</button>
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form class="add-tag" onSubmit={add} aria-label="Add a tag">
        <input aria-label="New tag key" placeholder="key" value={newKey} onInput={(e) => setNewKey(e.currentTarget.value)} />
        <input aria-label="New tag value" placeholder="value" value={newValue} onInput={(e) => setNewValue(e.currentTarget.value)} />
        <button type="submit" class="small" disabled={!newKey.trim()}>Add tag</button>
      </form>
      {error && <p role="alert" class="form-error">{error}</p>}
      {system.length > 0 && (
        <details class="system-tags">
          <summary>System tags ({system.length})</summary>
          <table class="kv">
            <thead><tr><th scope="col">Key</th><th scope="col">Value</th></tr></thead>
            <tbody>{system.map((k) => <tr key={k}><th scope="row">{k}</th><td class="value">{tags[k]}</td></tr>)}</tbody>
          </table>
        </details>
      )}
    </section>
  );
}

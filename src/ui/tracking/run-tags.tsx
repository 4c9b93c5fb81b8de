// A run's tags: the user's own, editable (add, change the value, delete), and the system tags
// (`mlflow.*`) apart and read-only — they are the run's bookkeeping (user, source, parent, model
// history), and changing them by hand would break the views that read them.
import { useState } from 'preact/hooks';
import type { Run } from '../../tracking/entities';
import { mlflow } from '../../tracking/default';

export function isSystemTag(key: string): boolean {
  return key.startsWith('mlflow.');
}

export function RunTags({ run }: { run: Run }) {
  const runId = run.info.runId;
  const tags = run.data.tags;
  const user = Object.keys(tags).filter((k) => !isSystemTag(k)).sort();
  const system = Object.keys(tags).filter(isSystemTag).sort();
  const [editing, setEditing] = useState<string | null>(null);
  const [value, setValue] = useState('');
  const [newKey, setNewKey] = useState('');
  const [newValue, setNewValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const client = mlflow.client();

  const attempt = async (fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    }
  };

  const add = async (e: Event) => {
    e.preventDefault();
    const key = newKey.trim();
    if (!key) return;
    if (isSystemTag(key)) return setError(`Tags starting with "mlflow." are set by the system; choose another key than "${key}".`);
    if (await attempt(() => client.setTag(runId, key, newValue))) {
      setNewKey('');
      setNewValue('');
    }
  };

  return (
    <section class="card" aria-labelledby="run-tags">
      <h2 id="run-tags">Tags <span class="muted">({user.length})</span></h2>
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
                      if (await attempt(() => client.setTag(runId, k, value))) setEditing(null);
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
                      <button type="button" class="small" aria-label={`Delete tag ${k}`} onClick={() => attempt(() => client.deleteTag(runId, k))}>Delete</button>
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
      <details class="system-tags">
        <summary>System tags ({system.length})</summary>
        <table class="kv">
          <thead><tr><th scope="col">Key</th><th scope="col">Value</th></tr></thead>
          <tbody>{system.map((k) => <tr key={k}><th scope="row">{k}</th><td class="value">{tags[k]}</td></tr>)}</tbody>
        </table>
      </details>
    </section>
  );
}

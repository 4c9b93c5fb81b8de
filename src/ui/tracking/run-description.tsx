// The run's description: markdown in the tag `mlflow.note.content` (where MLflow keeps it), shown
// rendered and sanitized (ui/sanitize.ts: marked + DOMPurify, ~27 KB gzipped, so loaded only when a
// run has a description), edited as plain text in a textarea.
import { useEffect, useState } from 'preact/hooks';
import type { Run } from '../../tracking/entities';
import { SYSTEM_TAGS } from '../../tracking/entities';
import { mlflow } from '../../tracking/default';

/** The description as safe HTML, or null while the renderer loads. */
function useMarkdown(text: string): string | null {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setHtml(null);
    if (text) import('../sanitize').then((m) => live && setHtml(m.renderMarkdown(text)));
    return () => {
      live = false;
    };
  }, [text]);
  return html;
}

export function RunDescription({ run }: { run: Run }) {
  const note = run.data.tags[SYSTEM_TAGS.note] ?? '';
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const html = useMarkdown(note);

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const client = mlflow.client();
      if (text.trim()) await client.setTag(run.info.runId, SYSTEM_TAGS.note, text);
      else if (note) await client.deleteTag(run.info.runId, SYSTEM_TAGS.note);
      setEditing(false);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="run-description">
      <div class="card-head">
        <h2 id="run-description">Description</h2>
        {!editing && (
          <button type="button" class="small" onClick={() => { setText(note); setEditing(true); }}>{note ? 'Edit description' : 'Add a description'}</button>
        )}
      </div>
      {editing ? (
        <form onSubmit={save}>
          <label for="run-description-text" class="vh">Description (markdown)</label>
          <textarea id="run-description-text" rows={8} value={text} onInput={(e) => setText(e.currentTarget.value)} autoFocus
            onKeyDown={(e) => e.key === 'Escape' && setEditing(false)} />
          <p class="hint">Markdown: **bold**, _italic_, `code`, lists, links, tables.</p>
          {error && <p role="alert" class="form-error">{error}</p>}
          <div class="form-actions">
            <button type="submit" class="primary" disabled={busy}>Save description</button>
            <button type="button" onClick={() => setEditing(false)}>Cancel</button>
          </div>
        </form>
      ) : note ? (
        html === null ? <p aria-busy="true" class="muted">Rendering…</p> : <div class="markdown" dangerouslySetInnerHTML={{ __html: html }} />
      ) : (
        <p class="muted">No description.</p>
      )}
    </section>
  );
}

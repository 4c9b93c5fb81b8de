// The run's description: markdown in the tag `mlflow.note.content`, where MLflow keeps it. Clearing
// it deletes the tag rather than leaving an empty one.
import type { Run } from '../../tracking/entities';
import { SYSTEM_TAGS } from '../../tracking/entities';
import { mlflow } from '../../tracking/default';
import { DescriptionEditor } from '../components/description-editor';

export function RunDescription({ run }: { run: Run }) {
  const note = run.data.tags[SYSTEM_TAGS.note] ?? '';
  return (
    <DescriptionEditor
      id="run-description"
      text={note}
      onSave={async (text) => {
        const client = mlflow.client();
        if (text.trim()) await client.setTag(run.info.runId, SYSTEM_TAGS.note, text);
        else if (note) await client.deleteTag(run.info.runId, SYSTEM_TAGS.note);
      }}
    />
  );
}

// A run's tags: the user's own are editable; the system tags (`mlflow.*`) are apart and read-only —
// they are the run's bookkeeping (user, source, parent, model history), and changing them by hand
// would break the views that read them.
import type { Run } from '../../tracking/entities';
import { mlflow } from '../../tracking/default';
import { TagsEditor } from '../components/tags-editor';
import { t } from '../i18n/t';

export function isSystemTag(key: string): boolean {
  return key.startsWith('mlflow.');
}

export function RunTags({ run }: { run: Run }) {
  const runId = run.info.runId;
  const client = mlflow.client();
  return (
    <TagsEditor
      id="run-tags"
      tags={run.data.tags}
      isSystem={isSystemTag}
      refuse={(key) => (isSystemTag(key) ? t('run.systemTag', { key }) : null)}
      onSet={(key, value) => client.setTag(runId, key, value)}
      onDelete={(key) => client.deleteTag(runId, key)}
    />
  );
}

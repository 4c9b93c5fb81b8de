// The notebooks database, opened once per tab. Apart from sessions.ts (and so in the entry chunk, with
// the small store module): on the notebook route the shell opens it (ui/app.tsx) while the notebook
// page's chunks are still loading, instead of after they have run.
import { NotebooksStore } from '../../notebook/notebooks-store';
import { t } from '../i18n/t';

let storePromise: Promise<NotebooksStore> | undefined;

/** The notebooks database, opened once per tab. */
export function notebooksStore(): Promise<NotebooksStore> {
  return (storePromise ??= NotebooksStore.open({
    onBlocked: () => alert(t('misc.olderTab')),
  }));
}

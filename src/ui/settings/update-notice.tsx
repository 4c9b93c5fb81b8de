// "A new version of Kiroku is ready": shown when the service worker installed a newer build while this
// tab was open. The tab keeps what it runs (a kernel's variables) until the user reloads.
import { useEffect, useState } from 'preact/hooks';
import { onAppUpdated, registerServiceWorker } from '../../sw/register';
import { t } from '../i18n/t';

let registered = false;

export function UpdateNotice() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!registered) {
      registered = true;
      registerServiceWorker();
    }
    return onAppUpdated(() => setReady(true)) as () => void;
  }, []);
  if (!ready) return null;
  return (
    <div class="storage-notice" role="status">
      {t('notice.update')}
      <button type="button" onClick={() => location.reload()}>
        {t('notice.reload')}
      </button>
      <button type="button" aria-label={t('common.dismiss')} onClick={() => setReady(false)}>
        ×
      </button>
    </div>
  );
}

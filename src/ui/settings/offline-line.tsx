// What Settings says about working offline: only what is true of this page (sw/register.ts knows).
import { formatBytes } from '../format';
import { offlineState } from '../../sw/register';
import type { StorageStatus } from '../../workspace';
import { t } from '../i18n/t';
import { rich } from '../i18n/rich';

export function OfflineLine({ status }: { status: StorageStatus }) {
  switch (offlineState()) {
    case 'saved':
      return (
        <>
          {t('off.saved', {
            size: formatBytes((status.details.caches ?? 0) + (status.details.serviceWorkerRegistrations ?? 0)),
          })}
        </>
      );
    case 'saving':
      return <>{t('off.saving')}</>;
    case 'development':
      return (
        <>
          {rich('off.development', {
            start: <code>npm start</code>,
            build: <code>npm run build</code>,
            dist: <code>dist/</code>,
            preview: <code>npm run preview</code>,
          })}
        </>
      );
    case 'failed':
      return <>{t('off.failed')}</>;
    case 'unsupported':
      return <>{t('off.unsupported')}</>;
  }
}

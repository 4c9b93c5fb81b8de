// The shell's banner for storage situations the user must act on: another tab holds an old version
// of a database open (an upgrade waits for it), or this tab closed its connection so another tab
// could upgrade (reload to continue).
import { useEffect, useState } from 'preact/hooks';
import { onStorageNotice, type StorageNotice } from '../../storage/notices';
import { t } from '../i18n/t';
import { rich } from '../i18n/rich';

export function StorageNotices() {
  const [notice, setNotice] = useState<StorageNotice | null>(null);
  useEffect(() => onStorageNotice(setNotice) as () => void, []);
  if (!notice) return null;
  return (
    <div class="storage-notice" role="alert">
      {notice.type === 'upgrade-blocked'
        ? rich('notice.upgradeBlocked', { db: <code>{notice.database}</code> })
        : notice.type === 'disk-full'
          ? rich('notice.diskFull', {
              reserve: notice.reserveUsed ? t('notice.reserve') : '',
              settings: <a href="#/settings">{t('notice.settingsLink')}</a>,
            })
          : rich('notice.closed', { db: <code>{notice.database}</code> })}{' '}
      {notice.type === 'closed-for-upgrade' && (
        <button type="button" onClick={() => location.reload()}>
          {t('notice.reload')}
        </button>
      )}
      <button type="button" aria-label={t('common.dismiss')} onClick={() => setNotice(null)}>
        ×
      </button>
    </div>
  );
}

// The shell's banner for storage situations the user must act on: another tab holds an old version
// of a database open (an upgrade waits for it), or this tab closed its connection so another tab
// could upgrade (reload to continue).
import { useEffect, useState } from 'preact/hooks';
import { onStorageNotice, type StorageNotice } from '../../storage/notices';

export function StorageNotices() {
  const [notice, setNotice] = useState<StorageNotice | null>(null);
  useEffect(() => onStorageNotice(setNotice) as () => void, []);
  if (!notice) return null;
  return (
    <div class="storage-notice" role="alert">
      {notice.type === 'upgrade-blocked'
        ? <>A newer Kiroku is waiting for another tab to close the <code>{notice.database}</code> database. Close the other Kiroku tabs (or reload them) to continue.</>
        : notice.type === 'disk-full'
          ? <>The disk is full{notice.reserveUsed ? ': Kiroku used the space it holds back to save your last change' : ''}. Free space in <a href="#/settings">Settings → Storage</a> (permanently delete deleted runs, or delete artifacts you no longer need).</>
          : <>Another tab is upgrading or clearing Kiroku's storage (<code>{notice.database}</code>). Reload this tab to continue.</>}
      {' '}
      {notice.type === 'closed-for-upgrade' && <button type="button" onClick={() => location.reload()}>Reload</button>}
      <button type="button" aria-label="Dismiss" onClick={() => setNotice(null)}>×</button>
    </div>
  );
}

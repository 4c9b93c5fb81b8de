// The shell's notice of a slow server: once a request to a tracking server has waited a moment, it
// says so, for how long, and offers Cancel — every wait on a server can be stopped (lib/waits.ts), so
// a server that hangs never leaves a view "Loading…" with nothing to do. Cancelled views show why, and
// look again on the next change or when asked.
import { useEffect, useState } from 'preact/hooks';
import { cancelWaits, currentWaits, onWaitsChange, type WaitInfo } from '../../lib/waits';
import { t } from '../i18n/t';

/** A wait is shown after this long: quick answers never flash a notice. */
const SHOW_AFTER_MS = 1000;

export function ServerWaits() {
  const [waits, setWaits] = useState<WaitInfo[]>([]);
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => onWaitsChange(() => setWaits(currentWaits())) as () => void, []);
  // The clock ticks while anything waits: started when the first wait comes, stopped when the last goes
  // (not restarted as waits come and go in between).
  const waiting = waits.length > 0;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setNow(performance.now()), 500);
    return () => clearInterval(timer);
  }, [waiting]);
  const slow = waits.filter((w) => now - w.since >= SHOW_AFTER_MS);
  if (!slow.length) return null;
  const hosts = [...new Set(slow.map((w) => w.what))];
  const seconds = Math.floor((now - Math.min(...slow.map((w) => w.since))) / 1000);
  return (
    <div class="storage-notice server-waits" role="status">
      <span aria-busy="true">
        {t('waits.loading', {
          hosts: hosts.join(', '),
          seconds,
          requests: slow.length > 1 ? t('waits.requests', { count: slow.length }) : '',
        })}
      </span>
      <button type="button" onClick={cancelWaits}>
        {t('dialog.cancel')}
      </button>
    </div>
  );
}

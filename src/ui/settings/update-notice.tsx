// "A new version of Kiroku is ready": shown when the service worker installed a newer build while this
// tab was open. The tab keeps what it runs (a kernel's variables) until the user reloads.
import { useEffect, useState } from 'preact/hooks';
import { onAppUpdated, registerServiceWorker } from '../../sw/register';

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
      A new version of Kiroku is ready. Reload to use it (save your work first: a reload restarts the kernels).
      <button type="button" onClick={() => location.reload()}>Reload</button>
      <button type="button" aria-label="Dismiss" onClick={() => setReady(false)}>×</button>
    </div>
  );
}

// What Settings says about working offline: only what is true of this page (sw/register.ts knows).
import { formatBytes } from '../format';
import { offlineState } from '../../sw/register';
import type { StorageStatus } from '../../workspace';

export function OfflineLine({ status }: { status: StorageStatus }) {
  switch (offlineState()) {
    case 'saved':
      return <>App saved for offline use: {formatBytes((status.details.caches ?? 0) + (status.details.serviceWorkerRegistrations ?? 0))}. It opens without a network.</>;
    case 'saving':
      return <>Saving the app for offline use… (it opens without a network once this is done).</>;
    case 'development':
      return <>Not saved for offline use: this is the development server (<code>npm start</code>), which never is. The built app (<code>npm run build</code>, served from <code>dist/</code>, e.g. by <code>npm run preview</code>) saves itself on the first visit and then works offline.</>;
    case 'failed':
      return <>Not saved for offline use: the browser refused the app's service worker (a private window, or storage blocked); it works online only.</>;
    case 'unsupported':
      return <>Not saved for offline use: this browser has no service workers; the app works online only.</>;
  }
}
